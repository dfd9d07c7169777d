"""The reports app in the core GDPR instruments: its record of processing, the retention rule
run nightly with a proof, and subject access by e-mail with the read access-logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from urbis.core.gdpr import registry, selectors
from urbis.core.gdpr import services as gdpr
from urbis.core.gdpr.models import RetentionProof
from urbis.core.models import AccessLogEntry
from urbis.core.testing.fixtures import verified_client
from urbis.reports import selectors as report_selectors
from urbis.reports import services
from urbis.reports.models import Reporter
from urbis.reports.tests.conftest import file

pytestmark = pytest.mark.django_db


def test_the_processing_activity_and_the_retention_rule_are_registered() -> None:
    assert "reports.public_space_reports" in {a.code for a in registry.processing_activities()}
    assert "reports.reporter_details" in {r.code for r in registry.retention_rules()}


def test_subject_access_finds_the_reporters_reports_only_and_logs_the_read(categories, dpo) -> None:
    mine = services.report_submit(actor=None, data=file(first_name="An")).report
    services.report_submit(actor=None, data=file(description="other", email="b@example.org"))
    result = selectors.subject_access(dpo, registry.SubjectQuery(email="AN@example.org"))
    reports = next(app for app in result.apps if app.app == "reports")
    assert [item.data["report"] for item in reports.items] == [mine.pk]
    assert reports.items[0].data["reporter"][0]["email"] == "an@example.org"
    assert (
        AccessLogEntry.objects.filter(
            purpose="gdpr.subject_access", object_type="reports.reporter"
        ).count()
        == 1
    )


def test_staff_reads_of_the_reporters_contact_details_are_in_the_export_and_the_search(
    categories, dpo, public_space
) -> None:
    """Art. 15(1)(c): the person learns who saw their details. Staff reads of contact details
    are logged on the reporter rows, which the report's item names for the reads list."""
    mine = services.report_submit(actor=None, data=file(first_name="An")).report
    shown = report_selectors.reporters_of(public_space, mine, purpose="reports.reporter")
    assert [r.email for r in shown] == ["an@example.org"]
    result = selectors.subject_access(dpo, registry.SubjectQuery(email="an@example.org"))
    reads = [(r["object_type"], r["purpose"]) for r in result.reads]
    assert ("reports.reporter", "reports.reporter") in reads
    assert (
        AccessLogEntry.objects.filter(purpose__startswith="reports.", user=dpo).exists() is False
    ), "the DPO's own export reads carry the shared gdpr.subject_access purpose"


def test_the_nightly_retention_run_anonymises_reporters_after_closure_with_a_proof(
    categories, public_space
) -> None:
    closed = services.report_submit(actor=None, data=file(first_name="An")).report
    still_open = services.report_submit(actor=None, data=file(description="open")).report
    services.report_transition(actor=public_space, report=closed, to_status="resolved")
    today = timezone.localdate()
    dry = gdpr.retention_run(actor=None, today=today + dt.timedelta(days=367), dry_run=True)
    assert {r.rule: r.count for r in dry}["reports.reporter_details"] == 1
    assert Reporter.objects.get(report=closed).email == "an@example.org"
    gdpr.retention_run(
        actor=None, today=today + dt.timedelta(days=367), only="reports.reporter_details"
    )
    assert RetentionProof.objects.get(rule="reports.reporter_details").count == 1
    assert Reporter.objects.get(report=closed).email == ""
    assert Reporter.objects.get(report=still_open).email == "an@example.org"


def test_a_restricted_reporter_is_kept_but_neither_shown_nor_mailed(
    categories, dpo, public_space, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    """GDPR art. 18(1)-(2): restricted data is stored, not otherwise used."""
    report = services.report_submit(actor=None, data=file(first_name="An")).report
    reporter = Reporter.objects.get(report=report)
    gdpr.restriction_set(
        actor=dpo,
        object_type="reports.reporter",
        object_id=str(reporter.pk),
        reason="accuracy contested (art. 18(1)(a))",
    )
    mailoutbox.clear()
    assert report_selectors.reporters_of(public_space, report, purpose="reports.reporter") == []
    with django_capture_on_commit_callbacks(execute=True):
        services.report_transition(actor=public_space, report=report, to_status="acknowledged")
    assert mailoutbox == []
    assert Reporter.objects.get(pk=reporter.pk).email == "an@example.org"  # kept


def test_a_restricted_report_refuses_changes_with_a_400(categories, dpo, public_space) -> None:
    report = services.report_submit(actor=None, data=file()).report
    gdpr.restriction_set(
        actor=dpo, object_type="reports.report", object_id=str(report.pk), reason="objection"
    )
    with pytest.raises(ValidationError, match="restricted"):
        services.report_transition(actor=public_space, report=report, to_status="acknowledged")
    client = APIClient()
    client.force_authenticate(public_space)
    answer = client.post(
        f"/api/v1/reports/{report.pk}/status/", {"status": "acknowledged"}, format="json"
    )
    assert answer.status_code == 400
    report.refresh_from_db()
    assert report.status == "new"
    page = verified_client(public_space).get(f"/reports/{report.pk}/").content.decode()
    assert "data-restricted" in page and "restricted (GDPR art. 18)" in page
