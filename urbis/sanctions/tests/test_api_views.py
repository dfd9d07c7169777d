"""GAS pages and API: access, intake with idempotency, deadlines and allowed steps, letters,
payments matched on the structured communication, register and evaluation export."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.authtoken.models import Token

from urbis.core.models import AccessLogEntry
from urbis.core.testing.fixtures import verified_client
from urbis.sanctions.models import Case, Payment, RegisterEntry
from urbis.sanctions.rules import payment_reference
from urbis.sanctions.services import cases as case_services
from urbis.sanctions.services.intake import ascertainment_create
from urbis.sanctions.tests.conftest import report

pytestmark = pytest.mark.django_db

BODY = {
    "kind": "municipal",
    "reference": "BV/2026/0100",
    "article_code": "ABP-12",
    "offence_at": "2026-09-01T14:30:00+02:00",
    "ascertained_on": "2026-09-01",
    "received_on": "2026-09-03",
    "description": "Illegal dumping of a mattress",
    "address": "Bruul 5, Mechelen",
    "offender": {
        "kind": "natural",
        "name": "Peeters",
        "first_name": "Jan",
        "national_number": "85073003328",
        "street": "Grote Markt 1",
        "postcode": "2800",
        "city": "Mechelen",
        "language": "fr",
    },
}


def api(user):  # type: ignore[no-untyped-def]
    client = verified_client(user)
    token, _ = Token.objects.get_or_create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@time_machine.travel("2026-09-05 10:00", tick=False)
def test_api_intake_is_idempotent_and_validates(catalogue, ascertainer) -> None:
    client = api(ascertainer)
    first = client.post(
        "/api/v1/gas/ascertainments/",
        BODY,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="phone-123",
    )
    assert first.status_code == 201, first.json()
    again = client.post(
        "/api/v1/gas/ascertainments/",
        BODY,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="phone-123",
    )
    assert again.status_code == 200 and again.json()["number"] == first.json()["number"]
    assert Case.objects.count() == 1
    bad = client.post(
        "/api/v1/gas/ascertainments/",
        {**BODY, "article_code": "ABP-99", "offence_at": "2026-09-02T10:00:00+02:00"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    errors = bad.json()["errors"]
    assert "Unknown article ABP-99" in errors["article_code"][0]
    assert "after its ascertainment" in errors["offence_at"][0]
    assert Case.objects.count() == 1


@time_machine.travel("2026-09-05 10:00", tick=False)
def test_api_case_shows_deadlines_and_transitions(
    catalogue, ascertainer, gas_staff, outsider
) -> None:
    number = (
        api(ascertainer)
        .post("/api/v1/gas/ascertainments/", BODY, content_type="application/json")
        .json()["number"]
    )
    # The ascertaining officer files; only the sanctions staff read cases (art. 44).
    assert api(ascertainer).get(f"/api/v1/gas/cases/{number}/").status_code == 404
    assert api(outsider).get("/api/v1/gas/cases/").status_code == 404
    body = api(gas_staff).get(f"/api/v1/gas/cases/{number}/").json()
    codes = {d["code"]: d for d in body["deadlines"]}
    assert codes["decision_limit"]["fatal"] and codes["decision_limit"]["due"] <= "2027-03-01"
    assert "send_opening_letter" in {t["action"] for t in body["allowed_transitions"]}
    refused = api(gas_staff).post(
        f"/api/v1/gas/cases/{number}/transitions/",
        {"action": "lodge_appeal"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "not allowed" in refused.json()["errors"]["action"][0]
    done = api(gas_staff).post(
        f"/api/v1/gas/cases/{number}/transitions/",
        {"action": "send_opening_letter"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "opened"
    letter = done.json()["letters"][0]
    pdf = api(gas_staff).get(f"/api/v1/gas/cases/{number}/letters/{letter['id']}/")
    assert pdf["Content-Type"] == "application/pdf"
    assert AccessLogEntry.objects.filter(user=gas_staff, purpose="gas.api.case").exists()


@time_machine.travel("2026-09-05 10:00", tick=False)
def test_opening_letter_has_the_elements_of_art_25(catalogue, ascertainer, gas_staff) -> None:
    case = ascertainment_create(actor=ascertainer, data=report()).case
    case = case_services.case_transition(actor=gas_staff, case=case, action="send_opening_letter")
    text = text_of(bytes(case.letters.get(kind="opening").content))
    # GAS-R17: facts and qualification, PV copy, file consultation, counsel, 15-day defence,
    # oral hearing above EUR 70 — in the offender's language (Dutch here).
    for required in (
        "BV/2026/0042",
        "ABP-12",
        "Sluikstorten",
        "dossier",
        "advocaat",
        "15 dagen",
        "70,00",
    ):
        assert required in text, required


@time_machine.travel("2026-10-01 10:00", tick=False)
def test_decision_letter_carries_payment_block(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    case = ascertainment_create(actor=ascertainer, data=report()).case
    case_services.case_transition(
        actor=gas_staff, case=case, action="send_opening_letter", on=dt.date(2026, 9, 6)
    )
    case = case_services.case_transition(
        actor=sanctioning_officer,
        case=case,
        action="decide_fine",
        amount=Decimal(150),
        motivation="Facts established.",
    )
    text = text_of(bytes(case.letters.get(kind="decision").content))
    ogm = payment_reference.format_ogm(case.payment_reference)
    assert ogm in text and "150,00" in text and "politierechtbank" in text


CSV_HEADER = "date;amount;communication;counterparty;iban\n"


@time_machine.travel("2026-10-01 10:00", tick=False)
def test_payments_match_on_structured_communication_and_queue_the_rest(
    catalogue, ascertainer, gas_staff
) -> None:
    case = ascertainment_create(actor=ascertainer, data=report("PARK-1")).case
    case = case_services.case_transition(
        actor=gas_staff, case=case, action="send_parking_notice", on=dt.date(2026, 9, 6)
    )
    ogm = payment_reference.format_ogm(case.payment_reference)
    statement = (
        CSV_HEADER
        + f"15/09/2026;30,00;{ogm};J. Peeters;BE68539007547034\n"
        + f"16/09/2026;28,00;{ogm};J. Peeters;BE68539007547034\n"
        + "16/09/2026;58,00;parking fine;Unknown;BE68539007547034\n"
        + "not a date;12,00;x;y;z\n"
    )
    client = verified_client(gas_staff)
    page = client.post(
        reverse("sanctions:payments"),
        {"source": "csv", "file": io.BytesIO(statement.encode())},
    )
    assert page.status_code == 200
    case.refresh_from_db()
    assert case.status == "paid"  # 30 + 28 = the fixed EUR 58 (GAS-R33)
    unmatched = Payment.objects.get(case__isnull=True)
    assert unmatched.amount == Decimal("58.00")
    rejected = page.content.decode().split('id="import-report"')[1]
    assert "<td>5</td>" in rejected  # line 5, the unreadable date, reported with its line
    again = client.post(
        reverse("sanctions:payments"), {"source": "csv", "file": io.BytesIO(statement.encode())}
    )
    assert Payment.objects.count() == 3 and "3 already imported" in again.content.decode()


@time_machine.travel("2026-09-05 10:00", tick=False)
def test_bulk_import_reports_rows_and_writes_nothing_unless_confirmed(catalogue, gas_staff) -> None:
    header = (
        "kind;reference;article;offence_at;ascertained_on;received_on;name;national_number;plate\n"
    )
    good = (
        "municipal;P1;PARK-1;2026-09-01T10:00;2026-09-01;2026-09-02;Peeters;85073003328;1-AAA-111\n"
    )
    bad_article = "municipal;P2;PARK-9;2026-09-01T10:00;2026-09-01;2026-09-02;Maes;;1-AAA-112\n"
    bad_date = "municipal;P3;PARK-1;2026-13-01T10:00;2026-09-01;2026-09-02;Maes;;1-AAA-113\n"
    content = (header + good + bad_article + bad_date).encode()
    client = verified_client(gas_staff)
    refused = client.post(reverse("sanctions:bulk_import"), {"file": io.BytesIO(content)})
    assert refused.status_code == 400 and Case.objects.count() == 0
    html = refused.content.decode()
    assert "Unknown article PARK-9" in html and "offence_at" in html
    confirmed = client.post(
        reverse("sanctions:bulk_import"), {"file": io.BytesIO(content), "import_valid": "on"}
    )
    assert confirmed.status_code == 200 and Case.objects.count() == 1


@time_machine.travel("2026-10-01 10:00", tick=False)
def test_register_purge_and_evaluation_export(
    catalogue, ascertainer, gas_staff, sanctioning_officer, outsider
) -> None:
    case = ascertainment_create(actor=ascertainer, data=report()).case
    case_services.case_transition(
        actor=gas_staff, case=case, action="send_opening_letter", on=dt.date(2026, 9, 6)
    )
    case_services.case_transition(
        actor=sanctioning_officer, case=case, action="decide_warning", motivation="First time."
    )
    RegisterEntry.objects.create(
        case_number="GAS-2019-000001",
        offender_name="Old",
        article_code="ABP-12",
        procedure="general",
        offence_on=dt.date(2019, 1, 1),
        measure="fine",
        amount=Decimal(50),
        decided_on=dt.date(2019, 3, 1),
    )
    client = verified_client(sanctioning_officer)
    assert client.get(reverse("sanctions:register")).status_code == 200
    assert verified_client(outsider).get(reverse("sanctions:register")).status_code == 404
    assert verified_client(ascertainer).get(reverse("sanctions:register")).status_code == 404
    export = client.get(reverse("sanctions:evaluation")).content.decode()
    assert "2026,general,warning,False,1" in export and "Peeters" not in export
    client.post(reverse("sanctions:register_purge"))
    assert list(RegisterEntry.objects.values_list("case_number", flat=True)) == [case.number]


def test_pages_need_the_sanctions_roles(catalogue, outsider, coordinator, gas_staff) -> None:
    for user, expected in ((outsider, 404), (coordinator, 404), (gas_staff, 200)):
        client = verified_client(user)
        for name in ("dashboard", "cases", "payments", "register", "bulk_import"):
            assert client.get(reverse(f"sanctions:{name}")).status_code == expected, (user, name)


@time_machine.travel("2026-10-01 10:00", tick=False)
def test_a_warning_is_notified_without_payment_block(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    case = ascertainment_create(actor=ascertainer, data=report()).case
    case_services.case_transition(
        actor=gas_staff, case=case, action="send_opening_letter", on=dt.date(2026, 9, 6)
    )
    case = case_services.case_transition(
        actor=sanctioning_officer, case=case, action="decide_warning", motivation="First time."
    )
    text = text_of(bytes(case.letters.get(kind="decision").content))
    assert "waarschuwing" in text and "First time." in text
    assert "+++" not in text and "politierechtbank" not in text
    page = verified_client(gas_staff).get(reverse("sanctions:case", args=[case.number]))
    html = page.content.decode()
    assert 'data-deadline="payment"' not in html  # no fine, nothing to pay
    assert 'class="level-overdue"' not in html
