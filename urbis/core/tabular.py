"""The one reader of uploaded tables (CSV or XLSX) and the one writer of CSV/XLSX exports.

Reading: the format is found from the content (an XLSX file is a ZIP archive), the encoding
from the bytes (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 as Belgian bank
exports use, else Latin-1), the CSV delimiter by sniffing many lines (``,`` ``;`` TAB ``|``).
A file that cannot be read raises :class:`TabularError` with a message for people; a row the
reader refuses (NUL bytes, more cells than the header) is returned in ``Table.rejected`` with its
line, and never reaches the caller's rows. Apps validate the rows themselves (field lengths,
dates, ranges) before writing anything.

Writing: every cell goes through :func:`formula_safe` (CSV/formula injection, OWASP), so text
starting with ``=``, ``+``, ``-``, ``@``, TAB or CR is never run as a formula by a spreadsheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

DELIMITERS = ",;\t|"
SNIFF_LINES = 64  # lines of the file the delimiter is guessed from
SNIFF_CHARS = 65536  # at most this much text of them
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .xls (and .doc)
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"%PDF",
    b"RIFF",  # WebP, WAV, AVI
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf",
    b"Rar!",
)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
# Characters XML 1.0 (so XLSX) cannot hold; openpyxl refuses them.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class TabularError(ValueError):
    """The whole file is refused; the message is for people (translated)."""


@dataclass(frozen=True)
class Row:
    line: int  # 1-based line (CSV) or row (XLSX) number as the user sees it in the file
    values: dict[str, str]  # header (stripped, lower-cased, aliased) -> cell text (stripped)

    def get(self, column: str, default: str = "") -> str:
        return self.values.get(column, default)

    def __getitem__(self, column: str) -> str:
        return self.values[column]


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: list[Row]
    rejected: list[Rejected]  # rows the reader itself refused
    encoding: str
    delimiter: str | None  # None for XLSX


# --- reading ----------------------------------------------------------------------------------


def read_table(
    data: bytes | IO[bytes],
    *,
    filename: str = "",
    max_bytes: int | None = None,
    max_rows: int | None = None,
    required: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
) -> Table:
    """The rows of an uploaded CSV or XLSX file; :class:`TabularError` if it is refused."""
    limit: int = max_bytes if max_bytes else settings.URBIS_IMPORT_MAX_BYTES
    row_limit: int = max_rows if max_rows else settings.URBIS_IMPORT_MAX_ROWS
    content = _read_bytes(data, limit)
    if not content.strip():
        raise TabularError(_("The file is empty."))
    if content.startswith(_ZIP_MAGIC):
        return _read_xlsx(content, row_limit, required, aliases)
    if content.startswith(_OLE_MAGIC):
        raise TabularError(
            _("Old Excel (.xls) files cannot be read: save the file as .xlsx or .csv.")
        )
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise TabularError(_("This file is not a readable XLSX workbook."))
    return _read_csv(content, row_limit, required, aliases)


def _read_bytes(data: bytes | IO[bytes], limit: int) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        content = bytes(data)
    else:
        if hasattr(data, "seek"):
            data.seek(0)
        content = data.read(limit + 1)
    if len(content) > limit:
        raise TabularError(
            _("The file is larger than the limit of %(limit)s.") % {"limit": _size(limit)}
        )
    return content


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return _("%(n)s MB") % {"n": f"{limit / (1024 * 1024):g}"}
    if limit >= 1024:
        return _("%(n)s KB") % {"n": f"{limit / 1024:g}"}
    return _("%(n)s bytes") % {"n": limit}


def _too_many_rows(limit: int) -> TabularError:
    return TabularError(
        _("The file has more than %(limit)s rows; split it into smaller files.") % {"limit": limit}
    )


def _header(
    cells: Iterable[object], required: Sequence[str], aliases: Mapping[str, str] | None
) -> list[str]:
    """Column names (stripped, lower-cased, aliased); refuses duplicates and missing columns."""
    alias = {k.strip().lower(): v.strip().lower() for k, v in (aliases or {}).items()}
    names = []
    for cell in cells:
        name = _text(cell).lstrip("\ufeff").strip().lower()
        names.append(alias.get(name, name))
    while names and not names[-1]:
        names.pop()
    if not names:
        raise TabularError(_("The file has no header row."))
    seen: set[str] = set()
    duplicates: set[str] = set()
    for name in names:
        if name in seen:
            duplicates.add(name)
        elif name:
            seen.add(name)
    if duplicates:
        raise TabularError(
            _("The header names these columns more than once: %(columns)s.")
            % {"columns": ", ".join(sorted(duplicates))}
        )
    missing = [c for c in required if c.lower() not in seen]
    if missing:
        raise TabularError(_("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)})
    return names


def _row(
    line: int, cells: list[str], header: list[str], rows: list[Row], rejected: list[Rejected]
) -> None:
    """Add one data row to ``rows`` or ``rejected``; blank rows are skipped."""
    while cells and not cells[-1].strip():
        cells.pop()  # trailing empty cells (a trailing delimiter) are not extra cells
    if not cells:
        return
    if len(cells) > len(header):
        rejected.append(
            Rejected(
                line,
                _("The row has %(cells)s cells, the header only %(columns)s.")
                % {"cells": len(cells), "columns": len(header)},
            )
        )
        return
    if any("\x00" in cell for cell in cells):
        rejected.append(Rejected(line, _("The row contains NUL bytes (binary data).")))
        return
    values = {name: "" for name in header if name}
    for name, cell in zip(header, cells, strict=False):
        if name:
            values[name] = cell.strip()
    rows.append(Row(line, values))


def _decode(content: bytes) -> tuple[str, str]:
    if content.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp1252", "latin-1"]
    for encoding in encodings:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise TabularError(_("The file is not text in a known encoding."))


def _looks_binary(content: bytes) -> bool:
    sample = content[:4096]
    if sample.startswith(_BINARY_MAGIC):
        return True
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text: its NUL bytes are half of each character
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 20)


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text, guessed from its first lines (not only the header).

    Each candidate splits the sample with the csv module itself (quotes respected); the one
    under which the header has several columns and the most following lines have as many
    cells as the header wins (ties: more columns, then the order of ``DELIMITERS``). When no
    candidate splits the header, the one found most often in it (outside quotes) is taken,
    else a comma. ``csv.Sniffer`` is not used: its quote regex is quadratic on hostile input
    (a line of ``",",",``… takes minutes)."""
    sample = text[:SNIFF_CHARS]
    best, best_score = "", (0, 0)
    for delimiter in DELIMITERS:
        counts = []
        try:
            for cells in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                if any(cell.strip() for cell in cells):
                    counts.append(len(cells))
                if len(counts) >= SNIFF_LINES:
                    break
        except csv.Error:
            continue
        if not counts or counts[0] < 2:
            continue
        score = (sum(1 for n in counts[1:] if n == counts[0]), counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    if best:
        return best
    header = sample.splitlines()[0] if sample.strip() else ""
    in_header = {d: _count_outside_quotes(header, d) for d in DELIMITERS}
    fallback = max(DELIMITERS, key=lambda d: in_header[d])
    return fallback if in_header[fallback] else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _read_csv(
    content: bytes, row_limit: int, required: Sequence[str], aliases: Mapping[str, str] | None
) -> Table:
    if _looks_binary(content):
        raise TabularError(_("This file is not a CSV text file nor an XLSX workbook."))
    text, encoding = _decode(content)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        quotechar='"',
        doublequote=True,
        skipinitialspace=False,
        strict=False,
    )
    rows: list[Row] = []
    rejected: list[Rejected] = []
    header: list[str] | None = None
    last = 0
    try:
        for cells in reader:
            line = last + 1
            last = reader.line_num
            if header is None:
                if not any(cell.strip() for cell in cells):
                    continue
                header = _header(cells, required, aliases)
                continue
            _row(line, cells, header, rows, rejected)
            if len(rows) + len(rejected) > row_limit:
                raise _too_many_rows(row_limit)
    except csv.Error as error:
        raise TabularError(
            _("Line %(line)s cannot be read as CSV (%(error)s).")
            % {"line": last + 1, "error": error}
        ) from None
    if header is None:
        raise TabularError(_("The file has no header row."))
    return Table(tuple(n for n in header if n), rows, rejected, encoding, delimiter)


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: whole numbers without ``.0``, dates in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


