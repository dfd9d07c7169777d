"""GAS imports through the core reader: the bulk intake never half-writes, every row's limits are
checked before writing, a file that is not a table is a 400, never a 500."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from urbis.core.testing.fixtures import verified_client
from urbis.sanctions.models import Ascertainment, Case, Offender, Payment
from urbis.sanctions.services.intake import ascertainments_import

pytestmark = pytest.mark.django_db

HEADER = "kind;reference;article;offence_at;ascertained_on;received_on;name;national_number;plate"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def line(reference: str, *, name: str = "Peeters", plate: str = "1-AAA-111") -> str:
    return (
        f"municipal;{reference};PARK-1;2026-09-01T10:00;2026-09-01;2026-09-02;{name};"
        f"85073003328;{plate}"
    )


@time_machine.travel("2026-09-05 10:00", tick=False)
def test_a_long_plate_deep_in_a_big_file_refuses_the_whole_import(catalogue, gas_staff) -> None:
    # Defect: 2,050 rows, row 2,042 with a 30-character plate: 2,000 cases were committed,
    # then the database refused the plate (500 on PostgreSQL). Now nothing is written.
    rows = [
        line(f"P{n}", plate="1-ABC-" + "X" * 24 if n == 2040 else "1-AAA-111") for n in range(2050)
    ]
    content = "\n".join([HEADER, *rows]).encode()
    client = verified_client(gas_staff)
    refused = client.post(reverse("sanctions:bulk_import"), {"file": io.BytesIO(content)})
    assert refused.status_code == 400
    assert Case.objects.count() == 0 and Ascertainment.objects.count() == 0
    assert Offender.objects.count() == 0
    html = refused.content.decode()
    assert "<td>2042</td><td>plate: at most 20 characters (this one has 30).</td>" in html
    confirmed = client.post(
        reverse("sanctions:bulk_import"), {"file": io.BytesIO(content), "import_valid": "on"}
    )
    assert confirmed.status_code == 200
    assert Case.objects.count() == 2049
    assert not Ascertainment.objects.filter(reference="P2040").exists()


ROW_DEFECTS = [
    pytest.param(
        {"name": "N" * 201}, "name: at most 200 characters (this one has 201).", id="name"
    ),
    pytest.param({"plate": "P" * 21}, "plate: at most 20 characters", id="plate"),
    pytest.param({"postcode": "1" * 11}, "postcode: at most 10 characters", id="postcode"),
    pytest.param({"city": "C" * 101}, "city: at most 100 characters", id="city"),
    pytest.param({"reference": "R" * 61}, "reference: at most 60 characters", id="reference"),
    pytest.param({"address": "A" * 201}, "address: at most 200 characters", id="address"),
    pytest.param(
        {"offender_kind": "legal", "enterprise_number": "1" * 11, "national_number": ""},
        "enterprise_number: at most 10 characters",
        id="enterprise-number",
    ),
    pytest.param(
        {"speed_limit": "99999"}, "speed_limit: 99999 is too large (at most 32767).", id="range"
    ),
    pytest.param({"speed_limit": "-5"}, "speed_limit: not a whole number.", id="negative"),
    pytest.param(
        {"received_on": "2026-02-30"}, "received_on: “2026-02-30” is not a date", id="date"
    ),
    pytest.param(
        {"offence_at": "yesterday"}, "offence_at: “yesterday” is not a date and time", id="dt"
    ),
    pytest.param({"name": "Pee\x00ters"}, "NUL bytes", id="nul-byte"),
    pytest.param(
        {"national_number": "", "birth_date": ""},
        "birth_date: The date of birth or the national number is required.",
        id="birth-date-worded-for-people",
    ),
    pytest.param({"article": "NOPE-1"}, "article: Unknown article NOPE-1.", id="article"),
]


@pytest.mark.parametrize(("changes", "reason"), ROW_DEFECTS)
@time_machine.travel("2026-09-05 10:00", tick=False)
def test_row_rejections_are_worded_for_people(catalogue, gas_staff, changes, reason) -> None:
    columns = [
        "kind", "reference", "article", "offence_at", "ascertained_on", "received_on", "name",
        "national_number", "plate", "postcode", "city", "address", "offender_kind",
        "enterprise_number", "speed_limit", "birth_date",
    ]  # fmt: skip
    good = dict.fromkeys(columns, "")
    good.update(
        kind="municipal", reference="OK1", article="PARK-1", offence_at="2026-09-01T10:00",
        ascertained_on="2026-09-01", received_on="2026-09-02", name="Peeters",
        national_number="85.07.30-033.28", plate="1-AAA-111", postcode="2800", city="Mechelen",
    )  # fmt: skip
    bad = {**good, "reference": "BAD1", **changes}
    text = "\n".join(
        ";".join(row[c] for c in columns)
        for row in (dict(zip(columns, columns, strict=True)), good, bad)
    )
    report = ascertainments_import(actor=gas_staff, content=text.encode())
    assert not report.imported and Case.objects.count() == 0
    assert len(report.rejected) == 1
    number, said = report.rejected[0]
    assert number == 3 and reason in said and "offender." not in said
    report = ascertainments_import(actor=gas_staff, content=text.encode(), import_valid=True)
    assert report.imported and len(report.created) == 1
    assert Offender.objects.get().national_number == "85073003328"


@time_machine.travel("2026-09-05 10:00", tick=False)
def test_doubled_quotes_are_read_right(catalogue, gas_staff) -> None:
    # Defect: the delimiter was sniffed from the header only, and "" inside quotes was misread.
    content = (
        b"kind,reference,article,offence_at,ascertained_on,received_on,name,national_number\n"
        b'municipal,P1,PARK-1,2026-09-01T10:00,2026-09-01,2026-09-02,"Doe, ""J""",85073003328\n'
    )
    report = ascertainments_import(actor=gas_staff, content=content)
    assert report.rejected == [] and report.imported
    assert Offender.objects.get().name == 'Doe, "J"'


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(PNG, "not a CSV text file nor an XLSX workbook", id="png"),
        pytest.param(b"PK\x03\x04\x00\x00garbage", "not a readable XLSX workbook", id="broken-zip"),
        pytest.param(b"kind;reference\nmunicipal;P1\n", "Missing column(s): article", id="columns"),
    ],
)
def test_a_file_that_is_not_a_bulk_table_is_a_400(catalogue, gas_staff, content, message) -> None:
    page = verified_client(gas_staff).post(
        reverse("sanctions:bulk_import"), {"file": io.BytesIO(content)}
    )
    assert page.status_code == 400
    assert message in page.content.decode()
    assert Case.objects.count() == 0


