"""Incoming payments from bank statements: CODA files and CSV exports (pure parsing).

Both parsers return a ``ParseResult``: the credit movements as ``Payment`` rows, the lines that
could not be read as ``LineError`` (line number + reason, the rest of the file still counts),
and ``warnings`` for file-level checks that do not invalidate a payment (trailer totals).
Debit movements are not payments to the municipality: they are counted in ``skipped``.

The package: ``common`` (the result types), ``coda`` (CODA files), ``tabular`` (CSV exports).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from urbis.sanctions.rules import payment_reference
from urbis.sanctions.rules.identifiers import IdentifierError, validate_iban

StructuredSource = Literal["structured", "free_text"]
_Date = date  # ``Payment.date`` shadows the type inside the class body


@dataclass(frozen=True)
class Payment:
    date: date
    amount: Decimal
    communication: str | None
    structured: str | None  # the 12 digits of a valid structured communication
    counterparty: str | None
    iban: str | None
    line: int = 0  # first line of the movement in the source file (1-based)
    structured_source: StructuredSource | None = None
    bank_reference: str | None = None
    entry_date: _Date | None = None
    account: str | None = None  # the municipality's account the statement is about


@dataclass(frozen=True)
class LineError:
    line: int
    reason: str


@dataclass(frozen=True)
class ParseResult:
    payments: tuple[Payment, ...] = ()
    errors: tuple[LineError, ...] = ()
    warnings: tuple[LineError, ...] = ()
    skipped: int = 0  # debit movements and other non-payments

    @property
    def ok(self) -> bool:
        return not self.errors


class _LineProblem(ValueError):
    pass


def decode(data: bytes) -> str:
    """Text of a bank file: UTF-8 (with or without BOM), else Windows-1252 (most CODA files)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _structured_or_text(
    structured: str | None, text: str | None
) -> tuple[str | None, StructuredSource | None]:
    if structured and payment_reference.is_valid(structured):
        return payment_reference.validate(structured), "structured"
    found = payment_reference.find_in_text(text)
    return (found, "free_text") if found else (None, None)


def _clean_iban(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    try:
        return validate_iban(value)
    except IdentifierError:
        # kept as written (compacted): a payment is never dropped for a counterparty detail
        return "".join(value.split()).upper()