_text = cell_text


def _read_xlsx(
    content: bytes, row_limit: int, required: Sequence[str], aliases: Mapping[str, str] | None
) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a broken or foreign ZIP
        raise TabularError(_("This file is not a readable XLSX workbook.")) from None
    try:
        if not workbook.worksheets:
            raise TabularError(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        rows: list[Row] = []
        rejected: list[Rejected] = []
        header: list[str] | None = None
        try:
            for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [cell_text(v) for v in values]
                if header is None:
                    if any(c.strip() for c in cells):
                        header = _header(cells, required, aliases)
                    continue
                _row(line, cells, header, rows, rejected)
                if len(rows) + len(rejected) > row_limit:
                    raise _too_many_rows(row_limit)
        except TabularError:
            raise
        except Exception:  # a corrupt sheet part inside a valid ZIP
            raise TabularError(_("This file is not a readable XLSX workbook.")) from None
        if header is None:
            raise TabularError(_("The file has no header row."))
        return Table(tuple(n for n in header if n), rows, rejected, "xlsx", None)
    finally:
        workbook.close()


# --- writing ----------------------------------------------------------------------------------


def formula_safe(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run as a formula.

    OWASP "CSV Injection": cells starting with ``=``, ``+``, ``-``, ``@``, TAB or CR. Numbers,
    dates and other non-text values are returned unchanged (they stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return formula_safe(value)


def write_csv(handle: Any, header: Sequence[object], rows: Iterable[Sequence[object]]) -> None:
    """Write a header and rows to a text handle, every cell made :func:`formula_safe`."""
    writer = csv.writer(handle)
    writer.writerow([_csv_cell(v) for v in header])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])


def csv_response(
    filename: str, header: Sequence[object], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """A CSV download (UTF-8) with :func:`formula_safe` cells."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    safe_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename) or "export.csv"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    write_csv(response, header, rows)
    return response


def xlsx_safe(value: object) -> object:
    """A value for an openpyxl cell: text :func:`formula_safe` and without the control
    characters XML cannot hold; numbers and dates unchanged (for callers styling a sheet)."""
    if isinstance(value, str):
        return formula_safe(_XML_ILLEGAL.sub("", value))
    if value is None or isinstance(value, int | float | Decimal | dt.date | dt.time | bool):
        return value
    return formula_safe(_XML_ILLEGAL.sub("", str(value)))


def xlsx_bytes(
    sheets: Mapping[str, tuple[Sequence[object], Iterable[Sequence[object]]]],
) -> bytes:
    """An XLSX workbook with one sheet per entry; numbers and dates stay typed, text is
    :func:`formula_safe`."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for title, (header, rows) in sheets.items():
        name = re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Sheet"
        while name in used:
            name = name[:28] + f"~{len(used)}"
        used.add(name)
        sheet = workbook.create_sheet(name)
        sheet.append([xlsx_safe(v) for v in header])
        for row in rows:
            sheet.append([xlsx_safe(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def iter_rows(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, values)`` pairs, for callers that only need the accepted rows."""
    for row in table.rows:
        yield row.line, row.values
