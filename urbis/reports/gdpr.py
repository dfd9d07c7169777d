"""The reports app's GDPR declarations for the core registry (docs/gdpr.md): its processing
activity (art. 30), the retention rule for reporter details (counted from closure), its
subject-access provider (art. 15: reports found by the reporter's e-mail address) and the
readable names of its objects in the access-log search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbis.core.audit import log_access_many
from urbis.core.gdpr.registry import (
    ProcessingActivity,
    RetentionRule,
    SubjectItem,
    SubjectItems,
    SubjectQuery,
    register_object_describer,
    register_processing_activity,
    register_retention_rule,
    register_subject_provider,
)
from urbis.core.types import Actor
from urbis.reports.models import Report, Reporter
from urbis.reports.services import reporter_details_purge

register_processing_activity(
    ProcessingActivity(
        code="reports.public_space_reports",
        app="reports",
        name=_("Public-space reports (incivilities) from citizens and partners"),
        purposes=(
            _(
                "Take reports of problems in public space, route them to the team that fixes "
                "them, tell the reporter what happened, and turn findings into GAS "
                "ascertainments."
            ),
        ),
        legal_basis=(
            _(
                "GDPR art. 6(1)(e): a task in the public interest (the municipality's care for "
                "cleanliness, safety and tranquillity in public space, Nieuwe Gemeentewet "
                "art. 135 §2)."
            ),
        ),
        data_subjects=(_("reporters (citizens)"),),
        data_categories=(
            _("name (optional)"),
            _("e-mail address and phone number (optional)"),
            _("the report's text, place and photos (may show people)"),
        ),
        recipients=(
            _("the city's public-space service"),
            _("the enforcement team (no reporter details)"),
            _("the GAS sanctioning official (facts only, via an ascertainment)"),
        ),
        retention=_(
            "Reporter details are erased URBIS_REPORTS_RETENTION_DAYS days after closure "
            "(default 365, nightly GDPR retention run, rule reports.reporter_details); the "
            "report itself is kept for statistics without personal data."
        ),
        security=(
            _("contact details shown only to the public-space role, every read access-logged"),
            _("the follow link is a 256-bit secret; photos re-encoded without EXIF location"),
            _("Open311 keys stored hashed; POST throttled per key and per address (keyed hash)"),
        ),
    )
)


def _purge_reporter_details(today: dt.date, dry_run: bool) -> int:
    """Reporter name, e-mail and phone erased once the retention after closure has run out,
    counted at the start of ``today`` (the nightly run's day)."""
    start_of_day = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    return reporter_details_purge(actor=None, now=start_of_day, dry_run=dry_run)


register_retention_rule(
    RetentionRule(
        code="reports.reporter_details",
        app="reports",
        category=_("Reporter contact details of public-space reports"),
        retention=_("URBIS_REPORTS_RETENTION_DAYS days (default 365) after the report's closure"),
        action="anonymise",
        run=_purge_reporter_details,
    )
)


def find_subject(query: SubjectQuery, *, user: Actor) -> SubjectItems:
    """The reports a person filed or joined, found by their e-mail address (reports hold no
    national number). Core's ``subject_access`` lets only the DPO (or the system, for the
    command) get here; every reporter row read is access-logged."""
    result = SubjectItems(app="reports", label=str(_("Public-space reports")))
    email = query.email.strip()
    if not email:
        return result
    reporters = list(
        Reporter.objects.filter(email__iexact=email)
        .select_related("report__category")
        .order_by("report_id", "pk")
    )
    if reporters:
        # The DPO's own reads for an art. 15 answer: the shared purpose, which the unusual-access
        # alert leaves out (core.gdpr.selectors.unusual_access), as the other apps' providers do.
        log_access_many(user=user, targets=reporters, purpose="gdpr.subject_access")
    by_report: dict[int, list[Reporter]] = {}
    for reporter in reporters:
        by_report.setdefault(reporter.report_id, []).append(reporter)
    for mine in by_report.values():
        report = mine[0].report
        result.items.append(
            SubjectItem(
                kind="report",
                label=str(report),
                data={
                    "report": report.pk,
                    "category": str(report.category),
                    "created_at": report.created_at.isoformat(),
                    "status": report.status,
                    "description": report.description,
                    "address": report.address,
                    "reporter": [
                        {
                            "first_name": r.first_name,
                            "last_name": r.last_name,
                            "email": r.email,
                            "phone": r.phone,
                            "joined_later": not r.original,
                        }
                        for r in mine
                    ],
                },
                object_type="reports.report",
                object_id=str(report.pk),
                also_read_as=tuple(("reports.reporter", str(r.pk)) for r in mine),
            )
        )
    return result


register_subject_provider("reports", _("Public-space reports"), find_subject)


def describe_reports(ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    wanted = [int(i) for i in ids if str(i).isdigit()]
    return {
        str(report.pk): (str(report), reverse("reports:report", args=[report.pk]))
        for report in Report.objects.filter(pk__in=wanted)
    }


register_object_describer("reports.report", describe_reports)
