"""Bulk intake rows (read by ``urbis.core.tabular``) to ascertainment data, with one reason per
rejected row, worded for people. Every limit the database would enforce (field lengths from the
models' ``max_length``, small-integer ranges, NUL bytes) is checked here, before anything is
written, so an import never fails half-way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import IO

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.tabular import Row, Table, read_table
from urbis.sanctions.models import Ascertainment, Guardian, Offender
from urbis.sanctions.services.intake.data import AscertainmentData, OffenderData

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
    "birth_date",
    "street",
    "postcode",
    "city",
    "language",
    "speed_limit",
    "measured_speed",
    "guardian",
    "same_person",
)
REQUIRED = ("kind", "reference", "article", "offence_at", "ascertained_on", "received_on", "name")

#: Column -> the model field it is stored in (its ``max_length`` is the column's limit).
STORED_IN: dict[str, models.Field[object, object]] = {
    "kind": Ascertainment._meta.get_field("kind"),  # type: ignore[dict-item]
    "reference": Ascertainment._meta.get_field("reference"),  # type: ignore[dict-item]
    "address": Ascertainment._meta.get_field("address"),  # type: ignore[dict-item]
    "plate": Ascertainment._meta.get_field("plate"),  # type: ignore[dict-item]
    "offender_kind": Offender._meta.get_field("kind"),  # type: ignore[dict-item]
    "name": Offender._meta.get_field("name"),  # type: ignore[dict-item]
    "first_name": Offender._meta.get_field("first_name"),  # type: ignore[dict-item]
    "street": Offender._meta.get_field("street"),  # type: ignore[dict-item]
    "postcode": Offender._meta.get_field("postcode"),  # type: ignore[dict-item]
    "city": Offender._meta.get_field("city"),  # type: ignore[dict-item]
    "language": Offender._meta.get_field("language"),  # type: ignore[dict-item]
    "national_number": Offender._meta.get_field("national_number"),  # type: ignore[dict-item]
    "enterprise_number": Offender._meta.get_field("enterprise_number"),  # type: ignore[dict-item]
    "guardian": Guardian._meta.get_field("name"),  # type: ignore[dict-item]
}
#: Identifiers are written as digits only ("85.07.30-033.28" -> "85073003328").
IDENTIFIERS = ("national_number", "enterprise_number")
#: PositiveSmallIntegerField holds 0..32767 on every database.
SMALL_INT_MAX = 32767

#: Fields named by the intake rules (``validate``) -> the column of the file.
COLUMN_OF = {
    "article_code": "article",
    "offender.kind": "offender_kind",
    "offender.name": "name",
    "offender.first_name": "first_name",
    "offender.national_number": "national_number",
    "offender.enterprise_number": "enterprise_number",
    "offender.birth_date": "birth_date",
    "offender.language": "language",
    "offender.guardians": "guardian",
}
#: Cells that say yes in the ``same_person`` column (any of the three languages).
YES = {"yes", "y", "ja", "j", "oui", "o", "1", "true", "x"}


def column_label(column: str) -> str:
    """A reason names the column as the file's header row (and docs/sanctions-imports.md)
    spells it, so the user finds the cell."""
    return column


def field_label(field: str) -> str:
    """The words for a field an intake rule named; empty for a reason about the whole row."""
    if field in ("non_field_errors", "__all__"):
        return ""
    column = COLUMN_OF.get(field, field.removeprefix("offender."))
    return column_label(column)


class RowError(ValueError):
    pass


def _date(value: str, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as error:
        raise RowError(
            _("%(column)s: “%(value)s” is not a date (YYYY-MM-DD).")
            % {"column": column_label(column), "value": value[:40]}
        ) from error


def _int(value: str, column: str) -> int | None:
    if not value.strip():
        return None
    if not value.strip().isdigit():
        raise RowError(_("%(column)s: not a whole number.") % {"column": column_label(column)})
    number = int(value)
    if number > SMALL_INT_MAX:
        raise RowError(
            _("%(column)s: %(value)s is too large (at most %(max)s).")
            % {"column": column_label(column), "value": number, "max": SMALL_INT_MAX}
        )
    return number


def _lengths(values: Mapping[str, str]) -> list[str]:
    """One reason per value longer than its database column."""
    problems = []
    for column, value in values.items():
        field = STORED_IN.get(column)
        limit = field.max_length if field is not None else None
        if limit and len(value) > limit:
            problems.append(
                _("%(column)s: at most %(limit)s characters (this one has %(length)s).")
                % {"column": column_label(column), "limit": limit, "length": len(value)}
            )
    return problems


def parse_row(row: Row | Mapping[str, str]) -> AscertainmentData:
    """The ascertainment of one row; :class:`RowError` naming every problem found."""
    values = row.values if isinstance(row, Row) else row

    def get(column: str) -> str:
        value = (values.get(column) or "").strip()
        if column in IDENTIFIERS:
            return "".join(c for c in value if c not in " .-/")
        return value

    missing = [c for c in REQUIRED if not get(c)]
    if missing:
        raise RowError(
            _("missing: %(columns)s") % {"columns": ", ".join(column_label(c) for c in missing)}
        )
    problems = _lengths({c: get(c) for c in COLUMNS})
    if problems:
        raise RowError(" ".join(problems))
    try:
        offence = dt.datetime.fromisoformat(get("offence_at"))
    except ValueError as error:
        raise RowError(
            _("%(column)s: “%(value)s” is not a date and time (YYYY-MM-DDTHH:MM).")
            % {"column": column_label("offence_at"), "value": get("offence_at")[:40]}
        ) from error
    if timezone.is_naive(offence):
        offence = timezone.make_aware(offence)
    return AscertainmentData(
        kind=get("kind"),
        reference=get("reference"),
        offence_at=offence,
        ascertained_on=_date(get("ascertained_on"), "ascertained_on"),
        received_on=_date(get("received_on"), "received_on"),
        article_code=get("article"),
        description=get("description") or get("article"),
        address=get("address"),
        plate=get("plate"),
        speed_limit=_int(get("speed_limit"), "speed_limit"),
        measured_speed=_int(get("measured_speed"), "measured_speed"),
        offender=OffenderData(
            kind=get("offender_kind") or "natural",
            name=get("name"),
            first_name=get("first_name"),
            national_number=get("national_number"),
            enterprise_number=get("enterprise_number"),
            birth_date=_date(get("birth_date"), "birth_date") if get("birth_date") else None,
            street=get("street"),
            postcode=get("postcode"),
            city=get("city"),
            language=get("language") or "nl",
            guardians=[{"name": get("guardian")}] if get("guardian") else [],
            same_person=get("same_person").casefold() in YES,
        ),
    )


def read_bulk(content: bytes | IO[bytes], *, filename: str = "") -> Table:
    """The rows of a bulk intake file; ``TabularError`` when the file itself is refused."""
    return read_table(content, filename=filename, required=REQUIRED)
