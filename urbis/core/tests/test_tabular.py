"""The core tabular reader and writers: formats, encodings, sniffing, refusals, formula cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from urbis.core.tabular import (
    TabularError,
    csv_response,
    formula_safe,
    read_table,
    sniff_delimiter,
    write_csv,
    xlsx_bytes,
)


@pytest.fixture(autouse=True)
def _in_english(english: None) -> None:
    """Assertions read English messages (the shared ``english`` fixture)."""


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- encodings --------------------------------------------------------------------------------

TEXT = "name;city\nDupré;Liège\nŒuvre;Namur\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
        pytest.param(TEXT.encode("cp1252"), "cp1252", id="windows-1252"),
        pytest.param(TEXT.encode("utf-16"), "utf-16", id="utf-16-bom"),
        pytest.param(TEXT.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16", id="utf-16be"),
    ],
)
def test_encodings(data: bytes, encoding: str) -> None:
    table = read_table(data, filename="x.csv")
    assert table.encoding == encoding
    assert table.columns == ("name", "city")
    assert [r.values for r in table.rows] == [
        {"name": "Dupré", "city": "Liège"},
        {"name": "Œuvre", "city": "Namur"},
    ]


def test_latin1_when_not_windows_1252() -> None:
    # 0x81 is undefined in Windows-1252: the reader falls back to Latin-1 rather than refusing.
    table = read_table(b"name\nA\x81B\n", filename="x.csv")
    assert table.encoding == "latin-1"
    assert table.rows[0].values["name"] == "A\x81B"


# --- sniffing and quotes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        pytest.param("a,b,c\n1,2,3\n4,5,6\n", ",", id="comma"),
        pytest.param("a;b;c\n1;2,5;3\n4;5,1;6\n", ";", id="semicolon-with-decimal-commas"),
        pytest.param("a\tb\tc\n1\t2\t3\n", "\t", id="tab"),
        pytest.param("a|b|c\n1|2|3\n", "|", id="pipe"),
        pytest.param("a;b\n", ";", id="header-only"),
        pytest.param("name\nx\ny\n", ",", id="one-column"),
        pytest.param('"a;b",c,d\n"1;2",3,4\n', ",", id="delimiter-inside-quotes"),
        pytest.param("a;b;c\n" + "x,y;1;2\n" * 30, ";", id="many-lines"),
        pytest.param("a,b\n" + '",' * 40000 + "\n", ",", id="hostile-quotes-csv-sniffer-hangs-on"),
        pytest.param("\n\na;b\n1;2\n", ";", id="leading-blank-lines"),
    ],
)
def test_sniff_delimiter(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter
    assert read_table(text.encode(), filename="x.csv").delimiter == delimiter


def test_doubled_quotes_read_right() -> None:
    data = b'name,plate\n"Doe, ""J""",1ABC123\n"Smith ""Jr"", A",2XYZ999\n'
    table = read_table(data, filename="bulk.csv")
    assert [r.values["name"] for r in table.rows] == ['Doe, "J"', 'Smith "Jr", A']


def test_line_numbers_follow_the_file_with_multiline_cells_and_blank_lines() -> None:
    data = b'name,note\nA,"two\nlines"\n\nB,x\n'
    table = read_table(data, filename="x.csv")
    assert [(r.line, r.values["name"]) for r in table.rows] == [(2, "A"), (5, "B")]
    assert table.rows[0].values["note"] == "two\nlines"


def test_header_is_stripped_lower_cased_and_aliased() -> None:
    data = b" Naam ; CITY \nA;B\n"
    table = read_table(data, filename="x.csv", aliases={"NAAM": "name"}, required=["name"])
    assert table.columns == ("name", "city")
    assert table.rows[0].values == {"name": "A", "city": "B"}


