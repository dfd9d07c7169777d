"""``urbis gdpr records|subject-access|retention|pia``: the DPO's instruments, command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from urbis.core.gdpr import exports, registry, selectors, services


class Command(BaseCommand):
    help = "GDPR: record of processing, subject access, retention run, DPIA (CNIL PIA JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        records = sub.add_parser("records", help="the record of processing activities (art. 30)")
        records.add_argument("--format", choices=["json", "csv"], default="json")
        records.add_argument("--out", help="file to write (default: standard output)")
        access = sub.add_parser("subject-access", help="one person's data across every app")
        access.add_argument("--national-number", default="")
        access.add_argument("--email", default="")
        access.add_argument("--out", required=True, help="JSON file")
        access.add_argument("--pdf", help="also write the PDF here")
        retention = sub.add_parser("retention", help="run the retention rules (with proof)")
        retention.add_argument("--dry-run", action="store_true", help="only count what would go")
        retention.add_argument("--rule", default="", help="one rule code")
        pia = sub.add_parser("pia", help="a DPIA pre-filled in the CNIL PIA tool's JSON format")
        pia.add_argument("--activity", default="casework.case_consultation")
        pia.add_argument("--out", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "records":
            text = exports.records_json() if options["format"] == "json" else exports.records_csv()
            self._write(options.get("out"), text)
        elif action == "subject-access":
            self._subject_access(options)
        elif action == "retention":
            codes = {r.code for r in registry.retention_rules()}
            if options["rule"] and options["rule"] not in codes:
                raise CommandError(f"no retention rule {options['rule']!r}", returncode=2)
            results = services.retention_run(
                actor=None, dry_run=options["dry_run"], only=options["rule"]
            )
            verb = "would delete" if options["dry_run"] else "deleted"
            for r in results:
                self.stdout.write(f"{r.rule}: {verb} {r.count} ({r.category})")
        elif action == "pia":
            try:
                document = exports.pia_json(options["activity"])
            except KeyError:
                raise CommandError(
                    f"no processing activity {options['activity']!r}", returncode=2
                ) from None
            self._write(options["out"], json.dumps(document, ensure_ascii=False, indent=2))

    def _subject_access(self, options: dict[str, Any]) -> None:
        number = "".join(ch for ch in options["national_number"] if ch.isdigit())
        if options["national_number"] and len(number) != 11:
            raise CommandError("a national number has 11 digits", returncode=2)
        query = registry.SubjectQuery(national_number=number, email=options["email"].strip())
        if query.is_empty():
            raise CommandError("give --national-number or --email", returncode=2)
        result = selectors.subject_access(None, query)
        self._write(options["out"], json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        if options.get("pdf"):
            self._write_bytes(options["pdf"], exports.subject_access_pdf(result))
        found = sum(len(a.items) for a in result.apps)
        withheld = sum(w.count for a in result.apps for w in a.withheld)
        self.stdout.write(f"{found} item(s), {withheld} withheld, {len(result.reads)} read(s)")

    def _write(self, path: str | None, text: str) -> None:
        if not path:
            self.stdout.write(text)
            return
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot write {path}: {error.strerror}", returncode=2) from None

    def _write_bytes(self, path: str, data: bytes) -> None:
        try:
            Path(path).write_bytes(data)
        except OSError as error:
            raise CommandError(f"cannot write {path}: {error.strerror}", returncode=2) from None
