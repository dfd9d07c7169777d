"""Retention: reporter contact details are erased a configurable time after closure (GDPR art.
5(1)(e) storage limitation). The report itself stays (statistics, the plan's indicators)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from urbis.core.audit import record_event
from urbis.core.types import Actor
from urbis.reports import conf
from urbis.reports.models import CLOSED_VALUES, Reporter


def purgeable(now: datetime) -> Any:
    days = int(conf.get("URBIS_REPORTS_RETENTION_DAYS"))  # type: ignore[call-overload]
    return Reporter.objects.filter(
        purged_at__isnull=True,
        report__status__in=CLOSED_VALUES,
        report__closed_at__lt=now - timedelta(days=days),
    ).exclude(first_name="", last_name="", email="", phone="")


def reporter_details_purge(*, actor: Actor, now: datetime, dry_run: bool) -> int:
    """Erase name, e-mail and phone of the reporters of reports closed longer than
    ``URBIS_REPORTS_RETENTION_DAYS`` ago. Returns how many reporters were (or, with
    ``dry_run``, would be) purged; the purge is audit-logged with that count."""
    with transaction.atomic():
        rows = purgeable(now).select_for_update()
        ids = list(rows.values_list("pk", flat=True))
        if dry_run or not ids:
            return len(ids)
        Reporter.objects.filter(pk__in=ids).update(
            first_name="", last_name="", email="", phone="", purged_at=now
        )
        record_event(
            actor=actor,
            action="reports.reporter_details_purged",
            target=("reports.reporter", "batch"),
            data={"count": len(ids), "retention_days": conf.get("URBIS_REPORTS_RETENTION_DAYS")},
        )
    return len(ids)