def test_short_rows_are_padded_and_trailing_delimiters_ignored() -> None:
    table = read_table(b"a,b,c\n1\n2,3,4,,\n", filename="x.csv")
    assert [r.values for r in table.rows] == [
        {"a": "1", "b": "", "c": ""},
        {"a": "2", "b": "3", "c": "4"},
    ]
    assert table.rejected == []


# --- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "kwargs", "message"),
    [
        pytest.param(PNG * 20, "statement.csv", {}, "not a CSV", id="png-as-csv"),
        pytest.param(b"PK\x03\x04broken", "x.xlsx", {}, "not a readable XLSX", id="broken-zip"),
        pytest.param(b"name\nx\n", "x.xlsx", {}, "not a readable XLSX", id="csv-named-xlsx"),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "x.xls", {}, ".xls", id="xls"
        ),
        pytest.param(b"", "x.csv", {}, "empty", id="empty"),
        pytest.param(b"\n\n  \n", "x.csv", {}, "empty", id="blank"),
        pytest.param(b",,,\n", "x.csv", {}, "no header", id="only-empty-cells"),
        pytest.param(b"a,b,A\n1,2,3\n", "x.csv", {}, "more than once: a", id="duplicate-header"),
        pytest.param(
            b"x,y\n1,2\n", "x.csv", {"aliases": {"x": "y"}}, "more than once: y", id="dup-alias"
        ),
        pytest.param(
            b"a,b\n1,2\n",
            "x.csv",
            {"required": ["a", "c", "d"]},
            "Missing column(s): c, d",
            id="missing-columns",
        ),
        pytest.param(
            b"a,b\n" + b"1,2\n" * 11, "x.csv", {"max_rows": 10}, "more than 10 rows", id="max-rows"
        ),
        pytest.param(
            b"a,b\n" + b"1,2\n" * 600, "x.csv", {"max_bytes": 2048}, "2 KB", id="max-bytes"
        ),
        pytest.param(
            xlsx([["a"]] + [[i] for i in range(11)]),
            "x.xlsx",
            {"max_rows": 10},
            "more than 10 rows",
            id="max-rows-xlsx",
        ),
    ],
)
def test_file_refusals(data: bytes, filename: str, kwargs: dict, message: str) -> None:
    with pytest.raises(TabularError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_table(data, filename=filename, **kwargs)


def test_foreign_zip_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<doc/>")
    with pytest.raises(TabularError, match="not a readable XLSX"):
        read_table(buffer.getvalue(), filename="x.csv")


def test_max_bytes_default_setting(settings) -> None:
    settings.URBIS_IMPORT_MAX_BYTES = 100
    with pytest.raises(TabularError, match="100 bytes"):
        read_table(io.BytesIO(b"a\n" + b"x\n" * 100), filename="x.csv")


@pytest.mark.parametrize(
    ("data", "line", "reason"),
    [
        pytest.param(b"a,b\n1,2\nx\x00y,3\n4,5\n", 3, "NUL", id="nul-byte"),
        pytest.param(b"a,b\n1,2\n3,4,5,6\n4,5\n", 3, "4 cells, the header only 2", id="too-many"),
    ],
)
def test_rejected_rows(data: bytes, line: int, reason: str) -> None:
    table = read_table(data, filename="x.csv")
    assert [(r.line, r.values["a"]) for r in table.rows] == [(2, "1"), (4, "4")]
    assert len(table.rejected) == 1
    assert table.rejected[0].line == line
    assert reason in table.rejected[0].reason


def test_huge_cell_is_a_file_refusal_not_a_csv_error() -> None:
    data = b'a,b\n"' + b"x" * (csv.field_size_limit() + 10) + b'",1\n'
    with pytest.raises(TabularError, match="Line 2"):
        read_table(data, filename="x.csv")


# --- XLSX -------------------------------------------------------------------------------------


def test_xlsx_cells_become_text() -> None:
    # spreadsheet cells hold wall-clock times without a zone: naive on purpose
    data = xlsx(
        [
            ["Name", "Count", "Ratio", "Day", "At", "Flag", "Empty"],
            ["A", 12, 2.5, dt.date(2026, 3, 1), dt.datetime(2026, 3, 1, 14, 30), True, None],  # noqa: DTZ001
            ["B", 3.0, -0.25, dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 2, 0, 0, 5), False],  # noqa: DTZ001
        ]
    )
    table = read_table(data, filename="upload.bin")  # found by content, not by name
    assert table.delimiter is None
    assert table.encoding == "xlsx"
    assert [r.values for r in table.rows] == [
        {
            "name": "A",
            "count": "12",
            "ratio": "2.5",
            "day": "2026-03-01",
            "at": "2026-03-01T14:30:00",
            "flag": "true",
            "empty": "",
        },
        {
            "name": "B",
            "count": "3",
            "ratio": "-0.25",
            "day": "2026-03-02",
            "at": "2026-03-02T00:00:05",
            "flag": "false",
            "empty": "",
        },
    ]
    assert [r.line for r in table.rows] == [2, 3]


