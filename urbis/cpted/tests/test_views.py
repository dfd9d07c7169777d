"""CPTED pages and API: access (planners see their projects, advisors assess, outsiders get
404), bad input is 400 with the message and nothing saved, the report's sections."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from urbis.core.demo.city import load_core_demo
from urbis.core.models import AccessLogEntry, User
from urbis.core.testing.fixtures import create_user, verified_client
from urbis.cpted import services
from urbis.cpted.demo import load_cpted_demo
from urbis.cpted.models import (
    Assessment,
    InvestmentProject,
    Rating,
    Recommendation,
    TriageFlow,
)
from urbis.cpted.tests.zone_form import zone_data, zone_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: None) -> InvestmentProject:
    load_core_demo(None)
    assert load_cpted_demo(None).startswith("4 CPTED projects")
    return InvestmentProject.objects.get(name="Woonproject Vijfhoek (demo)")


def _user(name: str) -> User:
    return User.objects.get(username=name)


def _pages(project: InvestmentProject) -> list[str]:
    assessment = project.assessments.get()
    rec = project.recommendations.first()
    return [
        reverse("cpted:projects"),
        reverse("cpted:project_create"),
        reverse("cpted:project", args=[project.pk]),
        reverse("cpted:project_edit", args=[project.pk]),
        reverse("cpted:triage", args=[project.pk]),
        reverse("cpted:flow"),
        reverse("cpted:dashboard"),
        reverse("cpted:import"),
        reverse("cpted:checklists"),
        reverse("cpted:checklist_download", args=[assessment.template_id, "yaml"]),
        reverse("cpted:checklist_download", args=[assessment.template_id, "json"]),
        "/api/v1/cpted/checklists/",
        reverse("cpted:assessment", args=[assessment.pk]),
        reverse("cpted:report", args=[assessment.pk, "en"]),
        f"/api/v1/cpted/projects/{project.pk}/",
        "/api/v1/cpted/projects/",
        f"/api/v1/cpted/recommendations/?project={project.pk}",
        f"/api/v1/cpted/recommendations/{rec.pk}/",
    ]


def test_outsider_gets_404_everywhere(demo, outsider) -> None:
    client = verified_client(outsider)
    for url in _pages(demo):
        assert client.get(url).status_code == 404, url
    rec = demo.recommendations.first()
    response = client.post(
        reverse("cpted:recommendation_status", args=[rec.pk]), {"status": "accepted"}
    )
    assert response.status_code == 404


def test_advisor_and_coordinator_open_every_page(demo) -> None:
    for name in ("cpted", "coordinator"):
        client = verified_client(_user(name))
        for url in _pages(demo):
            assert client.get(url).status_code == 200, (name, url)


def test_planner_sees_only_their_projects(demo, make_user) -> None:
    own = verified_client(_user("planner"))
    assert own.get(reverse("cpted:project", args=[demo.pk])).status_code == 200
    other = verified_client(create_user("planner", username="other-planner"))
    assert other.get(reverse("cpted:project", args=[demo.pk])).status_code == 404
    assert "Vijfhoek" not in other.get(reverse("cpted:projects")).content.decode()
    # Planners do not assess and do not see the portfolio.
    assessment = demo.assessments.get()
    assert own.get(reverse("cpted:dashboard")).status_code == 404
    response = own.post(
        reverse("cpted:assessment", args=[assessment.pk]), {"form": "visit", "kind": "day"}
    )
    assert response.status_code == 404


def test_planner_registers_and_triages_a_project(demo) -> None:
    client = verified_client(_user("planner"))
    department = demo.department
    response = client.post(
        reverse("cpted:project_create"),
        {
            "name": "Nekkerspoel flats",
            "department": department.pk,
            "project_leader": _user("planner").pk,
            "project_type": "housing",
            "budget": "2500000",
            "dwellings": "14",
            "floor_area": "0",
            "parking_spaces": "0",
            "phase": "idea",
            "location_geojson": '{"type": "Point", "coordinates": [4.49, 51.03]}',
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    project = InvestmentProject.objects.get(name="Nekkerspoel flats")
    assert (project.lat, project.lon) == (51.03, 4.49)
    url = reverse("cpted:triage", args=[project.pk])
    page = client.get(url).content.decode()
    assert 'name="T4" value="14"' in page  # suggested from the project
    missing = client.post(url, {"T15": "false", "T2": "new_build", "T1": ["housing"]})
    assert missing.status_code == 400
    assert "Number of dwellings: an answer is required." in missing.content.decode()
    assert not project.triages.exists()
    done = client.post(url, {"T15": "false", "T2": "new_build", "T1": ["housing"], "T4": "14"})
    assert done.status_code == 302
    detail = client.get(reverse("cpted:project", args=[project.pk])).content.decode()
    assert "T4 Number of dwellings: 14 → 10 or more dwellings" in detail
    assert "before the preliminary design closes" in detail


def test_bad_location_is_a_form_error(demo) -> None:
    client = verified_client(_user("planner"))
    response = client.post(
        reverse("cpted:project_edit", args=[demo.pk]),
        {
            "name": demo.name,
            "department": demo.department_id,
            "project_leader": demo.project_leader_id,
            "project_type": "housing",
            "budget": "0",
            "dwellings": "1",
            "floor_area": "0",
            "parking_spaces": "0",
            "location_geojson": '{"type": "Point", "coordinates": [400, 51]}',
        },
    )
    assert response.status_code == 400
    assert "Latitude must lie in" in response.content.decode()


def test_flow_with_a_dead_end_is_refused_with_question_and_branch(demo) -> None:
    client = verified_client(_user("coordinator"))
    versions = TriageFlow.objects.count()
    document = """
