"""The legal guards beyond the transition table, each row citing the rule it checks, and the
integrity rules of intake, payments, letters and the register."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from urbis.core.testing.fixtures import create_user, verified_client
from urbis.sanctions.models import Offender, Payment, RegisterEntry
from urbis.sanctions.rules import payment_reference
from urbis.sanctions.services import cases as case_services
from urbis.sanctions.services.intake import (
    IdempotencyConflict,
    ascertainment_create,
    ascertainments_import,
)
from urbis.sanctions.services.payments import payments_import
from urbis.sanctions.tests.conftest import adult, report

TZ = ZoneInfo("Europe/Brussels")
pytestmark = pytest.mark.django_db


def step(case, action, actor, on, **kw):  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime.combine(on, dt.time(12)), tick=False):
        return case_services.case_transition(actor=actor, case=case, action=action, on=on, **kw)


def new_case(actor, article="ABP-12", on=dt.date(2026, 3, 2), **changes):  # type: ignore[no-untyped-def]
    received = on + dt.timedelta(days=3)
    with time_machine.travel(dt.datetime.combine(received, dt.time(9)), tick=False):
        return ascertainment_create(actor=actor, data=report(article, on=on, **changes)).case


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    "article, action, rule",
    [
        pytest.param("SW-398", "send_opening_letter", "GAS-R14/R15", id="R15-heavy-no-consent"),
        pytest.param("SW-526", "send_opening_letter", "GAS-R14/R15", id="R14-light-no-answer"),
        pytest.param("SW-526", "propose_mediation", "GAS-R14/R15", id="R14-no-mediation-either"),
    ],
)
def test_mixed_cases_wait_for_the_prosecutor(
    catalogue, ascertainer, gas_staff, article, action, rule
) -> None:
    case = new_case(ascertainer, article, kind="police")
    with pytest.raises(ValidationError, match=rule):
        step(case, action, gas_staff, dt.date(2026, 3, 6))
    case = step(case, "forward_to_prosecutor", gas_staff, dt.date(2026, 3, 6))
    case = step(case, "prosecutor_waives", gas_staff, dt.date(2026, 3, 20))
    assert step(case, action, gas_staff, dt.date(2026, 3, 21)).status in ("opened", "mediation")


def test_no_fine_without_opening_letter(catalogue, ascertainer, gas_staff, sanctioning_officer):  # type: ignore[no-untyped-def]
    # GAS-R17 (art. 25): mediation refused straight after intake does not skip the letter.
    case = new_case(ascertainer)
    case = step(case, "propose_mediation", gas_staff, dt.date(2026, 3, 6))
    case = step(case, "mediation_failed", gas_staff, dt.date(2026, 4, 1))
    with pytest.raises(ValidationError, match="GAS-R17"):
        step(case, "decide_fine", sanctioning_officer, dt.date(2026, 4, 2), amount=Decimal(50))


def test_decision_waits_for_defence_term_and_hearing(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    case = new_case(ascertainer)
    case = step(case, "send_opening_letter", gas_staff, dt.date(2026, 3, 6))
    with time_machine.travel("2026-03-09 10:00", tick=False):
        case_services.hearing_schedule(
            actor=gas_staff,
            case=case,
            at=dt.datetime(2026, 4, 15, 10, tzinfo=TZ),
            place="City hall",
        )
    case.refresh_from_db()
    # GAS-R18: the defence term still runs in "hearing scheduled".
    with pytest.raises(ValidationError, match="GAS-R18"):
        step(case, "decide_fine", sanctioning_officer, dt.date(2026, 3, 10), amount=Decimal(50))
    # GAS-R20: after the defence term, still not before the hearing.
    with pytest.raises(ValidationError, match="GAS-R20"):
        step(case, "decide_fine", sanctioning_officer, dt.date(2026, 4, 1), amount=Decimal(50))
    assert (
        step(
            case, "decide_fine", sanctioning_officer, dt.date(2026, 4, 16), amount=Decimal(50)
        ).status
        == "decided"
    )


def test_parking_offender_has_thirty_days(catalogue, ascertainer, gas_staff, sanctioning_officer):  # type: ignore[no-untyped-def]
    # GAS-R31: 30 days to pay or defend before any decision.
    case = new_case(ascertainer, "PARK-1")
    case = step(case, "send_parking_notice", gas_staff, dt.date(2026, 3, 6))
    with pytest.raises(ValidationError, match="GAS-R18"):
        step(case, "decide_fine", sanctioning_officer, dt.date(2026, 3, 7))


@pytest.mark.parametrize(
    "action, on, rule",
    [
        pytest.param("send_opening_letter", dt.date(2027, 1, 1), "future", id="no-future-dates"),
        pytest.param("send_opening_letter", dt.date(2026, 2, 1), "before", id="not-before-facts"),
    ],
)
def test_step_dates(catalogue, ascertainer, gas_staff, action, on, rule) -> None:  # type: ignore[no-untyped-def]
    case = new_case(ascertainer)
    with (
        time_machine.travel("2026-03-10 10:00", tick=False),
        pytest.raises(ValidationError, match=rule),
    ):
        case_services.case_transition(actor=gas_staff, case=case, action=action, on=on)


def test_lapsed_case_is_not_revived_by_mediation(catalogue, ascertainer, gas_staff) -> None:
    # GAS-R21/R22: the 12-month extension only extends a limit that still runs.
    case = new_case(ascertainer, on=dt.date(2026, 1, 5))
    with pytest.raises(ValidationError, match="GAS-R21"):
        step(case, "propose_mediation", gas_staff, dt.date(2026, 8, 1))


def test_minor_mediation_before_community_service(catalogue, ascertainer, gas_staff) -> None:
    # GAS-R08 (art. 18).
    teen = adult(national_number="", birth_date=dt.date(2009, 1, 1), guardians=[{"name": "P"}])
    case = new_case(ascertainer, offender=teen)
    case = step(case, "send_opening_letter", gas_staff, dt.date(2026, 3, 6))
    with pytest.raises(ValidationError, match="GAS-R08"):
        step(case, "propose_community_service", gas_staff, dt.date(2026, 3, 30), via_service=True)


@pytest.mark.parametrize(
    "action, user, message",
    [
        pytest.param("record_defence", "gas_staff", "own form", id="defence-needs-its-form"),
        pytest.param("payment_received", "gas_staff", "own form", id="payment-needs-a-payment"),
        pytest.param("decide_warning", "gas_staff", "sanctioning official", id="staff-no-decide"),
    ],
)
def test_bare_steps_refused_through_the_api(
    catalogue, ascertainer, gas_staff, action, user, message
) -> None:
    from rest_framework.authtoken.models import Token

    case = new_case(ascertainer)
    case = step(case, "send_opening_letter", gas_staff, dt.date(2026, 3, 6))
    client = verified_client(gas_staff)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=gas_staff).key}"
    with time_machine.travel("2026-04-10 10:00", tick=False):
        response = client.post(
            f"/api/v1/gas/cases/{case.number}/transitions/",
            {"action": action},
            content_type="application/json",
        )
    assert response.status_code == 400 and message in response.json()["errors"]["action"][0]
    case.refresh_from_db()
    assert case.status == "opened" and not case.defences.exists()


def test_general_fine_is_not_reminded_before_its_decision(catalogue, ascertainer, gas_staff):  # type: ignore[no-untyped-def]
    # GAS-R25/R27: only a decided fine is reminded (art. 30).
    case = new_case(ascertainer)
    case = step(case, "send_opening_letter", gas_staff, dt.date(2026, 3, 6))
    with pytest.raises(ValidationError, match="not allowed"):
        step(case, "send_reminder", gas_staff, dt.date(2026, 5, 1))


def test_enforcement_only_after_appeal_term_and_unpaid(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    case = new_case(ascertainer)
    case = step(case, "send_opening_letter", gas_staff, dt.date(2026, 3, 6))
    case = step(case, "decide_fine", sanctioning_officer, dt.date(2026, 4, 10), amount=Decimal(80))
    with pytest.raises(ValidationError, match="GAS-R26"):
        step(case, "export_for_enforcement", gas_staff, dt.date(2026, 4, 20))
    Payment.objects.create(
        received_on=dt.date(2026, 4, 12),
        amount=Decimal(80),
        source="manual",
        import_key="manual-1",
        case=case,
    )
    with pytest.raises(ValidationError, match="paid"):
        step(case, "export_for_enforcement", gas_staff, dt.date(2026, 6, 20))


def test_register_follows_the_appeal_judgment(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    case = new_case(ascertainer)
    case = step(case, "send_opening_letter", gas_staff, dt.date(2026, 3, 6))
    case = step(case, "decide_fine", sanctioning_officer, dt.date(2026, 4, 10), amount=Decimal(100))
    with time_machine.travel("2026-04-20 10:00", tick=False):
        case_services.appeal_lodge(actor=gas_staff, case=case, lodged_on=dt.date(2026, 4, 20))
    with time_machine.travel("2026-06-01 10:00", tick=False):
        case_services.appeal_judgment(
            actor=gas_staff,
            case=case,
            judgment="reformed",
            on=dt.date(2026, 6, 1),
            new_amount=Decimal(50),
        )
    entries = RegisterEntry.objects.filter(case_number=case.number)
    assert [e.amount for e in entries] == [Decimal(50)]  # one entry, the reformed amount
    case.refresh_from_db()
    codes = {d.code: d for d in case_services.timelimits.deadlines_of(case)}
    assert "appeal" not in codes and codes["payment"].due > dt.date(2026, 6, 1)


def test_annulled_fine_leaves_the_register(catalogue, ascertainer, gas_staff, sanctioning_officer):  # type: ignore[no-untyped-def]
    case = new_case(ascertainer)
    case = step(case, "send_opening_letter", gas_staff, dt.date(2026, 3, 6))
    case = step(case, "decide_fine", sanctioning_officer, dt.date(2026, 4, 10), amount=Decimal(100))
    with time_machine.travel("2026-04-20 10:00", tick=False):
        case_services.appeal_lodge(actor=gas_staff, case=case, lodged_on=dt.date(2026, 4, 20))
        case_services.appeal_judgment(
            actor=gas_staff, case=case, judgment="annulled", on=dt.date(2026, 4, 20)
        )
    assert not RegisterEntry.objects.filter(case_number=case.number).exists()


def test_ascertaining_officer_cannot_decide_his_own_report(catalogue, gas_staff) -> None:
    # GAS-R49: a user who is both officer and sanctioning official.
    both = create_user("ascertainer", "sanctioning_officer", username="both")
    case = new_case(both)
    assert case.ascertainment.ascertainer == both
    case = step(case, "send_opening_letter", gas_staff, dt.date(2026, 3, 6))
    with pytest.raises(ValidationError, match="GAS-R49"):
        step(case, "decide_fine", both, dt.date(2026, 4, 10), amount=Decimal(50))


def test_staff_keying_in_a_police_pv_is_not_its_officer(catalogue, sanctioning_officer) -> None:
    case = new_case(sanctioning_officer, kind="police", officer="INP 4711")
    assert case.ascertainment.ascertainer is None
    assert case.ascertainment.officer == "INP 4711"


def test_intake_integrity(catalogue, ascertainer, gas_staff) -> None:
    case = new_case(ascertainer)
    # One PV, one case.
    with pytest.raises(ValidationError, match=case.number):
        new_case(ascertainer)
    # GAS-R04: an age is needed to apply the age rules.
    with pytest.raises(ValidationError, match="date of birth"):
        new_case(ascertainer, reference="X2", offender=adult(national_number=""))
    # The latest report's address replaces the old one for the next letters.
    new_case(ascertainer, reference="X3", offender=adult(street="Bruul 9"))
    assert Offender.objects.get(national_number="85073003328").street == "Bruul 9"


def test_idempotency_keys_are_per_user(catalogue, ascertainer) -> None:
    other = create_user("ascertainer", username="other-officer")
    with time_machine.travel("2026-03-05 10:00", tick=False):
        on = dt.date(2026, 3, 2)
        mine = ascertainment_create(actor=ascertainer, data=report(on=on), idempotency_key="k")
        theirs = ascertainment_create(
            actor=other, data=report(reference="OTHER/1", on=on), idempotency_key="k"
        )
        assert theirs.created and theirs.case.pk != mine.case.pk
        with pytest.raises(IdempotencyConflict):
            ascertainment_create(
                actor=ascertainer,
                data=report(reference="DIFFERENT", on=on),
                idempotency_key="k",
            )


def test_bulk_import_rejects_known_and_repeated_references(catalogue, gas_staff) -> None:
    header = "kind;reference;article;offence_at;ascertained_on;received_on;name;national_number\n"
    row = "municipal;P1;PARK-1;2026-09-01T10:00;2026-09-01;2026-09-02;Peeters;85073003328\n"
    with time_machine.travel("2026-09-05 10:00", tick=False):
        first = ascertainments_import(actor=gas_staff, content=(header + row).encode())
        other = row.replace("P1", "P2")
        again = ascertainments_import(
            actor=gas_staff, content=(header + row + other + other).encode()
        )
    assert first.imported and not again.imported
    reasons = dict(again.rejected)
    assert "already registered" in reasons[2] and "twice" in reasons[4] and 3 not in reasons


def test_csv_reimport_of_an_overlapping_export(catalogue, ascertainer, gas_staff) -> None:
    case = new_case(ascertainer, "PARK-1")
    case = step(case, "send_parking_notice", gas_staff, dt.date(2026, 3, 6))
    ogm = payment_reference.format_ogm(case.payment_reference)
    line = f"10/03/2026;29,00;{ogm};J. Peeters;BE68539007547034\n"
    header = "date;amount;communication;counterparty;iban\n"
    with time_machine.travel("2026-03-12 10:00", tick=False):
        payments_import(actor=gas_staff, source="csv", content=(header + line).encode())
        # The next export overlaps: the same line again, then a second, equal payment.
        report_ = payments_import(
            actor=gas_staff, source="csv", content=(header + line + line).encode()
        )
    assert report_.duplicates == 1 and report_.matched == 1
    case.refresh_from_db()
    assert case.status == "paid"  # 29 + 29 = the fixed EUR 58, counted once each


def test_paid_during_the_defence_term_is_settled(catalogue, ascertainer, gas_staff) -> None:
    case = new_case(ascertainer, "PARK-1")
    case = step(case, "send_parking_notice", gas_staff, dt.date(2026, 3, 6))
    with time_machine.travel("2026-03-09 10:00", tick=False):
        case_services.defence_record(
            actor=gas_staff,
            case=case,
            received_on=dt.date(2026, 3, 9),
            channel="email",
            text="Not me",
        )
    Payment.objects.create(
        received_on=dt.date(2026, 3, 10),
        amount=Decimal(58),
        source="manual",
        import_key="m-2",
        case=case,
    )
    case.refresh_from_db()
    # Rejecting the defence lands in a payable state: the payment already there settles it.
    case = step(case, "reject_defence", create_user("sanctioning_officer"), dt.date(2026, 3, 20))
    case.refresh_from_db()
    assert case.status == "paid"


def test_parents_letter_goes_to_the_parents_address(catalogue, ascertainer, gas_staff) -> None:
    teen = adult(
        national_number="",
        birth_date=dt.date(2009, 1, 1),
        guardians=[
            {"name": "An Parent", "street": "Elsewhere 5", "postcode": "1000", "city": "Brussel"}
        ],
    )
    case = new_case(ascertainer, offender=teen)
    with time_machine.travel("2026-03-06 10:00", tick=False):
        case = case_services.case_transition(
            actor=gas_staff, case=case, action="send_opening_letter"
        )
        csv = verified_client(gas_staff).get(reverse("sanctions:dispatch")).content.decode()
    assert 'An Parent,"Elsewhere 5, 1000 Brussel"' in csv


def test_letters_show_local_dates_and_typed_text_literally(
    catalogue, ascertainer, gas_staff
) -> None:
    night = dt.datetime(2026, 3, 2, 0, 30, tzinfo=TZ)  # 23:30 UTC on 1 March
    case = new_case(ascertainer, offence_at=night, description="Bag <b>near</b> the bins & more")
    case = step(case, "send_opening_letter", gas_staff, dt.date(2026, 3, 6))
    text = text_of(bytes(case.letters.get(kind="opening").content))
    assert "2 maart 2026" in text and "<b>near</b>" in text and "& more" in text


def test_speeding_defence_is_decided_not_reinvited(catalogue, ascertainer, gas_staff) -> None:
    # GAS-R32 is a parking rule: a speeding defence goes to the official's decision.
    case = new_case(
        ascertainer,
        "SPEED-29Q",
        kind="camera",
        speed_limit=50,
        measured_speed=66,
        plate="1-XYZ-1",
    )
    case = step(case, "send_speed_notice", gas_staff, dt.date(2026, 3, 6))
    with time_machine.travel("2026-03-09 10:00", tick=False):
        case_services.defence_record(
            actor=gas_staff,
            case=case,
            received_on=dt.date(2026, 3, 9),
            channel="email",
            text="Not the driver",
        )
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="not allowed"):
        step(case, "reject_defence", create_user("sanctioning_officer"), dt.date(2026, 3, 20))


def test_the_mediator_cannot_decide(catalogue, ascertainer, gas_staff) -> None:
    # GAS-R49: a mediator named on the case may not decide it, even as an official.
    both = create_user("sanctioning_officer", "caseworker", username="mediating-official")
    case = new_case(ascertainer)
    case = step(case, "send_opening_letter", gas_staff, dt.date(2026, 3, 6))
    case = step(case, "propose_mediation", gas_staff, dt.date(2026, 3, 30), mediator=both)
    assert case.mediator == both
    case = step(case, "mediation_failed", gas_staff, dt.date(2026, 4, 20))
    with pytest.raises(ValidationError, match="GAS-R49"):
        step(case, "decide_fine", both, dt.date(2026, 4, 21), amount=Decimal(50))
