"""Incoming payments from bank statements: CODA files and CSV exports (pure parsing).

Both parsers return a ``ParseResult``: the credit movements as ``Payment`` rows, the lines that
could not be read as ``LineError`` (line number + reason, the rest of the file still counts),
and ``warnings`` for file-level checks that do not invalidate a payment (trailer totals).
Debit movements are not payments to the municipality: they are counted in ``skipped``.

The package: ``common`` (the result types), ``coda`` (CODA files), ``tabular`` (CSV exports).
"""

from urbis.sanctions.rules.bank_statements.coda import RECORD_LENGTH, parse_coda
from urbis.sanctions.rules.bank_statements.common import LineError, ParseResult, Payment, decode
from urbis.sanctions.rules.bank_statements.tabular import (
    Column,
    CsvLayout,
    layout_columns,
    parse_csv,
    parse_rows,
)

__all__ = [
    "RECORD_LENGTH",
    "Column",
    "CsvLayout",
    "LineError",
    "ParseResult",
    "Payment",
    "decode",
    "layout_columns",
    "parse_coda",
    "parse_csv",
    "parse_rows",
]