start: A
questions:
  A: {text: Start, type: bool, rules: [{op: is, value: true, then: B}], else: "outcome:no_check"}
  B: {text: Size, type: int, rules: [{op: ">=", value: 5, then: "outcome:full_check"}]}
  C: {text: Colour, type: colour, else: "outcome:no_check"}
"""
    response = client.post(reverse("cpted:flow"), {"document": document, "version": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "B: dead end" in html
    assert "C: unknown answer type &#x27;colour&#x27;" in html
    assert TriageFlow.objects.count() == versions


def test_flow_page_draws_the_diagram(demo) -> None:
    html = verified_client(_user("planner")).get(reverse("cpted:flow")).content.decode()
    assert "<svg" in html and 'data-question="T4"' in html and 'data-outcome="full_check"' in html
    assert "Validate and save" not in html  # planners read, the coordinator edits


def test_rating_outside_scale_is_400_and_not_saved(demo) -> None:
    client = verified_client(_user("cpted"))
    project = InvestmentProject.objects.get(name="Herinrichting Kruidtuin (demo)")
    assessment = services.assessment_start(
        actor=_user("cpted"), project=project, template=demo.assessments.get().template
    )
    response = client.post(
        zone_url(assessment, assessment.zones.get()),
        zone_data(assessment, {"NS-01": {"value": "3"}, "NS-03": {"value": "7"}}),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The rating must lie between 1 and 5." in html
    assert 'href="#row-NS-03"' in html  # the error summary links to the row
    assert not Rating.objects.filter(assessment=assessment).exists()


def test_rejection_without_motivation_is_400(demo) -> None:
    client = verified_client(_user("planner"))
    rec = demo.recommendations.get(requirement="advised")
    url = reverse("cpted:recommendation_status", args=[rec.pk])
    response = client.post(url, {"status": "rejected", "motivation": ""})
    assert response.status_code == 400
    assert "A rejected recommendation needs a motivation." in response.content.decode()
    rec.refresh_from_db()
    assert rec.status == "open"


def test_phase_jump_past_open_mandatory_advice_is_refused(demo) -> None:
    client = verified_client(_user("planner"))
    url = reverse("cpted:project_phase", args=[demo.pk])
    assert client.post(url, {"phase": "final_design"}).status_code == 302
    response = client.post(url, {"phase": "execution"})
    assert response.status_code == 400
    assert "cannot be approved while 1 mandatory" in response.content.decode()
    demo.refresh_from_db()
    assert demo.phase == "final_design"


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_report_has_the_required_sections(demo) -> None:
    client = verified_client(_user("planner"))
    assessment = demo.assessments.get()
    response = client.get(reverse("cpted:report", args=[assessment.pk, "en"]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    for section in (
        "1. Project and context",
        "2. Triage decision",
        "3. Method and site visits",
        "4. Crime and nuisance context",
        "5. Findings per strategy",
        "6. Red flags",
        "7. Recommendations",
        "All recommendations, by priority",
        "8. Management and maintenance plan",
        "9. Follow-up",
        "10. Sign-off",
    ):
        assert section in text, section
    assert "10 or more dwellings" in text
    assert "Night walk" in text
    assert "NS-03 (Binnenkoer)" in text
    assert "Signed off by Bart Claes" in text
    dutch = _pdf_text(client.get(reverse("cpted:report", args=[assessment.pk, "nl"])).content)
    assert "Projectgegevens en context" in dutch


def test_photo_views_are_access_logged(demo, settings, tmp_path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    project = InvestmentProject.objects.get(name="Herinrichting Kruidtuin (demo)")
    advisor = _user("cpted")
    assessment = services.assessment_start(
        actor=advisor, project=project, template=demo.assessments.get().template
    )
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="PNG")
    client = verified_client(advisor)
    photo = SimpleUploadedFile("a.png", buffer.getvalue(), content_type="image/png")
    response = client.post(
        zone_url(assessment, assessment.zones.get()),
        zone_data(assessment, {"NS-02": {"value": "2", "photo": photo}}),
    )
    assert response.status_code == 302
    photo = Rating.objects.get(assessment=assessment).photos.get()
    assert client.get(reverse("cpted:photo", args=[photo.pk])).status_code == 200
    assert AccessLogEntry.objects.filter(
        object_type="cpted.photo", object_id=str(photo.pk)
    ).exists()


def test_dashboard_figures(demo) -> None:
    html = verified_client(_user("coordinator")).get(reverse("cpted:dashboard")).content.decode()
    # Four projects triaged; housing and park qualify (full check); housing was checked.
    assert '<p class="big" id="triaged">4 / 4</p>' in html
    assert '<p class="big" id="in-time">1 / 2</p>' in html
    assert "Stad Mechelen – Stadsontwikkeling" in html


def test_import_preview_then_commit(demo) -> None:
    client = verified_client(_user("coordinator"))
    csv_text = (
        "name;department;project_leader;type;dwellings;phase\n"
        "Ring road square;Stadsontw.;planner;public_space;0;idea\n"
        "Bad row;Nowhere;planner;castle;x;idea\n"
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload(text: str, commit: bool):  # type: ignore[no-untyped-def]
        data = {"file": SimpleUploadedFile("p.csv", text.encode(), content_type="text/csv")}
        if commit:
            data["commit"] = "on"
        return client.post(reverse("cpted:import"), data)

    response = upload(csv_text, True)
    assert response.status_code == 400
    html = response.content.decode()
    assert "valid: Ring road square" in html and "unknown department Nowhere" in html
    assert not InvestmentProject.objects.filter(name="Ring road square").exists()
    assert (
        upload(csv_text.splitlines(True)[0] + csv_text.splitlines(True)[1], True).status_code == 302
    )
    assert InvestmentProject.objects.filter(name="Ring road square").exists()


def test_red_flag_made_mandatory_advice_in_demo(demo) -> None:
    assessment = Assessment.objects.get(project=demo)
    rec = Recommendation.objects.get(project=demo, requirement="mandatory")
    assert rec.item.code == "NS-03" and rec.assessment == assessment


@pytest.mark.parametrize(
    "language, expected",
    [("nl", "Investeringsprojecten"), ("fr", "CPTED : projets d'investissement")],
)
def test_pages_are_translated(demo, language: str, expected: str) -> None:
    from django.utils import translation

    client = verified_client(_user("cpted"))
    with translation.override(language):
        html = client.get(reverse("cpted:projects"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert expected in html


def test_assessment_page_links_the_reports_in_three_languages(demo) -> None:
    html = (
        verified_client(_user("cpted"))
        .get(reverse("cpted:assessment", args=[demo.assessments.get().pk]))
        .content.decode()
    )
    for language in ("nl", "fr", "en"):
        assert f'data-report="{language}"' in html
    assert 'id="red-flags"' in html
