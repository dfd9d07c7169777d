"""Stand-in for ``urbis.core.tabular`` until it lands on main (same API, fewer features).

TODO(merge): delete this module and import ``urbis.core.tabular`` instead.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


class TabularError(ValueError):
    """A file-level refusal (unreadable, too large, missing columns)."""


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str


@dataclass
class Table:
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","


def _norm(name: object) -> str:
    return str(name or "").strip().lower().replace(" ", "_")


def read_table(
    data: bytes,
    *,
    filename: str,
    max_bytes: int | None = None,
    max_rows: int | None = None,
    required: Iterable[str] = (),
    aliases: Mapping[str, str] | None = None,
) -> Table:
    if max_bytes is not None and len(data) > max_bytes:
        raise TabularError(f"The file is larger than the limit of {max_bytes:,} bytes.")
    aliases = {_norm(k): v for k, v in (aliases or {}).items()}
    name = filename.lower()
    if name.endswith(".xlsx"):
        header, raw_rows, encoding, delimiter = _xlsx(data)
    elif name.endswith((".csv", ".txt")):
        header, raw_rows, encoding, delimiter = _csv(data)
    else:
        raise TabularError("Upload a .csv or .xlsx file.")
    columns = [aliases.get(_norm(h), _norm(h)) for h in header]
    missing = [c for c in required if c not in columns]
    if missing:
        raise TabularError(
            "Missing column(s): " + ", ".join(missing) + "; found: " + ", ".join(columns)
        )
    table = Table(columns=columns, encoding=encoding, delimiter=delimiter)
    for line, values in raw_rows:
        if max_rows is not None and len(table.rows) >= max_rows:
            raise TabularError(f"The file has more than the limit of {max_rows:,} rows.")
        if not any(v.strip() for v in values):
            continue
        if "\x00" in "".join(values):
            table.rejected.append(Rejected(line, "The row contains a NUL byte."))
            continue
        table.rows.append(
            Row(line, {c: v.strip() for c, v in zip(columns, values, strict=False) if c})
        )
    return table


def _csv(data: bytes) -> tuple[list[str], Iterable[tuple[int, list[str]]], str, str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TabularError(
            f"The file is not UTF-8 text (byte {error.start}); save it as CSV UTF-8."
        ) from None
    sample = text[:4096]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise TabularError("The file is empty.") from None
    except csv.Error as error:
        raise TabularError(f"The CSV file cannot be read: {error}") from None

    def rows() -> Iterable[tuple[int, list[str]]]:
        try:
            for values in reader:
                yield reader.line_num, values
        except csv.Error as error:
            raise TabularError(f"The CSV file cannot be read: {error}") from None

    return header, rows(), "utf-8", delimiter


def _xlsx(data: bytes) -> tuple[list[str], Iterable[tuple[int, list[str]]], str, str]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for a broken file
        raise TabularError("Not a readable XLSX file.") from None
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    header = [str(c or "") for c in next(iterator, ())]
    if not header:
        raise TabularError("The file is empty.")

    def cell(value: object) -> str:
        if value is None:
            return ""
        if hasattr(value, "isoformat"):
            return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()  # type: ignore[call-arg]
        return str(value)

    def rows() -> Iterable[tuple[int, list[str]]]:
        for line, values in enumerate(iterator, start=2):
            yield line, [cell(v) for v in values]

    return header, rows(), "xlsx", ""