def test_xlsx_blank_rows_keep_line_numbers_and_extra_cells_are_rejected() -> None:
    data = xlsx([["a", "b"], ["1", "2"], [None, None], ["3", "4", "5"], ["6", "7"]])
    table = read_table(data, filename="x.xlsx")
    assert [(r.line, r.values["a"]) for r in table.rows] == [(2, "1"), (5, "6")]
    assert [r.line for r in table.rejected] == [4]


# --- writing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param('=HYPERLINK("x")', '\'=HYPERLINK("x")', id="equals"),
        pytest.param("+32 2 123", "'+32 2 123", id="plus"),
        pytest.param("-1+1", "'-1+1", id="minus"),
        pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
        pytest.param("\tx", "'\tx", id="tab"),
        pytest.param("\rx", "'\rx", id="cr"),
        pytest.param("Dupont", "Dupont", id="text"),
        pytest.param("", "", id="empty"),
        pytest.param(-5, -5, id="negative-number-stays-number"),
        pytest.param(2.5, 2.5, id="float"),
        pytest.param(None, None, id="none"),
    ],
)
def test_formula_safe(value: object, expected: object) -> None:
    assert formula_safe(value) == expected


def test_write_csv_and_csv_response_are_formula_safe() -> None:
    handle = io.StringIO()
    write_csv(handle, ["name", "amount", "on"], [["=1+1", -3, dt.date(2026, 1, 2)], [None, 1, ""]])
    assert handle.getvalue().splitlines() == ["name,amount,on", "'=1+1,-3,2026-01-02", ",1,"]
    response = csv_response("gas enforcement.csv", ["a"], [["@x"]])
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="gas_enforcement.csv"' in response["Content-Disposition"]
    assert response.content.decode().splitlines() == ["a", "'@x"]
    # What was written reads back as the same text (round trip through the reader).
    assert read_table(response.content, filename="x.csv").rows[0].values == {"a": "'@x"}


def test_xlsx_bytes_keeps_numbers_and_escapes_formulas() -> None:
    data = xlsx_bytes(
        {
            "Cases: 2026/1": (["name", "amount", "day"], [["=cmd", 12.5, dt.date(2026, 1, 2)]]),
            "Other": (["x"], [["bell\x07"]]),
        }
    )
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Cases  2026 1", "Other"]
    first = workbook.worksheets[0]
    assert first["A2"].value == "'=cmd"
    assert first["A2"].data_type == "s"
    assert first["B2"].value == 12.5
    assert first["C2"].value.date() == dt.date(2026, 1, 2)
    assert workbook.worksheets[1]["A2"].value == "bell"
    # and it reads back through the reader
    assert read_table(data, filename="r.xlsx").rows[0].values["amount"] == "12.5"


def test_refusal_is_translated() -> None:
    with translation.override("fr"), pytest.raises(TabularError, match="Colonne"):
        read_table(b"a\n1\n", filename="x.csv", required=["b"])
