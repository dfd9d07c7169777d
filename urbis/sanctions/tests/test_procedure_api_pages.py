"""The whole procedure through the API (/api/v1/gas/) and the case page, with the same
guards as the services; each test cites the rule it protects."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from urbis.core.testing.fixtures import verified_client
from urbis.sanctions.models import Case
from urbis.sanctions.services import cases as case_services
from urbis.sanctions.services.intake import ascertainment_create
from urbis.sanctions.tests.conftest import adult, report
from urbis.sanctions.tests.test_api_views import api

pytestmark = pytest.mark.django_db
D = dt.date


def opened_case(ascertainer, gas_staff, **changes):  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-03-05 09:00", tick=False):
        case = ascertainment_create(
            actor=ascertainer, data=report(on=D(2026, 3, 2), **changes)
        ).case
    with time_machine.travel("2026-03-06 12:00", tick=False):
        return case_services.case_transition(
            actor=gas_staff, case=case, action="send_opening_letter", on=D(2026, 3, 6)
        )


def post(user, case: Case, suffix: str, body: dict, **headers):  # type: ignore[no-untyped-def]
    return api(user).post(
        f"/api/v1/gas/cases/{case.number}/{suffix}",
        body,
        content_type="application/json",
        **headers,
    )


@time_machine.travel("2026-04-20 10:00", tick=False)
def test_api_runs_the_procedure(catalogue, ascertainer, gas_staff, sanctioning_officer) -> None:
    case = opened_case(ascertainer, gas_staff)
    letter = case.letters.get()
    # GAS-R19: the actual receipt, later than the deemed one, moves the defence term.
    body = post(gas_staff, case, f"letters/{letter.pk}/receipt/", {"received_on": "2026-03-20"})
    assert body.status_code == 200, body.json()
    data = body.json()
    assert data["letters"][0]["received_on"] == "2026-03-20"
    assert data["letters"][0]["addressee"] == "Jan Peeters"
    assert {d["code"]: d["due"] for d in data["deadlines"]}["defence"] == "2026-04-07"
    # Art. 25: the defence, then a hearing scheduled and held.
    defence = {"received_on": "2026-03-25", "channel": "letter", "text": "It was not me."}
    assert post(gas_staff, case, "defences/", defence).status_code == 200
    hearing = post(gas_staff, case, "hearings/", {"at": "2026-04-15T10:00:00+02:00", "place": "X"})
    assert hearing.status_code == 200
    hearing_id = hearing.json()["hearings"][0]["id"]
    held = post(
        gas_staff, case, f"hearings/{hearing_id}/record/", {"held": True, "minutes": "Heard."}
    )
    assert held.status_code == 200 and held.json()["hearings"][0]["held"] is True
    fine = post(
        sanctioning_officer,
        case,
        "transitions/",
        {"action": "decide_fine", "amount": "80", "motivation": "Facts established."},
    )
    assert fine.status_code == 200 and fine.json()["status"] == "decided"
    # GAS-R26: the appeal goes to the police court for an adult.
    appeal = post(gas_staff, case, "appeals/", {"lodged_on": "2026-04-20"})
    assert appeal.json()["appeals"][0]["court"] == "police"
    judgment = post(gas_staff, case, "judgment/", {"judgment": "confirmed", "on": "2026-04-20"})
    assert judgment.json()["status"] == "decided"
    # GAS-R25: a payment by hand, recorded once under its Idempotency-Key.
    pay = {"received_on": "2026-04-20", "amount": "80.00"}
    first = post(gas_staff, case, "payments/", pay, HTTP_IDEMPOTENCY_KEY="k-1")
    again = post(gas_staff, case, "payments/", pay, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 200 and first.json()["status"] == "paid"
    assert again.status_code == 200 and again.json()["status"] == "paid"
    assert Case.objects.get(pk=case.pk).payments.count() == 1


@time_machine.travel("2026-05-04 10:00", tick=False)
def test_api_mediation_terms_and_community_service(catalogue, ascertainer, gas_staff) -> None:
    case = opened_case(ascertainer, gas_staff)
    # GAS-R23: no terms outside a mediation.
    refused = post(gas_staff, case, "payment-terms/", {"agreed_on": "2026-05-04", "terms": "x"})
    assert refused.status_code == 400 and "action" in refused.json()["errors"]
    assert post(gas_staff, case, "transitions/", {"action": "propose_mediation"}).status_code == 200
    terms = post(gas_staff, case, "payment-terms/", {"agreed_on": "2026-05-04", "terms": "3x20"})
    assert terms.status_code == 200 and terms.json()["payment_terms_agreed"] is True
    limit = {d["code"]: d["due"] for d in terms.json()["deadlines"]}["decision_limit"]
    assert limit == "2027-06-01"  # 15 months from 2 March 2026
    # GAS-R06: every limit in the serializer: 31 hours is a 400 on "hours".
    too_many = {"hours": 31, "provider": "OCMW", "agreed_on": "2026-05-04"}
    response = post(gas_staff, case, "community-service/", too_many)
    assert response.status_code == 400 and "hours" in response.json()["errors"]
    ok = post(gas_staff, case, "community-service/", {**too_many, "hours": 30})
    assert ok.status_code == 200 and ok.json()["community_services"][0]["hours"] == 30
    codes = {d["code"] for d in ok.json()["deadlines"]}
    assert "community_service" in codes  # GAS-R07


@time_machine.travel("2026-05-04 10:00", tick=False)
def test_api_minor_lawyer_and_catalogue(catalogue, ascertainer, gas_staff, outsider) -> None:
    teen = adult(national_number="", birth_date=D(2009, 1, 1), guardians=[{"name": "An"}])
    with time_machine.travel("2026-03-05 09:00", tick=False):
        case = ascertainment_create(
            actor=ascertainer, data=report(on=D(2026, 3, 2), offender=teen)
        ).case
    response = post(gas_staff, case, "lawyer/", {"name": "Mr. Claes", "city": "Mechelen"})
    assert response.status_code == 200 and response.json()["lawyer"]["name"] == "Mr. Claes"
    opened = post(gas_staff, case, "transitions/", {"action": "send_opening_letter"})
    roles = {letter["addressee_role"] for letter in opened.json()["letters"]}
    assert roles == {"offender", "guardian", "lawyer"}  # GAS-R09, R10
    articles = api(gas_staff).get("/api/v1/gas/articles/")
    assert articles.status_code == 200
    assert "ABP-12" in {row["code"] for row in articles.json()["results"]}
    municipal = api(gas_staff).get("/api/v1/gas/settings/")
    assert municipal.status_code == 200
    assert api(outsider).get("/api/v1/gas/articles/").status_code == 404


def test_schema_names_the_action_enum() -> None:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert "agree_payment_terms" in schema["components"]["schemas"]["GasActionEnum"]["enum"]
    assert "/api/v1/gas/cases/{number}/community-service/" in schema["paths"]


@time_machine.travel("2026-05-04 10:00", tick=False)
def test_page_records_payment_terms(catalogue, ascertainer, gas_staff, outsider) -> None:
    case = opened_case(ascertainer, gas_staff)
    case_services.case_transition(
        actor=gas_staff, case=case, action="propose_mediation", on=D(2026, 5, 4)
    )
    client = verified_client(gas_staff)
    page = client.get(reverse("sanctions:case", args=[case.number]))
    assert b'id="payment-terms"' in page.content and b'id="letter-receipt"' in page.content
    url = reverse("sanctions:case_procedure", args=[case.number, "payment-terms"])
    assert verified_client(outsider).post(url, {}).status_code == 404
    client.post(url, {"agreed_on": "2026-05-04", "terms": "3 x EUR 20"})
    case.refresh_from_db()
    assert case.payment_terms_agreed and case.decision_limit == D(2027, 6, 1)  # GAS-R23
    page = client.get(reverse("sanctions:case", args=[case.number]))
    assert b'id="payment-terms"' not in page.content and b"3 x EUR 20" in page.content
