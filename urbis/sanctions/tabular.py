"""Bulk intake rows (CSV) to ascertainment data, with one reason per rejected row."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.sanctions.services.intake import AscertainmentData, OffenderData

COLUMNS = (
    "kind",
    "reference",
    "article",
    "offence_at",
    "ascertained_on",
    "received_on",
    "description",
    "address",
    "plate",
    "offender_kind",
    "name",
    "first_name",
    "national_number",
    "enterprise_number",
    "street",
    "postcode",
    "city",
    "language",
    "speed_limit",
    "measured_speed",
)
REQUIRED = ("kind", "reference", "article", "offence_at", "ascertained_on", "received_on", "name")


class RowError(ValueError):
    pass


def _date(value: str, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as error:
        raise RowError(_("%(column)s: not a date (YYYY-MM-DD)") % {"column": column}) from error


def _int(value: str, column: str) -> int | None:
    if not value.strip():
        return None
    if not value.strip().isdigit():
        raise RowError(_("%(column)s: not a whole number") % {"column": column})
    return int(value)


def parse_row(row: dict[str, str]) -> AscertainmentData:
    missing = [c for c in REQUIRED if not (row.get(c) or "").strip()]
    if missing:
        raise RowError(_("missing: %(columns)s") % {"columns": ", ".join(missing)})
    try:
        offence = dt.datetime.fromisoformat(row["offence_at"].strip())
    except ValueError as error:
        raise RowError(_("offence_at: not a date and time")) from error
    if timezone.is_naive(offence):
        offence = timezone.make_aware(offence)
    return AscertainmentData(
        kind=row["kind"].strip(),
        reference=row["reference"].strip(),
        offence_at=offence,
        ascertained_on=_date(row["ascertained_on"], "ascertained_on"),
        received_on=_date(row["received_on"], "received_on"),
        article_code=row["article"].strip(),
        description=(row.get("description") or "").strip() or row["article"].strip(),
        address=(row.get("address") or "").strip(),
        plate=(row.get("plate") or "").strip(),
        speed_limit=_int(row.get("speed_limit") or "", "speed_limit"),
        measured_speed=_int(row.get("measured_speed") or "", "measured_speed"),
        offender=OffenderData(
            kind=(row.get("offender_kind") or "natural").strip(),
            name=row["name"].strip(),
            first_name=(row.get("first_name") or "").strip(),
            national_number=(row.get("national_number") or "").strip(),
            enterprise_number=(row.get("enterprise_number") or "").strip(),
            street=(row.get("street") or "").strip(),
            postcode=(row.get("postcode") or "").strip(),
            city=(row.get("city") or "").strip(),
            language=(row.get("language") or "nl").strip() or "nl",
        ),
    )


def read_csv(content: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of a CSV file (comma or semicolon) with their line number."""
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    yield from enumerate(reader, start=2)
