"""Read an uploaded CSV or XLSX project list into dictionaries keyed by lower-case column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO, Any

from django.utils.translation import gettext as _


def read_rows(handle: IO[bytes], name: str) -> Iterator[dict[str, Any]]:
    """Yield one dict per data row; raise ValueError for an unreadable file."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for a broken file
            raise ValueError(_("Not a readable XLSX file.")) from error
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [str(c or "").strip().lower() for c in next(rows, ())]
        for values in rows:
            if any(v not in (None, "") for v in values):
                yield {k: v for k, v in zip(header, values, strict=False) if k}
        return
    if not name.lower().endswith(".csv"):
        raise ValueError(_("Upload a .csv or .xlsx file."))
    try:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        sample = text.read(4096)
    except UnicodeDecodeError as error:
        raise ValueError(_("The CSV file must be UTF-8 text.")) from error
    text.seek(0)
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
    except csv.Error:
        dialect = csv.excel  # one column or irregular rows: read it as plain CSV
    try:
        for row in csv.DictReader(text, dialect=dialect):
            yield {
                str(k or "").strip().lower(): (v if isinstance(v, str) else "").strip()
                for k, v in row.items()
            }
    except (UnicodeDecodeError, csv.Error) as error:
        raise ValueError(_("The CSV file cannot be read: %(e)s") % {"e": error}) from error
