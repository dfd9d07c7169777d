"""Incoming payments from a bank's CSV export, by a configured ``CsvLayout`` (pure parsing)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from urbis.sanctions.rules.bank_statements.common import (
    LineError,
    ParseResult,
    Payment,
    _clean_iban,
    _LineProblem,
    _structured_or_text,
)

Column = str | int  # a header name, or a 0-based index for files without a header row


@dataclass(frozen=True, kw_only=True)
class CsvLayout:
    """Where a bank's CSV export keeps each field (configured per bank account)."""

    date: Column
    amount: Column
    communication: Column | None = None
    counterparty: Column | None = None
    iban: Column | None = None
    delimiter: str = ";"
    has_header: bool = True
    date_formats: tuple[str, ...] = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y")
    decimal_separator: str = ","
    thousands_separator: str = "."


def _csv_amount(value: str, layout: CsvLayout) -> Decimal:
    """The amount of a CSV cell. The layout's separators are the default, but a file that
    plainly uses the other convention is read as written: when both separators appear, the last
    one is the decimal separator ("1,234.56" in a "1.234,56" layout); when only the thousands
    separator appears once with one or two digits after it, it is the decimal one ("12.50").
    """
    cleaned = value.replace("EUR", "").replace("€", "").replace(" ", "").replace("\u00a0", "")
    decimal, thousands = layout.decimal_separator, layout.thousands_separator
    if thousands and thousands in cleaned:
        digits_after = len(cleaned.rsplit(thousands, 1)[1].rstrip("-"))
        if (decimal in cleaned and cleaned.rfind(thousands) > cleaned.rfind(decimal)) or (
            decimal not in cleaned and cleaned.count(thousands) == 1 and digits_after in (1, 2)
        ):
            decimal, thousands = thousands, decimal
    if thousands:
        cleaned = cleaned.replace(thousands, "")
    cleaned = cleaned.replace(decimal, ".")
    if cleaned.endswith("-"):  # "12,50-" in some exports
        cleaned = "-" + cleaned[:-1]
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as error:
        raise _LineProblem(f"amount {value!r} is not a number") from error
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise _LineProblem(f"amount {value!r} is not a number of cents")
    return amount


def _csv_date(value: str, layout: CsvLayout) -> date:
    for pattern in layout.date_formats:
        try:
            return datetime.strptime(value.strip(), pattern).replace(tzinfo=UTC).date()
        except ValueError:
            continue
    raise _LineProblem(f"date {value!r} matches none of {', '.join(layout.date_formats)}")


def layout_columns(layout: CsvLayout) -> list[Column]:
    """The columns ``layout`` reads (header names lower-cased, as the rows carry them)."""
    return [c.lower() if isinstance(c, str) else c for c in _named(layout)]


def parse_csv(text: str, layout: CsvLayout) -> ParseResult:
    """Credit rows of a bank's CSV export in ``text``, per ``layout`` (its delimiter). Uploads
    are read by the caller's table reader and given to :func:`parse_rows`; this entry point
    serves headerless exports and files read from disk."""
    rows = list(csv.reader(io.StringIO(text), delimiter=layout.delimiter))
    start = 0
    wanted = layout_columns(layout)
    header: list[str] = []
    if layout.has_header:
        while start < len(rows) and not any(cell.strip() for cell in rows[start]):
            start += 1
        if start == len(rows):
            return ParseResult(errors=(LineError(1, "the file is empty"),))
        header = [cell.strip().lstrip("\ufeff").lower() for cell in rows[start]]
        missing = [c for c in wanted if isinstance(c, str) and c not in header]
        if missing:
            names = [str(c) for c in _named(layout) if str(c).lower() in missing]
            return ParseResult(
                errors=(LineError(start + 1, f"missing column(s): {', '.join(names)}"),)
            )
        start += 1

    def keyed(row: list[str]) -> dict[Column, str]:
        keys: Sequence[Column] = header if layout.has_header else range(len(row))
        return dict(zip(keys, row, strict=False))

    numbered = ((n, keyed(row)) for n, row in enumerate(rows[start:], start=start + 1))
    return parse_rows(numbered, layout)


def _named(layout: CsvLayout) -> list[Column]:
    """The columns ``layout`` configures, as written."""
    return [
        c
        for c in (
            layout.date,
            layout.amount,
            layout.communication,
            layout.counterparty,
            layout.iban,
        )
        if c is not None
    ]


def parse_rows(rows: Iterable[tuple[int, Mapping[Any, str]]], layout: CsvLayout) -> ParseResult:
    """Credit rows of a bank's CSV export, given as ``(line, {column: text})`` by the caller
    (header names lower-cased, or 0-based indexes); other rows are errors or skipped."""

    def cell(row: Mapping[Any, str], column: Column | None) -> str | None:
        if column is None:
            return None
        key = column.lower() if isinstance(column, str) else column
        if key not in row:
            raise _LineProblem(f"row has {len(row)} fields, column {column!r} is missing")
        return (row[key] or "").strip() or None

    payments: list[Payment] = []
    errors: list[LineError] = []
    skipped = 0
    for number, row in rows:
        if not any((c or "").strip() for c in row.values()):
            continue
        try:
            raw_date, raw_amount = cell(row, layout.date), cell(row, layout.amount)
            if raw_date is None or raw_amount is None:
                raise _LineProblem("date or amount is empty")
            amount = _csv_amount(raw_amount, layout)
            when = _csv_date(raw_date, layout)
            communication = cell(row, layout.communication)
            counterparty = cell(row, layout.counterparty)
            iban = _clean_iban(cell(row, layout.iban))
        except _LineProblem as problem:
            errors.append(LineError(number, str(problem)))
            continue
        if amount <= 0:
            skipped += 1
            continue
        structured, source = _structured_or_text(None, communication)
        payments.append(
            Payment(
                date=when,
                amount=amount,
                communication=communication,
                structured=structured,
                counterparty=counterparty,
                iban=iban,
                line=number,
                structured_source=source,
            )
        )
    return ParseResult(tuple(payments), tuple(errors), (), skipped)
