"""Services on a real database: flow versions, triage decisions, ratings, red flags,
recommendations and the final-design gate, photos, import. Nothing is half-saved on error."""

from __future__ import annotations

import copy
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from urbis.core.models import AuditEvent
from urbis.cpted import selectors, services
from urbis.cpted.models import (
    PhaseChange,
    Rating,
    Recommendation,
    RecommendationChange,
    Triage,
    TriageFlow,
)
from urbis.cpted.tests.conftest import HOUSING_ANSWERS

pytestmark = pytest.mark.django_db


def test_default_flow_installed_with_thresholds_from_settings(settings, housing, planner) -> None:
    settings.URBIS_CPTED_TRIAGE_THRESHOLDS = {"dwellings": 30, "floor_area": 1000, "parking": 50}
    # The migration seeded the default with the thresholds of its day; re-seed with these.
    TriageFlow.objects.all().delete()
    services.cpted_defaults_install(actor=None)
    triage = services.triage_record(
        actor=planner,
        project=housing,
        answers={**HOUSING_ANSWERS, "T5": 0, "T6": 0, "T7": False, "T8": False, "T3": True},
    )
    # 24 dwellings is below the configured 30: the flow goes on to T3.
    assert triage.outcome == "self_check"
    assert TriageFlow.objects.get().document["questions"]["T4"]["rules"][0]["value"] == 30


def test_triage_stores_answers_version_outcome_path_and_moments(housing, planner) -> None:
    triage = services.triage_record(actor=planner, project=housing, answers=HOUSING_ANSWERS)
    assert triage.outcome == "full_check"
    assert triage.path[-1] == "T4 Number of dwellings: 24 → 10 or more dwellings"
    assert triage.flow.version == "default-2"
    assert triage.answers["T4"] == 24
    assert triage.check_moments_in("en") == [
        "before the preliminary design closes",
        "again before final design approval",
    ]
    assert AuditEvent.objects.filter(action="cpted.project_triaged").count() == 1


def test_triage_missing_answer_names_the_question(housing, planner) -> None:
    answers = {k: v for k, v in HOUSING_ANSWERS.items() if k != "T4"}
    with pytest.raises(ValidationError) as error:
        services.triage_record(actor=planner, project=housing, answers=answers)
    assert error.value.message_dict == {"T4": ["Number of dwellings: an answer is required."]}
    assert not Triage.objects.exists()


def test_flow_with_cycle_is_refused_naming_question_and_branch(coordinator) -> None:
    flow = services.default_flow_document()
    flow["questions"]["T3"]["else"] = "T15"  # back to the start
    with pytest.raises(ValidationError) as error:
        services.flow_save(actor=coordinator, document=flow, version="bad")
    messages = error.value.message_dict["document"]
    assert any(m.startswith("T3 else: cycle T15 →") for m in messages), messages
    assert not TriageFlow.objects.filter(version="bad").exists()


def test_flow_upload_yaml_and_new_version_becomes_the_one_in_use(coordinator) -> None:
    first = selectors.flow_current(coordinator)
    changed = copy.deepcopy(first.document)
    changed["questions"]["T4"]["rules"][0]["value"] = 5
    import yaml

    parsed = services.parse_flow_text(yaml.safe_dump(changed))
    second = services.flow_save(actor=coordinator, document=parsed, version="2026-2")
    assert selectors.flow_current(coordinator) == second
    with pytest.raises(ValidationError) as error:
        services.flow_save(actor=coordinator, document=parsed, version="2026-2")
    assert "version" in error.value.message_dict


def test_rating_outside_the_scale_is_refused(housing, cpted_advisor, template) -> None:
    assessment = services.assessment_start(actor=cpted_advisor, project=housing, template=template)
    item, zone = template.items.first(), assessment.zones.get()
    with pytest.raises(ValidationError) as error:
        services.rating_record(
            actor=cpted_advisor, assessment=assessment, item=item, zone=zone, value=6
        )
    assert error.value.message_dict["value"] == ["The rating must lie between 1 and 5."]
    assert not Rating.objects.exists()


def _assess(project, advisor, template, values):  # type: ignore[no-untyped-def]
    assessment = services.assessment_start(
        actor=advisor, project=project, template=template, zones=["Courtyard", "Street side"]
    )
    for (code, zone_name), value in values.items():
        services.rating_record(
            actor=advisor,
            assessment=assessment,
            item=template.items.get(code=code),
            zone=assessment.zones.get(name=zone_name),
            value=value,
        )
    return assessment


def test_completing_with_a_red_flag_creates_mandatory_advice(
    housing, cpted_advisor, template
) -> None:
    assessment = _assess(
        housing,
        cpted_advisor,
        template,
        {("NS-03", "Courtyard"): 2, ("NS-02", "Courtyard"): 5, ("AC-01", "Street side"): 5},
    )
    card = selectors.scored_ratings(assessment)
    assert len(card) == 2 * template.items.count()
    services.assessment_complete(
        actor=cpted_advisor,
        assessment=assessment,
        summary="Dark courtyard.",
        signed_off_by="B. Claes",
        accept_low_coverage=True,
    )
    rec = Recommendation.objects.get()
    assert (rec.requirement, rec.priority, rec.item.code) == ("mandatory", "high", "NS-03")
    assert "Courtyard" in rec.text
    # A completed assessment is not changed any more.
    with pytest.raises(ValidationError):
        services.rating_record(
            actor=cpted_advisor,
            assessment=assessment,
            item=template.items.get(code="NS-02"),
            zone=assessment.zones.get(name="Courtyard"),
            value=1,
        )


