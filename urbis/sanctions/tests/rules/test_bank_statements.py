"""CODA and CSV bank statements → payments, with per-line errors (synthetic fixtures)."""

from datetime import date
from decimal import Decimal

import pytest

from urbis.sanctions.rules.bank_statements import CsvLayout, decode, parse_coda, parse_csv

D = date.fromisoformat


def record(fields: dict[int, str]) -> str:
    """A 128-character CODA record from {1-based start position: text}."""
    line = [" "] * 128
    for start, text in fields.items():
        assert start - 1 + len(text) <= 128, (start, text)
        line[start - 1 : start - 1 + len(text)] = text
    return "".join(line)


def movement(
    seq: str,
    amount_milli: int,
    *,
    detail: str = "0000",
    debit: bool = False,
    structured: str | None = None,
    text: str = "",
    value_date: str = "240325",
    glob: str = "0",
    next_code: str = "0",
    structured_type: str = "101",
) -> str:
    fields = {
        1: "21",
        3: seq,
        7: detail,
        11: f"REF{seq}{detail}".ljust(21),
        32: "1" if debit else "0",
        33: f"{amount_milli:015d}",
        48: value_date,
        54: "00150000",
        116: "250325",
        122: "001",
        125: glob,
        126: next_code,
        128: "0",
    }
    if structured is not None:
        fields[62] = "1"
        fields[63] = structured_type + structured
    else:
        fields[62] = "0"
        fields[63] = text
    return record(fields)


HEADER = record({1: "00000", 6: "250325", 12: "000", 15: "05", 35: "STAD MECHELEN", 128: "2"})
OLD_BALANCE = record(
    {
        1: "12001",
        6: "BE71096123456769",
        40: "EUR",
        43: "0",
        44: f"{1000000:015d}",
        59: "240325",
        65: "STAD MECHELEN",
        126: "001",
    }
)
NEW_BALANCE = record({1: "8001", 5: "BE71096123456769", 40: "EUR", 42: "0", 43: f"{1:015d}"})


def trailer(count: int, debit_milli: int, credit_milli: int) -> str:
    return record(
        {
            1: "9",
            17: f"{count:06d}",
            23: f"{debit_milli:015d}",
            38: f"{credit_milli:015d}",
            128: "2",
        }
    )


CODA_LINES = [
    HEADER,  # 1
    OLD_BALANCE,  # 2
    movement("0001", 58000, structured="010806817183", next_code="1"),  # 3: OGM, with 2.2+2.3
    record({1: "22", 3: "0001", 7: "0000", 11: "", 126: "1"}),  # 4
    record(
        {1: "23", 3: "0001", 7: "0000", 11: "BE68539007547034", 48: "JANSSENS JAN", 126: "0"}
    ),  # 5
    movement("0002", 116000, text="GAS boete 202/5000/12390 dank"),  # 6: OGM typed as free text
    movement("0003", 10000, debit=True, text="bank costs"),  # 7: debit, skipped
    movement("0004", 25500, text="no reference at all"),  # 8
    movement("0005", 200000, glob="1"),  # 9: global amount of two details
    movement("0005", 120000, detail="0001", structured="202500012390"),  # 10
    movement("0005", 80000, detail="0002", structured="000000000101"),  # 11
    movement("0006", 70000, structured="010806817180"),  # 12: structured, bad mod 97
    record({1: "31", 3: "0006", 7: "0000"}),  # 13: information record, accepted
    NEW_BALANCE,  # 14
    trailer(13, 10000, 58000 + 116000 + 25500 + 200000 + 70000),  # 15
]


def test_coda_payments() -> None:
    result = parse_coda("\r\n".join(CODA_LINES) + "\r\n")
    assert result.errors == ()
    assert result.skipped == 1  # the debit
    rows = [
        (p.line, p.amount, p.structured, p.structured_source, p.counterparty, p.iban)
        for p in result.payments
    ]
    assert rows == [
        (3, Decimal("58"), "010806817183", "structured", "JANSSENS JAN", "BE68539007547034"),
        (6, Decimal("116"), "202500012390", "free_text", None, None),
        (8, Decimal("25.5"), None, None, None, None),
        (10, Decimal("120"), "202500012390", "structured", None, None),  # details, not global
        (11, Decimal("80"), "000000000101", "structured", None, None),
        (12, Decimal("70"), None, None, None, None),
    ]
    first = result.payments[0]
    assert first.date == D("2025-03-24") and first.entry_date == D("2025-03-25")
    assert first.account == "BE71096123456769"
    assert first.communication == "+++010/8068/17183+++"
    assert result.payments[1].communication == "GAS boete 202/5000/12390 dank"
    # the bad structured communication is kept as text and reported
    assert [w.line for w in result.warnings] == [12]
    assert result.payments[-1].communication == "010806817180"


