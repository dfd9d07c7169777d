"""``urbis scheduler``: enqueue the nightly jobs once a day at URBIS_NIGHTLY_AT (local time).

Run it beside ``urbis db_worker`` (``make run`` starts both). One scheduler per deployment.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from urbis.core import nightly


def next_run(now: datetime, at: str) -> datetime:
    """The next local time ``at`` (HH:MM) strictly after ``now`` (an aware datetime)."""
    try:
        hour, minute = (int(part) for part in at.split(":"))
    except ValueError as exc:
        raise ValueError(f"URBIS_NIGHTLY_AT must be HH:MM, not {at!r}") from exc
    local = timezone.localtime(now)
    candidate = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if candidate <= local:
        candidate = timezone.make_aware(
            datetime.combine(
                candidate.date() + timedelta(days=1), candidate.time().replace(tzinfo=None)
            )
        )
    return candidate


class Command(BaseCommand):
    help = "Enqueue the nightly jobs every day at URBIS_NIGHTLY_AT (Europe/Brussels)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Enqueue now and exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            self.stdout.write("enqueued: " + ", ".join(nightly.enqueue_all()))
            return
        try:
            upcoming = next_run(timezone.now(), settings.URBIS_NIGHTLY_AT)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(f"scheduler: next nightly run at {upcoming:%Y-%m-%d %H:%M %Z}")
        while True:
            if timezone.now() >= upcoming:
                self.stdout.write("enqueued: " + ", ".join(nightly.enqueue_all()))
                upcoming = next_run(timezone.now(), settings.URBIS_NIGHTLY_AT)
            time.sleep(30)
