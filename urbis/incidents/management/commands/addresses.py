"""``urbis addresses import FILE [--crs EPSG:nnnn]``: the address register for cocoon watch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from urbis.incidents.management.commands.incidents import _messages, read_file
from urbis.incidents.services.imports import addresses_import


class Command(BaseCommand):
    help = "Import address points (street, number, box, postcode, municipality, coordinates)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="import a CSV or XLSX file")
        load.add_argument("file")
        load.add_argument("--crs", default=None, help="CRS of x/y columns (default EPSG:31370)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        data = read_file(path)
        try:
            result = addresses_import(actor=None, data=data, filename=path.name, crs=options["crs"])
        except ValidationError as error:
            raise CommandError(_messages(error), returncode=2) from None
        for line, reason in result.rejected:
            self.stderr.write(f"line {line}: {reason}")
        self.stdout.write(result.summary())
        if result.valid == 0:
            raise SystemExit(2)
