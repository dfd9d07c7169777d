"""Nightly jobs of the reports app."""

from __future__ import annotations

from django.utils import timezone

from urbis.core.nightly import nightly_job


@nightly_job("reports.reporter_details_purge")
def purge_reporter_details() -> str:
    from urbis.reports.services import reporter_details_purge

    count = reporter_details_purge(actor=None, now=timezone.now(), dry_run=False)
    return f"{count} reporters' contact details erased"
