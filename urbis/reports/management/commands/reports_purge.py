"""``urbis reports_purge [--dry-run]``: erase reporter contact details past retention (the
GDPR retention rule ``reports.reporter_details``, run nightly by ``core.gdpr_retention``,
does the same without --dry-run and logs a proof)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from urbis.reports.services import reporter_details_purge


class Command(BaseCommand):
    help = "Erase reporter details of reports closed longer than URBIS_REPORTS_RETENTION_DAYS ago"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count only, erase nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        count = reporter_details_purge(actor=None, now=timezone.now(), dry_run=options["dry_run"])
        verb = "would be erased" if options["dry_run"] else "erased"
        self.stdout.write(f"{count} reporters' contact details {verb}")
