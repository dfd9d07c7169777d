"""``urbis incidents import FILE [--crs EPSG:nnnn] [--source NAME] [--all-or-nothing]``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from urbis.incidents import conf
from urbis.incidents.services.imports import incidents_import


def _messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(m for messages in error.message_dict.values() for m in messages)
    return "; ".join(error.messages)


def read_file(path: Path) -> bytes:
    """The file's bytes; a file over URBIS_INCIDENTS_MAX_BYTES is refused from its size, before
    anything is read into memory (a 10-million-row export never fills the memory)."""
    limit = int(conf.get("URBIS_INCIDENTS_MAX_BYTES"))
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise CommandError(
                    f"{path}: the file is larger than the limit of {limit / 1048576:g} MB "
                    "(URBIS_INCIDENTS_MAX_BYTES); split it into smaller files.",
                    returncode=2,
                )
            return handle.read(limit + 1)
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}", returncode=2) from None


class Command(BaseCommand):
    help = "Import crime incidents from a police export (CSV or XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="import a CSV or XLSX file")
        load.add_argument("file")
        load.add_argument("--crs", default=None, help="CRS of x/y columns, e.g. EPSG:31370")
        load.add_argument("--source", default="", help="name of the source, e.g. PZ MeWi")
        load.add_argument(
            "--all-or-nothing", action="store_true", help="write nothing if any row is rejected"
        )
        load.add_argument("--quiet-rows", action="store_true", help="do not list rejected rows")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        data = read_file(path)
        try:
            result = incidents_import(
                actor=None,
                data=data,
                filename=path.name,
                crs=options["crs"],
                source=options["source"][:60],
                all_or_nothing=options["all_or_nothing"],
            )
        except ValidationError as error:
            raise CommandError(_messages(error), returncode=2) from None
        if not options["quiet_rows"]:
            for line, reason in result.rejected:
                self.stderr.write(f"line {line}: {reason}")
        if not result.written:
            self.stdout.write("nothing written (--all-or-nothing and rejected rows)")
        else:
            self.stdout.write(
                f"new {result.created}, updated {result.updated}, unchanged {result.unchanged}, "
                f"cocoon watches {result.watches}"
            )
        self.stdout.write(result.summary())
        if result.valid == 0 or not result.written:
            raise SystemExit(2)
