"""``urbis nightly``: run every registered nightly job now, or enqueue them for the worker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from urbis.core import nightly


class Command(BaseCommand):
    help = "Run the registered nightly jobs now (default) or --enqueue them for the worker."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Enqueue instead of running.")
        parser.add_argument("--job", help="Run only this job.")
        parser.add_argument("--list", action="store_true", help="List the registered jobs.")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = nightly.registered_jobs()
        if options["list"]:
            for job in jobs:
                self.stdout.write(job.name)
            return
        names = [job.name for job in jobs]
        if options["job"]:
            if options["job"] not in names:
                raise CommandError(f"no nightly job named {options['job']!r}", returncode=2)
            names = [options["job"]]
        for name in names:
            if options["enqueue"]:
                nightly.run_nightly_job.enqueue(name)
                self.stdout.write(f"{name}: enqueued")
            else:
                self.stdout.write(f"{name}: {nightly.run_job(name)}")
        if not names:
            self.stdout.write("no nightly jobs registered")