def api(user):  # type: ignore[no-untyped-def]
    from rest_framework.authtoken.models import Token

    client = verified_client(user)
    token, _ = Token.objects.get_or_create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def test_a_png_sent_as_a_csv_statement_is_a_400(catalogue, gas_staff) -> None:
    # Defect: _csv.Error / decoding error escaped: 500.
    response = api(gas_staff).post(
        reverse("api-gas-payments"), {"source": "csv", "file": io.BytesIO(PNG)}
    )
    assert response.status_code == 400
    body = response.json()
    assert "not a CSV text file nor an XLSX workbook" in " ".join(body["errors"]["file"])
    page = verified_client(gas_staff).post(
        reverse("sanctions:payments"), {"source": "csv", "file": io.BytesIO(PNG)}
    )
    assert page.status_code == 400
    assert "not a CSV text file nor an XLSX workbook" in page.content.decode()
    assert Payment.objects.count() == 0


def test_a_png_sent_as_coda_is_reported_line_by_line(catalogue, gas_staff) -> None:
    response = api(gas_staff).post(
        reverse("api-gas-payments"), {"source": "coda", "file": io.BytesIO(PNG)}
    )
    assert response.status_code == 200
    assert response.json()["matched"] == 0 and response.json()["rejected"]
    assert Payment.objects.count() == 0


