"""The legal gaps of issue 11, each refused or recordable, through the real services and
database; every test cites the rule of domain/gas.md §9 it checks."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from urbis.sanctions import timelimits
from urbis.sanctions.models import Case, Letter
from urbis.sanctions.services import batches, procedure
from urbis.sanctions.services import cases as case_services
from urbis.sanctions.services.intake import ascertainment_create
from urbis.sanctions.services.register import deadline_sweep
from urbis.sanctions.tests.conftest import adult, report

TZ = ZoneInfo("Europe/Brussels")
pytestmark = pytest.mark.django_db
D = dt.date


def at(day: dt.date, hour: int = 12) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour)), tick=False)


def step(case, action, actor, on, **kw):  # type: ignore[no-untyped-def]
    with at(on):
        return case_services.case_transition(actor=actor, case=case, action=action, on=on, **kw)


def new_case(actor, article="ABP-12", on=dt.date(2026, 3, 2), **changes):  # type: ignore[no-untyped-def]
    with at(on + dt.timedelta(days=3), 9):
        return ascertainment_create(actor=actor, data=report(article, on=on, **changes)).case


def due(case: Case, code: str) -> dt.date:
    found = timelimits.deadline(Case.objects.get(pk=case.pk), code)
    assert found is not None, code
    return found.due


def text_of(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def minor_case(ascertainer, lawyer=False):  # type: ignore[no-untyped-def]
    teen = adult(
        national_number="",
        birth_date=D(2009, 1, 1),
        guardians=[{"name": "An Peeters", "street": "Markt 1", "postcode": "2800"}],
    )
    return new_case(ascertainer, offender=teen)


def heard_after_mediation(case, gas_staff, *, held: bool = True):  # type: ignore[no-untyped-def]
    case = step(case, "send_opening_letter", gas_staff, D(2026, 3, 6))
    case = step(case, "propose_mediation", gas_staff, D(2026, 3, 30))
    case = step(case, "mediation_failed", gas_staff, D(2026, 4, 10))
    with at(D(2026, 4, 10)):
        hearing = case_services.hearing_schedule(
            actor=gas_staff,
            case=case,
            at=dt.datetime(2026, 4, 14, 10, tzinfo=TZ),
            place="City hall",
        )
    return Case.objects.get(pk=case.pk), hearing


# --- GAS-R11: a minor is heard before any sanction -----------------------------------------


def test_r11_minor_not_fined_before_the_hearing_is_held(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    case, hearing = heard_after_mediation(minor_case(ascertainer), gas_staff)
    # The hearing day has passed but nothing says the minor was heard.
    with pytest.raises(ValidationError, match="GAS-R11"):
        step(case, "decide_fine", sanctioning_officer, D(2026, 4, 20), amount=Decimal(50))
    with at(D(2026, 4, 14), 15):
        procedure.hearing_record(
            actor=gas_staff, case=case, hearing=hearing, held=True, minutes="Heard with lawyer."
        )
    case = step(case, "decide_fine", sanctioning_officer, D(2026, 4, 20), amount=Decimal(50))
    assert case.status == "decided"
    assert "hold_hearing" in set(case.history.values_list("action", flat=True))


def test_r11_documented_non_attendance_counts_unless_configured_off(
    catalogue, ascertainer, gas_staff, sanctioning_officer, settings
) -> None:
    case, hearing = heard_after_mediation(minor_case(ascertainer), gas_staff)
    with at(D(2026, 4, 14), 15):
        with pytest.raises(ValidationError, match="minutes"):
            procedure.hearing_record(
                actor=gas_staff, case=case, hearing=hearing, held=False, minutes=" "
            )
        procedure.hearing_record(
            actor=gas_staff,
            case=case,
            hearing=hearing,
            held=False,
            minutes="Summoned by registered letter of 10/04; did not appear, no excuse.",
        )
    settings.URBIS_GAS_MINOR_HEARING_WAIVER = False
    with pytest.raises(ValidationError, match="GAS-R11"):
        step(case, "decide_warning", sanctioning_officer, D(2026, 4, 20))
    settings.URBIS_GAS_MINOR_HEARING_WAIVER = True
    assert step(case, "decide_warning", sanctioning_officer, D(2026, 4, 20)).outcome == "warning"


# --- GAS-R09: the minor's lawyer receives the letters ----------------------------------------


def test_r09_lawyer_recorded_and_addressed(catalogue, ascertainer, gas_staff) -> None:
    case = minor_case(ascertainer)
    with at(D(2026, 3, 5)):
        procedure.lawyer_record(
            actor=gas_staff,
            case=case,
            name="Mr. Claes",
            street="Bruul 5",
            postcode="2800",
            city="Mechelen",
        )
    case = step(case, "send_opening_letter", gas_staff, D(2026, 3, 6))
    roles = dict(case.letters.values_list("addressee_role", "addressee"))
    assert roles == {"offender": "Jan Peeters", "guardian": "An Peeters", "lawyer": "Mr. Claes"}
    lawyer_letter = case.letters.get(addressee_role="lawyer")
    assert lawyer_letter.kind == "opening" and "Bruul 5" in lawyer_letter.address
    assert "Mr. Claes" in text_of(bytes(lawyer_letter.content))


def test_r09_no_lawyer_for_an_adult(catalogue, ascertainer, gas_staff) -> None:
    with pytest.raises(ValidationError, match="GAS-R09"):
        procedure.lawyer_record(actor=gas_staff, case=new_case(ascertainer), name="Mr. Claes")


# --- GAS-R23: payment terms agreed in mediation ------------------------------------------------


def test_r23_payment_terms_extend_the_limit_to_fifteen_months(catalogue, ascertainer, gas_staff):  # type: ignore[no-untyped-def]
    case = new_case(ascertainer)
    assert due(case, "decision_limit") == D(2026, 9, 1)  # GAS-R21: six months
    case = step(case, "propose_mediation", gas_staff, D(2026, 3, 6))
    with pytest.raises(ValidationError, match="own form"):  # the terms are recorded with it
        step(case, "agree_payment_terms", gas_staff, D(2026, 3, 9))
    assert due(case, "decision_limit") == D(2027, 3, 1)  # GAS-R22: twelve months
    with at(D(2026, 5, 4)):
        procedure.payment_terms_agree(
            actor=gas_staff, case=case, agreed_on=D(2026, 5, 4), terms="6 x EUR 20 to the victim"
        )
    case.refresh_from_db()
    assert case.payment_terms_agreed and case.decision_limit == D(2027, 6, 1)  # GAS-R23
    assert case.status == "mediation"
    with at(D(2026, 5, 5)), pytest.raises(ValidationError, match="GAS-R23"):
        procedure.payment_terms_agree(
            actor=gas_staff, case=case, agreed_on=D(2026, 5, 5), terms="again"
        )


def test_r23_terms_only_within_a_mediation(catalogue, ascertainer, gas_staff) -> None:
    case = step(new_case(ascertainer), "send_opening_letter", gas_staff, D(2026, 3, 6))
    with at(D(2026, 3, 9)), pytest.raises(ValidationError, match="not allowed from opened"):
        procedure.payment_terms_agree(
            actor=gas_staff, case=case, agreed_on=D(2026, 3, 9), terms="3 x EUR 10"
        )


# --- GAS-R06 / R07: community service ----------------------------------------------------------


@pytest.mark.parametrize(
    ("minor", "hours", "ok"),
    [
        pytest.param(False, 30, True, id="R06-adult-30h"),
        pytest.param(False, 31, False, id="R06-adult-31h-refused"),
        pytest.param(True, 15, True, id="R06-minor-15h"),
        pytest.param(True, 16, False, id="R06-minor-16h-refused"),
    ],
)
def test_r06_hours_capped(catalogue, ascertainer, gas_staff, minor, hours, ok) -> None:  # type: ignore[no-untyped-def]
    case = minor_case(ascertainer) if minor else new_case(ascertainer)
    case = step(case, "send_opening_letter", gas_staff, D(2026, 3, 6))
    if minor:  # GAS-R08: mediation is offered first
        case = step(case, "propose_mediation", gas_staff, D(2026, 3, 9))
    with at(D(2026, 3, 20)):
        if ok:
            service = procedure.community_service_propose(
                actor=gas_staff,
                case=case,
                hours=hours,
                provider="Recyclagepark",
                agreed_on=D(2026, 3, 20),
            )
            assert service.hours == hours
        else:
            with pytest.raises(ValidationError, match="GAS-R06"):
                procedure.community_service_propose(
                    actor=gas_staff,
                    case=case,
                    hours=hours,
                    provider="Recyclagepark",
                    agreed_on=D(2026, 3, 20),
                )
            assert Case.objects.get(pk=case.pk).status != "community_service"


def test_r06_community_service_is_never_a_bare_step(catalogue, ascertainer, gas_staff) -> None:
    """GAS-R06: the hours (capped) and the provider are recorded with the proposal, so the step
    cannot be taken without them (page button or API transitions endpoint)."""
    case = step(new_case(ascertainer), "send_opening_letter", gas_staff, D(2026, 3, 6))
    with pytest.raises(ValidationError):
        step(case, "propose_community_service", gas_staff, D(2026, 3, 20))
    assert Case.objects.get(pk=case.pk).status != "community_service"


def test_r07_execution_term_alert_and_outcome(catalogue, ascertainer, gas_staff) -> None:
    case = step(new_case(ascertainer), "send_opening_letter", gas_staff, D(2026, 3, 6))
    with at(D(2026, 3, 20)):
        procedure.community_service_propose(
            actor=gas_staff, case=case, hours=20, provider="OCMW", agreed_on=D(2026, 3, 20)
        )
    assert due(case, "community_service") == D(2026, 9, 18)  # six months, own term rolled back
    assert due(case, "decision_limit") == D(2027, 3, 1)  # GAS-R22
    with at(D(2026, 7, 25)):
        swept = deadline_sweep(today=D(2026, 7, 25))
    assert (case.number, "community_service") in [(n, c) for n, c, _ in swept.alerts]
    with at(D(2026, 8, 1)):
        procedure.community_service_result(
            actor=gas_staff, case=case, performed=True, on=D(2026, 8, 1)
        )
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "service_performed")
    assert case.community_services.get().performed is True


# --- GAS-R19: the actual receipt of a letter --------------------------------------------------


def test_r19_actual_receipt_moves_the_defence_term(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    case = step(new_case(ascertainer), "send_opening_letter", gas_staff, D(2026, 3, 6))
    # Posted Friday 6 March: deemed received on the 3rd working day, 11 March; +15 days.
    assert due(case, "defence") == D(2026, 3, 26)
    letter = case.letters.get(addressee_role="offender")
    with at(D(2026, 3, 30)):
        procedure.letter_receipt_record(
            actor=gas_staff, case=case, letter=letter, received_on=D(2026, 3, 23)
        )
    assert Letter.objects.get(pk=letter.pk).received_on == D(2026, 3, 23)
    assert due(case, "defence") == D(2026, 4, 7)  # 15 days from 23 March, Easter Monday after
    with pytest.raises(ValidationError, match="GAS-R18"):
        step(case, "decide_fine", sanctioning_officer, D(2026, 4, 1), amount=Decimal(50))
    with at(D(2026, 3, 30)), pytest.raises(ValidationError, match="before it was sent"):
        procedure.letter_receipt_record(
            actor=gas_staff, case=case, letter=letter, received_on=D(2026, 3, 1)
        )


# --- GAS-R28: the collection limit --------------------------------------------------------------


def _decided_fine(ascertainer, gas_staff, sanctioning_officer):  # type: ignore[no-untyped-def]
    case = step(new_case(ascertainer), "send_opening_letter", gas_staff, D(2026, 3, 6))
    return step(case, "decide_fine", sanctioning_officer, D(2026, 4, 1), amount=Decimal(80))


def test_r28_no_enforcement_past_the_collection_limit(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    case = _decided_fine(ascertainer, gas_staff, sanctioning_officer)
    limit = due(case, "collection_limit")
    assert D(2031, 5, 1) <= limit <= D(2031, 5, 6)  # five years after the payment term
    later = limit + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="GAS-R28"):
        step(case, "export_for_enforcement", gas_staff, later)
    with at(later):
        assert case.number not in {c.number for c in batches.enforcement_due(today=later)}
    assert step(case, "export_for_enforcement", gas_staff, limit).status == "enforcement"


def test_r28_interruption_and_suspension_move_the_limit(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    case = _decided_fine(ascertainer, gas_staff, sanctioning_officer)
    first = due(case, "collection_limit")
    with at(D(2028, 1, 10)):
        with pytest.raises(ValidationError, match="ground"):
            procedure.limitation_event_record(
                actor=gas_staff, case=case, kind="interruption", on=D(2028, 1, 10), ground=""
            )
        procedure.limitation_event_record(
            actor=gas_staff,
            case=case,
            kind="interruption",
            on=D(2028, 1, 10),
            ground="Bailiff's command served (dwangbevel)",
        )
    interrupted = due(case, "collection_limit")
    assert D(2033, 1, 5) <= interrupted <= D(2033, 1, 10) and interrupted > first
    with at(D(2029, 1, 1)):
        procedure.limitation_event_record(
            actor=gas_staff,
            case=case,
            kind="suspension",
            on=D(2028, 6, 1),
            until=D(2028, 6, 30),
            ground="Collective debt settlement",
        )
    assert due(case, "collection_limit") == interrupted + dt.timedelta(days=30)
    # Enforcement is allowed again after the first limit, within the interrupted one.
    assert step(case, "export_for_enforcement", gas_staff, first + dt.timedelta(days=5)).status == (
        "enforcement"
    )


def test_r28_limitation_events_only_for_a_decided_fine(catalogue, ascertainer, gas_staff) -> None:
    with at(D(2026, 3, 10)), pytest.raises(ValidationError, match="GAS-R28"):
        procedure.limitation_event_record(
            actor=gas_staff,
            case=new_case(ascertainer),
            kind="interruption",
            on=D(2026, 3, 10),
            ground="x",
        )


# --- GAS-R43: speeding by a company's vehicle ----------------------------------------------------


def _company(**changes: object):  # type: ignore[no-untyped-def]
    return adult(
        kind="legal",
        name="Transport NV",
        first_name="",
        national_number="",
        enterprise_number="0403.170.701",
        **changes,
    )


def test_r43_company_vehicle_needs_the_identified_driver(catalogue, ascertainer) -> None:
    speeding = {
        "kind": "camera",
        "speed_limit": 50,
        "measured_speed": 66,
        "plate": "1-ABC-123",
        "offender": _company(),
    }
    with at(D(2026, 3, 5), 9), pytest.raises(ValidationError, match="GAS-R43"):
        ascertainment_create(
            actor=ascertainer, data=report("SPEED-29Q", on=D(2026, 3, 2), **speeding)
        )
    with at(D(2026, 3, 5), 9), pytest.raises(ValidationError, match="driver"):
        ascertainment_create(
            actor=ascertainer,
            data=report("SPEED-29Q", on=D(2026, 3, 2), driver_identified=True, **speeding),
        )
    with at(D(2026, 3, 5), 9):
        case = ascertainment_create(
            actor=ascertainer,
            data=report(
                "SPEED-29Q",
                on=D(2026, 3, 2),
                driver_identified=True,
                driver_name="Piet Janssens",
                **speeding,
            ),
        ).case
    assert case.procedure == "speeding" and case.ascertainment.driver_name == "Piet Janssens"


# --- Art. 45 (GAS-R29): the college's decision document --------------------------------------


def test_r29_college_decision_letter(catalogue, ascertainer, sanctioning_officer) -> None:
    case = step(new_case(ascertainer), "college_warning", sanctioning_officer, D(2026, 3, 6))
    case = step(
        case, "college_closure", sanctioning_officer, D(2026, 4, 6), motivation="Noise repeated."
    )
    letter = case.letters.get(kind="college_decision")
    assert letter.registered
    text = text_of(bytes(letter.content))
    # In the offender's language (Dutch): the measure and the appeal open against it.
    assert "sluiting van de inrichting" in text and "Raad van State" in text
    assert "Noise repeated." in text


# --- "Minor" decided once ---------------------------------------------------------------------


def test_minor_is_decided_from_the_stored_birth_date(catalogue, ascertainer) -> None:
    first = new_case(ascertainer)
    assert not first.minor and first.ascertainment.offender.birth_date == D(1985, 7, 30)
    # The same person by national number (born 30 July 1985), reported with another birth date.
    with at(D(2026, 3, 6), 9), pytest.raises(ValidationError, match="born on 30/07/1985"):
        ascertainment_create(
            actor=ascertainer,
            data=report(
                reference="BV/2026/0043",
                offender=adult(birth_date=D(2010, 1, 1), guardians=[{"name": "P"}]),
            ),
        )


def test_minor_stored_birth_date_filled_from_the_report(catalogue, ascertainer) -> None:
    from urbis.sanctions.models import Offender

    # An offender on file without a birth date (older data) is reported again as a teenager.
    Offender.objects.create(kind="natural", name="Peeters", national_number="09010100197")
    teen = adult(national_number="09.01.01-001.97", guardians=[{"name": "An Peeters"}])
    case = new_case(ascertainer, offender=teen)
    offender = Offender.objects.get(national_number="09010100197")
    assert offender.birth_date == D(2009, 1, 1)  # the birth date the intake checked
    assert case.minor and case.ascertainment.offender_id == offender.pk
