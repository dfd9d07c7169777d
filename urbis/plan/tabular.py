"""Read an uploaded CSV or XLSX file into dictionaries keyed by lower-case column name."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO, Any


def read_rows(handle: IO[bytes], name: str) -> Iterator[dict[str, Any]]:
    if name.lower().endswith(".xlsx"):
        from zipfile import BadZipFile

        from openpyxl import load_workbook

        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except (BadZipFile, OSError, KeyError) as error:
            raise ValueError("not a readable XLSX workbook") from error
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(c or "").strip().lower() for c in next(rows, ())]
        for values in rows:
            yield {key: value for key, value in zip(header, values, strict=False) if key}
        return
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    sample = text.read(2048)
    text.seek(0)
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
    except csv.Error:
        dialect = csv.excel  # one column, or no delimiter to guess from: plain CSV
    for row in csv.DictReader(text, dialect=dialect):
        yield {str(k or "").strip().lower(): v for k, v in row.items()}