@time_machine.travel("2026-10-01 10:00", tick=False)
def test_a_comma_separated_statement_is_read(catalogue, gas_staff) -> None:
    # Defect: refused with "missing column(s)" although every column is there.
    statement = (
        "Date,Amount,Communication,Counterparty,IBAN\n"
        '15/09/2026,12.50,"parking, ""fine""",J. Peeters,BE68539007547034\n'
        '16/09/2026,"1,234.56",other,Bedrijf NV,BE68539007547034\n'
        "17/09/2026,3.00,x\x00y,Z,\n"
        f"18/09/2026,7.00,{'c' * 300},{'n' * 300},\n"
    )
    response = api(gas_staff).post(
        reverse("api-gas-payments"), {"source": "csv", "file": io.BytesIO(statement.encode())}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["unmatched"] == 3
    assert body["rejected"] == [{"line": 4, "reason": "The row contains NUL bytes (binary data)."}]
    assert sorted(Payment.objects.values_list("amount", flat=True)) == [
        Decimal("7.00"),
        Decimal("12.50"),
        Decimal("1234.56"),
    ]
    assert Payment.objects.get(amount=Decimal("12.50")).communication == 'parking, "fine"'
    long = Payment.objects.get(amount=Decimal("7.00"))
    assert len(long.communication) == 200 and len(long.counterparty) == 200


def test_a_statement_missing_a_column_is_a_400(catalogue, gas_staff) -> None:
    response = api(gas_staff).post(
        reverse("api-gas-payments"),
        {"source": "csv", "file": io.BytesIO(b"date;amount\n15/09/2026;1,00\n")},
    )
    assert response.status_code == 400
    assert "Missing column(s): communication" in " ".join(response.json()["errors"]["file"])


def test_dispatch_and_enforcement_csv_are_formula_safe(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    # Defect: names and addresses starting with = + - @ were written raw (CSV injection).
    import csv

    from urbis.sanctions.services import cases as case_services
    from urbis.sanctions.services.batches import fixed_fines_decide, reminders_send
    from urbis.sanctions.services.intake import ascertainment_create
    from urbis.sanctions.tests.conftest import adult, report

    offender = adult(name='=HYPERLINK("http://x")', first_name="", street="@SUM(1+1)")
    with time_machine.travel("2026-09-05 10:00", tick=False):
        case = ascertainment_create(
            actor=ascertainer, data=report("PARK-1", offender=offender)
        ).case
    with time_machine.travel("2026-09-07 10:00", tick=False):
        case_services.case_transition(
            actor=gas_staff, case=case, action="send_parking_notice", on=dt.date(2026, 9, 7)
        )
    with time_machine.travel("2026-10-20 10:00", tick=False):
        reminders_send(actor=None, today=dt.date(2026, 10, 20))
    with time_machine.travel("2026-11-24 10:00", tick=False):
        assert (
            len(fixed_fines_decide(actor=sanctioning_officer, today=dt.date(2026, 11, 24)).done)
            == 1
        )
    with time_machine.travel("2026-11-24 12:00", tick=False):
        dispatch = verified_client(gas_staff).get(
            reverse("sanctions:dispatch"), {"day": "2026-11-24"}
        )
    rows = list(csv.reader(io.StringIO(dispatch.content.decode())))
    assert rows[0] == ["case", "letter", "addressee", "address"]
    assert rows[1][2].startswith("'=HYPERLINK") and rows[1][3].startswith("'@SUM")
    with time_machine.travel("2027-01-05 10:00", tick=False):
        reminders_send(actor=None, today=dt.date(2027, 1, 5))
    with time_machine.travel("2027-02-10 10:00", tick=False):
        export = verified_client(gas_staff).get(reverse("sanctions:enforcement"))
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[1][1].startswith("'=HYPERLINK") and rows[1][4] == "'@SUM(1+1)"
    assert rows[1][7] == "58.00"  # numbers are not escaped
