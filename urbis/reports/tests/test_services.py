"""Services on a real database: filing, routing, due dates, transitions, merge, reporter
actions, retention purge, access log."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from urbis.core.models import AccessLogEntry, AuditEvent
from urbis.reports import selectors, services
from urbis.reports.models import Report, Reporter, StatusChange
from urbis.reports.tests.conftest import file, jpeg_bytes

pytestmark = pytest.mark.django_db

TUESDAY = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)


@time_machine.travel(TUESDAY, tick=False)
def test_filing_routes_sets_due_date_and_mails_the_follow_link(
    categories, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = services.report_submit(actor=None, data=file())
    report = result.report
    assert result.created and report.status == "new"
    assert report.team.code == "cleaning"
    assert report.due_on == dt.date(2026, 12, 4)  # 3 working days
    assert report.category_version.version == 1
    assert StatusChange.objects.filter(report=report, to_status="new").count() == 1
    assert AuditEvent.objects.filter(action="reports.report_filed", object_id=str(report.pk))
    assert len(mail.outbox) == 1 and report.token in mail.outbox[0].body


def test_a_report_keeps_the_category_version_it_was_filed_under(categories, teams) -> None:
    first = services.report_submit(actor=None, data=file()).report
    services.category_save(actor=None, code="littering", sla_days=10)
    second = services.report_submit(actor=None, data=file(description="Other")).report
    assert first.category_version.sla_days == 3 and first.category_version.version == 1
    assert second.category_version.version == 2 and second.category_version.sla_days == 10


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"lat": None, "lon": None, "address": ""}, "location", id="missing-location"),
        pytest.param({"lat": 50.85, "lon": 4.35}, "location", id="out-of-city-Brussels"),
        pytest.param({"lat": 51.02, "lon": None}, "location", id="half-a-location"),
        pytest.param({"description": "x" * 4001}, "description", id="over-4000-GeoReport"),
        pytest.param({"description": "<b>look</b>"}, "description", id="html-GeoReport"),
        pytest.param({"category_code": "nope"}, "category", id="unknown-category"),
        pytest.param({"category_code": "internal"}, "category", id="staff-only-category"),
        pytest.param(
            {"category_code": "illegal-dumping"}, "attribute.volume", id="required-attribute"
        ),
        pytest.param(
            {"category_code": "illegal-dumping", "attributes": {"volume": ["lorry"]}},
            "attribute.volume",
            id="unknown-attribute-value",
        ),
        pytest.param({"email": "not-an-address"}, "email", id="bad-email"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(categories, changes, field) -> None:
    with pytest.raises(ValidationError) as error:
        services.report_submit(actor=None, data=file(**changes))
    assert field in error.value.message_dict
    assert Report.objects.count() == 0 and Reporter.objects.count() == 0


def test_address_only_is_a_location(categories) -> None:
    report = services.report_submit(
        actor=None, data=file(lat=None, lon=None, address="Bruul 12")
    ).report
    assert report.lat is None and report.address == "Bruul 12"


def test_a_retried_submission_makes_no_second_report(categories) -> None:
    first = services.report_submit(actor=None, data=file(), submission_token="abc")
    again = services.report_submit(actor=None, data=file(), submission_token="abc")
    assert first.created and not again.created and again.report.pk == first.report.pk
    assert Report.objects.count() == 1


def test_photos_are_re_encoded_without_exif_and_fakes_refused(categories) -> None:
    from PIL import Image

    photo = SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg")
    report = services.report_submit(actor=None, data=file(), photos=[photo]).report
    stored = report.photos.get()
    with stored.image.open("rb") as handle:
        image = Image.open(handle)
        assert not image.getexif()
    fake = SimpleUploadedFile("p.jpg", b"GIF89a not really", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        services.report_submit(actor=None, data=file(description="other"), photos=[fake])
    assert "photos" in error.value.message_dict
    four = [SimpleUploadedFile(f"{i}.jpg", jpeg_bytes()) for i in range(4)]
    with pytest.raises(ValidationError):
        services.report_submit(actor=None, data=file(description="four"), photos=four)
    assert Report.objects.count() == 1


def test_flood_from_one_address_is_throttled(categories, settings) -> None:
    settings.URBIS_REPORTS_POSTS_PER_HOUR_ADDRESS = 2
    for n in range(2):
        services.report_submit(actor=None, data=file(description=f"n{n}"), client_address="1.2.3.4")
    with pytest.raises(services.ThrottledError):
        services.report_submit(actor=None, data=file(description="n3"), client_address="1.2.3.4")
    services.report_submit(actor=None, data=file(description="n4"), client_address="5.6.7.8")
    assert Report.objects.count() == 3


def test_routing_rule_first_match_and_manual_reassignment(categories, teams, public_space) -> None:
    from urbis.reports.models import Category

    services.routing_rule_create(
        actor=None,
        order=1,
        team=teams["enforcement"],
        category=Category.objects.get(code="littering"),
    )
    report = services.report_submit(actor=None, data=file()).report
    assert report.team.code == "enforcement"
    assert report.assignments.get().rule is not None
    services.report_assign(
        actor=public_space,
        report=report,
        team=teams["cleaning"],
        assignee=public_space,
        note="desk knows",
    )
    report.refresh_from_db()
    assert report.team.code == "cleaning" and report.assignee == public_space
    assert report.assignments.count() == 2
    with pytest.raises(ValidationError):
        services.report_assign(
            actor=public_space, report=report, team=teams["enforcement"], assignee=public_space
        )


def test_transitions_keep_history_and_require_reasons(categories, public_space) -> None:
    report = services.report_submit(actor=None, data=file()).report
    with pytest.raises(ValidationError) as error:
        services.report_transition(actor=public_space, report=report, to_status="no_action")
    assert "text" in error.value.message_dict
    services.report_transition(actor=public_space, report=report, to_status="acknowledged")
    services.report_transition(
        actor=public_space,
        report=report,
        to_status="not_competent",
        text="Private ground",
        forwarded_to="De Lijn",
    )
    report.refresh_from_db()
    assert report.status == "not_competent" and report.forwarded_to == "De Lijn"
    assert report.closed_at is not None
    assert [c.to_status for c in report.status_changes.all()] == [
        "new",
        "acknowledged",
        "not_competent",
    ]


def test_merge_tells_the_reporters_of_both(
    categories, public_space, django_capture_on_commit_callbacks
) -> None:
    original = services.report_submit(actor=None, data=file(email="first@example.org")).report
    duplicate = services.report_submit(
        actor=None, data=file(description="same bin", email="second@example.org")
    ).report
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_transition(
            actor=public_space, report=duplicate, to_status="duplicate", duplicate_of=original
        )
    duplicate.refresh_from_db()
    assert duplicate.status == "duplicate" and duplicate.duplicate_of == original
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == ["first@example.org", "second@example.org"]
    with pytest.raises(ValidationError):
        services.report_transition(
            actor=public_space, report=original, to_status="duplicate", duplicate_of=original
        )


def test_reporter_reopens_adds_info_and_gives_feedback(categories, public_space) -> None:
    report = services.report_submit(actor=None, data=file()).report
    services.report_add_info(report=report, text="It is getting worse")
    with pytest.raises(ValidationError):
        services.report_reopen_request(report=report, text="not fixed")  # still open
    with pytest.raises(ValidationError):
        services.report_feedback(report=report, rating=5)  # not closed yet
    services.report_transition(actor=public_space, report=report, to_status="resolved")
    services.report_feedback(report=report, rating=2, text="Took long")
    with pytest.raises(ValidationError):
        services.report_reopen_request(report=report, text="")
    services.report_reopen_request(report=report, text="Still there")
    report.refresh_from_db()
    assert report.status == "reopened" and report.closed_at is None
    assert report.status_changes.last().by == "reporter"
    assert [m.kind for m in report.messages.all()] == ["info", "feedback", "reopen"]


def test_join_instead_of_duplicate(categories) -> None:
    report = services.report_submit(actor=None, data=file()).report
    services.report_join(report=report, email="neighbour@example.org")
    assert report.reporters.count() == 2
    near = selectors.nearby_open("littering", 51.0287, 4.4802)
    assert [r.pk for r in near] == [report.pk]
    assert selectors.nearby_open("littering", 51.0400, 4.4801) == []
    assert selectors.nearby_open("speeding", 51.0287, 4.4802) == []


def test_contact_details_only_for_public_space_and_access_logged(
    categories, public_space, coordinator, ascertainer
) -> None:
    report = services.report_submit(actor=None, data=file()).report
    assert selectors.reporters_of(coordinator, report, purpose="reports.test") == []
    assert selectors.reporters_of(ascertainer, report, purpose="reports.test") == []
    seen = selectors.reporters_of(public_space, report, purpose="reports.reporter")
    assert [r.email for r in seen] == ["an@example.org"]
    assert (
        AccessLogEntry.objects.filter(user=public_space, object_type="reports.reporter").count()
        == 1
    )


def test_retention_purge_dry_run_then_real(categories, public_space) -> None:
    report = services.report_submit(actor=None, data=file(first_name="An", phone="0470")).report
    open_report = services.report_submit(actor=None, data=file(description="still open")).report
    services.report_transition(actor=public_space, report=report, to_status="resolved")
    later = timezone.now() + dt.timedelta(days=366)
    assert services.reporter_details_purge(actor=None, now=later, dry_run=True) == 1
    assert Reporter.objects.get(report=report).email == "an@example.org"
    assert services.reporter_details_purge(actor=None, now=later, dry_run=False) == 1
    purged = Reporter.objects.get(report=report)
    assert (purged.email, purged.first_name, purged.phone) == ("", "", "")
    assert purged.purged_at is not None
    assert Reporter.objects.get(report=open_report).email == "an@example.org"
    assert AuditEvent.objects.filter(action="reports.reporter_details_purged").count() == 1
    early = timezone.now() + dt.timedelta(days=10)
    assert services.reporter_details_purge(actor=None, now=early, dry_run=True) == 0


def test_subject_access_finds_one_persons_reports(categories, dpo, public_space) -> None:
    mine = services.report_submit(
        actor=None, data=file(first_name="An", last_name="Peeters")
    ).report
    services.report_submit(actor=None, data=file(description="other", email="b@example.org"))
    assert selectors.reports_of_person(dpo, email="AN@example.org") == [mine]
    assert selectors.reports_of_person(dpo, name="An Peeters") == [mine]
    assert selectors.reports_of_person(public_space, email="an@example.org") == []
    assert AccessLogEntry.objects.filter(user=dpo, purpose="reports.subject_access").exists()


def test_speeding_streets_list(categories, ascertainer) -> None:
    for n, address in enumerate(["Hanswijkvaart 40", "Hanswijkvaart 52, Mechelen", "Bruul 1"]):
        services.report_submit(
            actor=None, data=file("speeding", address=address, description=f"fast {n}")
        )
    services.speed_check_record(
        actor=ascertainer,
        street="Hanswijkvaart",
        done_on=dt.date(2026, 11, 1),
        result="12% over 50 km/h",
    )
    rows = selectors.speeding_streets(ascertainer)
    assert [(r.street, r.complaints) for r in rows] == [("Hanswijkvaart", 2), ("Bruul", 1)]
    assert rows[0].checks[0].result == "12% over 50 km/h"


def test_worklist_filters_and_overdue(categories, public_space) -> None:
    with time_machine.travel(TUESDAY, tick=False):
        old = services.report_submit(actor=None, data=file()).report
    new = services.report_submit(actor=None, data=file("speeding", description="fast")).report
    everything = selectors.worklist(public_space, selectors.WorklistFilters())
    assert {r.pk for r in everything} == {old.pk, new.pk}
    overdue = selectors.worklist(public_space, selectors.WorklistFilters(overdue=True))
    if timezone.localdate() > old.due_on:
        assert [r.pk for r in overdue] == [old.pk]
    by_team = selectors.worklist(public_space, selectors.WorklistFilters(team="enforcement"))
    assert [r.pk for r in by_team] == [new.pk]