def test_rejection_needs_motivation_and_nothing_is_half_saved(housing, planner, department) -> None:
    rec = services.recommendation_create(
        actor=planner,
        project=housing,
        text="Light the path",
        kind="lighting",
        department=department,
    )
    with pytest.raises(ValidationError) as error:
        services.recommendation_set_status(actor=planner, recommendation=rec, status="rejected")
    assert error.value.message_dict == {
        "motivation": ["A rejected recommendation needs a motivation."]
    }
    rec.refresh_from_db()
    assert rec.status == "open" and rec.changes.count() == 1
    services.recommendation_set_status(
        actor=planner, recommendation=rec, status="rejected", motivation="Street lights exist."
    )
    rec.refresh_from_db()
    assert rec.status == "rejected" and rec.motivation == "Street lights exist."
    assert [c.to_status for c in rec.changes.all()] == ["open", "rejected"]


def test_lifecycle_to_verified(housing, planner, cpted_advisor, department) -> None:
    rec = services.recommendation_create(
        actor=cpted_advisor,
        project=housing,
        text="Lower hedges",
        kind="planting",
        department=department,
    )
    for status in ("accepted", "implemented", "verified"):
        rec = services.recommendation_set_status(actor=planner, recommendation=rec, status=status)
    with pytest.raises(ValidationError) as error:
        services.recommendation_set_status(actor=planner, recommendation=rec, status="open")
    assert "cannot go from “Verified” to “Open”" in error.value.message_dict["status"][0]


def test_final_design_approval_refused_while_mandatory_advice_is_open(
    housing, planner, cpted_advisor, department
) -> None:
    mandatory = services.recommendation_create(
        actor=cpted_advisor,
        project=housing,
        text="Open up the blind corner",
        kind="design_change",
        department=department,
        requirement="mandatory",
    )
    advised = services.recommendation_create(
        actor=cpted_advisor,
        project=housing,
        text="Add benches",
        kind="activity_programming",
        department=department,
    )
    services.project_set_phase(actor=planner, project=housing, phase="final_design")
    # Open advice is carried to the next phase, with its history.
    mandatory.refresh_from_db()
    advised.refresh_from_db()
    assert mandatory.phase == advised.phase == "final_design"
    assert mandatory.changes.last().from_phase == "preliminary_design"
    with pytest.raises(ValidationError) as error:
        services.project_set_phase(actor=planner, project=housing, phase="execution")
    assert "Open up the blind corner" in error.value.message_dict["phase"][0]
    housing.refresh_from_db()
    assert housing.phase == "final_design" and housing.final_design_approved_at is None
    assert PhaseChange.objects.filter(project=housing).count() == 2
    services.recommendation_set_status(actor=planner, recommendation=mandatory, status="accepted")
    services.project_set_phase(actor=planner, project=housing, phase="execution")
    housing.refresh_from_db()
    assert housing.phase == "execution" and housing.final_design_approved_at is not None
    assert RecommendationChange.objects.filter(to_phase="execution").count() == 2


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 1.0, 2.0)}  # GPSInfo
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_photo_is_reencoded_without_exif(
    housing, cpted_advisor, template, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    assessment = _assess(housing, cpted_advisor, template, {("NS-02", "Courtyard"): 3})
    rating = Rating.objects.get()
    raw = _jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif()
    photo = services.photo_add(
        actor=cpted_advisor,
        rating=rating,
        upload=SimpleUploadedFile("p.jpg", raw, content_type="image/jpeg"),
    )
    stored = Image.open(photo.image.path)
    assert not stored.getexif()
    with pytest.raises(ValidationError) as error:
        services.photo_add(
            actor=cpted_advisor,
            rating=rating,
            upload=SimpleUploadedFile("p.jpg", b"not an image", content_type="image/jpeg"),
        )
    assert "photo" in error.value.message_dict
    assert assessment.ratings.get().photos.count() == 1


def test_import_reports_per_row_and_is_all_or_nothing(planner, department) -> None:
    rows = [
        {"name": "Park A", "department": "Urban dev.", "project_leader": "planner", "type": "park"},
        {"name": "Bad", "department": "Nowhere", "project_leader": "planner", "type": "castle"},
    ]
    report = services.projects_import(actor=planner, rows=rows, commit=True)
    assert report.created == [(2, "Park A")]
    assert report.errors[0][0] == 3
    assert "unknown department Nowhere" in report.errors[0][1]
    assert "unknown project type castle" in report.errors[0][1]
    from urbis.cpted.models import InvestmentProject

    assert not InvestmentProject.objects.exists()
    report = services.projects_import(actor=planner, rows=rows[:1], commit=True)
    assert report.ok and InvestmentProject.objects.get().name == "Park A"


def test_visit_in_the_future_is_refused(housing, cpted_advisor, template) -> None:
    assessment = services.assessment_start(actor=cpted_advisor, project=housing, template=template)
    with pytest.raises(ValidationError) as error:
        services.visit_record(
            actor=cpted_advisor,
            assessment=assessment,
            kind="night",
            date=timezone.localdate() + dt.timedelta(days=3),
            participants="",
        )
    assert set(error.value.message_dict) == {"date", "participants"}