def test_coda_trailer_mismatch_is_a_warning() -> None:
    lines = [*CODA_LINES[:-1], trailer(99, 0, 1)]
    result = parse_coda("\n".join(lines))
    assert len(result.payments) == 6
    assert {w.line for w in result.warnings} == {12, 15}
    assert len([w for w in result.warnings if w.line == 15]) == 3


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        pytest.param(
            movement("0007", 1000).replace("00000000000100", "000000000001X0"),
            "amount",
            id="coda-amount-not-digits",
        ),
        pytest.param(movement("0007", 1000, value_date="311325"), "DDMMYY", id="coda-bad-date"),
        pytest.param(record({1: "5"}), "unknown record type", id="coda-unknown-record"),
        pytest.param(movement("0007", 1000) + "X", "128", id="coda-too-long"),
        pytest.param(
            record({1: "22", 3: "0099", 7: "0000"}), "without its record 2.1", id="coda-orphan-2.2"
        ),
    ],
)
def test_coda_line_errors_keep_the_rest(bad_line: str, reason: str) -> None:
    lines = [*CODA_LINES[:3], bad_line, *CODA_LINES[5:]]
    result = parse_coda("\n".join(lines))
    assert len(result.errors) == 1
    assert result.errors[0].line == 4 and reason in result.errors[0].reason
    assert len(result.payments) == 6  # the line-3 movement lost only its 2.2/2.3 records


def test_coda_two_statements_keep_their_own_globalisation() -> None:
    # second statement reuses sequence 0005 without details: its global movement is a payment
    second = [
        HEADER,
        OLD_BALANCE,
        movement("0005", 30000, structured="000000000101"),
        NEW_BALANCE,
        trailer(3, 0, 30000),
    ]
    result = parse_coda("\n".join([*CODA_LINES, *second]))
    assert result.errors == ()
    assert [p.amount for p in result.payments][-1] == Decimal("30")
    assert len(result.payments) == 7


def test_coda_short_lines_are_padded() -> None:
    result = parse_coda("\n".join(line.rstrip() for line in CODA_LINES))
    assert result.errors == () and len(result.payments) == 6


def test_decode_falls_back_to_windows_1252() -> None:
    assert decode("Müller".encode("cp1252")) == "Müller"
    assert decode("\ufeffMüller".encode()) == "Müller"


BELFIUS_LIKE = CsvLayout(
    date="Datum",
    amount="Bedrag",
    counterparty="Naam tegenpartij",
    iban="Rekening tegenpartij",
    communication="Mededeling",
)

CSV_TEXT = """Datum;Bedrag;Naam tegenpartij;Rekening tegenpartij;Mededeling
24/03/2025;58,00;Jan Janssens;be48 0011 2345 6727;+++010/8068/17183+++
25/03/2025;1.234,56;Bedrijf NV;BE68539007547034;factuur 12
26/03/2025;-12,00;Bank;;kosten
31/02/2025;10,00;X;;
27/03/2025;tien;X;;
28/03/2025;5,00
"""


def test_csv_payments_and_line_errors() -> None:
    result = parse_csv(CSV_TEXT, BELFIUS_LIKE)
    assert [(p.line, p.amount, p.structured, p.iban) for p in result.payments] == [
        (2, Decimal("58.00"), "010806817183", "BE48001123456727"),
        (3, Decimal("1234.56"), None, "BE68539007547034"),  # unknown bank code: kept
    ]
    assert result.payments[0].date == D("2025-03-24")
    assert result.payments[0].counterparty == "Jan Janssens"
    assert result.skipped == 1
    assert [(e.line, e.reason.split()[0]) for e in result.errors] == [
        (5, "date"),
        (6, "amount"),
        (7, "row"),
    ]


def test_csv_missing_column() -> None:
    result = parse_csv("Datum;Bedrag\n24/03/2025;1,00\n", BELFIUS_LIKE)
    assert not result.ok and result.errors[0].line == 1
    assert "Mededeling" in result.errors[0].reason


def test_csv_headerless_with_indexes_and_decimal_point() -> None:
    layout = CsvLayout(
        date=0,
        amount=1,
        communication=2,
        delimiter=",",
        has_header=False,
        decimal_separator=".",
        thousands_separator=",",
    )
    result = parse_csv('2025-03-24,"1,058.00",ref 202/5000/12390\n', layout)
    assert result.errors == ()
    (payment,) = result.payments
    assert (payment.amount, payment.structured, payment.structured_source) == (
        Decimal("1058.00"),
        "202500012390",
        "free_text",
    )
