"""Deadlines of a case from its facts — scenario tables citing the GAS rule each row checks."""

from dataclasses import replace
from datetime import date

import pytest

from urbis.sanctions.rules.deadlines import (
    CaseFacts,
    Deadline,
    DeadlineCode,
    DeadlineParameters,
    Procedure,
    deadlines,
)
from urbis.sanctions.rules.timeline import Timeline

D = date.fromisoformat
C = DeadlineCode


def by_code(facts: CaseFacts, parameters: DeadlineParameters | None = None) -> dict[str, Deadline]:
    rows = deadlines(facts, parameters) if parameters else deadlines(facts)
    codes = [row.code for row in rows]
    assert len(codes) == len(set(codes)), "one row per code"
    assert [row.due for row in rows] == sorted(row.due for row in rows)
    return {row.code.value: row for row in rows}


GENERAL = CaseFacts(
    procedure=Procedure.GENERAL,
    offence_on=D("2025-01-15"),
    ascertained_on=D("2025-01-15"),
    report_received_on=D("2025-02-10"),
    opening_letter_posted_on=D("2025-03-03"),
    decision_posted_on=D("2025-04-30"),
)
MIXED_LIGHT = CaseFacts(
    procedure=Procedure.MIXED_LIGHT,
    offence_on=D("2025-01-15"),
    ascertained_on=D("2025-01-15"),
    report_received_on=D("2025-02-10"),
    prosecutor_received_on=D("2025-02-12"),
)
PARKING = CaseFacts(
    procedure=Procedure.PARKING,
    offence_on=D("2025-03-03"),
    ascertained_on=D("2025-03-03"),
    report_received_on=D("2025-03-10"),
    protocol_agreement=True,
    opening_letter_posted_on=D("2025-03-12"),
)
SPEEDING = CaseFacts(
    procedure=Procedure.SPEEDING,
    offence_on=D("2025-04-01"),
    ascertained_on=D("2025-04-01"),
    report_received_on=D("2025-04-10"),
    opening_letter_posted_on=D("2025-04-17"),
)


@pytest.mark.parametrize(
    ("facts", "code", "due"),
    [
        # general procedure, adult
        pytest.param(GENERAL, "transmission", "2025-03-14", id="R13-two-months-conservative"),
        pytest.param(GENERAL, "defence", "2025-03-21", id="R18-R19-15-days-from-deemed-receipt"),
        pytest.param(GENERAL, "decision_limit", "2025-07-14", id="R21-six-months"),
        pytest.param(GENERAL, "appeal", "2025-06-06", id="R26-R19-1-may-in-deemed-receipt"),
        pytest.param(GENERAL, "payment", "2025-06-06", id="R25-one-month"),
        pytest.param(GENERAL, "collection_limit", "2030-06-05", id="R28-five-years"),
        # R21 conservative start: facts before ascertainment
        pytest.param(
            replace(GENERAL, offence_on=D("2025-01-10"), ascertained_on=D("2025-01-20")),
            "decision_limit",
            "2025-07-09",
            id="R21-conservative-start-earliest-of-facts",
        ),
        pytest.param(
            replace(GENERAL, offence_on=D("2025-01-10"), ascertained_on=D("2025-01-20")),
            "transmission",
            "2025-03-19",
            id="R13-counts-from-ascertainment",
        ),
        pytest.param(
            replace(GENERAL, offence_on=D("2025-01-22"), ascertained_on=D("2025-01-22")),
            "decision_limit",
            "2025-07-18",
            id="R21-21-july-moved-back-not-forward",
        ),
        pytest.param(
            replace(GENERAL, offence_on=D("2023-08-31"), ascertained_on=D("2023-08-31")),
            "decision_limit",
            "2024-02-28",
            id="R21-leap-year-month-end",
        ),
        pytest.param(
            replace(GENERAL, offence_on=D("2024-08-31"), ascertained_on=D("2024-08-31")),
            "decision_limit",
            "2025-02-27",
            id="R21-non-leap-month-end",
        ),
        # extensions
        pytest.param(
            replace(GENERAL, alternative_proposed_on=D("2025-03-01")),
            "decision_limit",
            "2026-01-14",
            id="R22-mediation-12-months",
        ),
        pytest.param(
            replace(
                GENERAL,
                alternative_proposed_on=D("2025-03-01"),
                mediation_payment_terms_agreed=True,
            ),
            "decision_limit",
            "2026-04-14",
            id="R23-payment-terms-15-months",
        ),
        # actual receipt later than the deemed one
        pytest.param(
            replace(GENERAL, opening_letter_received_on=D("2025-03-10")),
            "defence",
            "2025-03-25",
            id="R19-proven-later-receipt-wins",
        ),
        # flagrante delicto before and after the law of 5 October 2018
        pytest.param(
            CaseFacts(
                procedure=Procedure.GENERAL, ascertained_on=D("2018-06-12"), flagrante_delicto=True
            ),
            "transmission",
            "2018-07-11",
            id="R13-flagrante-one-month-before-5-oct-2018",
        ),
        pytest.param(
            CaseFacts(
                procedure=Procedure.GENERAL, ascertained_on=D("2018-10-10"), flagrante_delicto=True
            ),
            "transmission",
            "2018-12-07",
            id="R13-uniform-two-months-after-5-oct-2018-sunday-moved-back",
        ),
        # mixed infringements
        pytest.param(
            MIXED_LIGHT, "prosecutor_wait", "2025-04-15", id="R14-may-open-after-two-months-silence"
        ),
        pytest.param(
            replace(MIXED_LIGHT, prosecutor_declined=True, prosecutor_answer_on=D("2025-03-01")),
            "prosecutor_wait",
            "2025-03-01",
            id="R14-prosecutor-declines-early",
        ),
        pytest.param(
            replace(
                MIXED_LIGHT,
                procedure=Procedure.MIXED_HEAVY,
                prosecutor_declined=True,
                prosecutor_answer_on=D("2025-03-05"),
            ),
            "prosecutor_wait",
            "2025-03-05",
            id="R15-heavy-after-prosecutor-declines",
        ),
        pytest.param(MIXED_LIGHT, "decision_limit", "2025-07-14", id="R21-runs-during-wait"),
        # parking
        pytest.param(PARKING, "transmission", "2025-05-02", id="R13-parking"),
        pytest.param(PARKING, "parking_notice", "2025-03-24", id="R30-15-days-order-term"),
        pytest.param(
            replace(PARKING, camera_sign=True),
            "parking_notice",
            "2025-03-14",
            id="R37-camera-copy-14-days-sunday-moved-back",
        ),
        pytest.param(PARKING, "defence", "2025-04-16", id="R31-30-days"),
        pytest.param(PARKING, "payment", "2025-04-16", id="R31-pay-within-30-days"),
        pytest.param(PARKING, "decision_limit", "2025-09-02", id="R21-applies-to-parking"),
        pytest.param(
            replace(PARKING, decision_posted_on=D("2025-05-05")),
            "payment",
            "2025-06-10",
            id="R32-new-30-days-whit-sunday-and-monday",
        ),
        pytest.param(
            replace(PARKING, decision_posted_on=D("2025-05-05")),
            "appeal",
            "2025-06-10",
            id="R26-parking-appeal",
        ),
        pytest.param(
            replace(
                PARKING,
                decision_posted_on=D("2025-05-05"),
                payment_reminder_posted_on=D("2025-06-16"),
            ),
            "payment",
            "2025-07-22",
            id="R32-reminder-new-30-days-21-july",
        ),
        # speeding
        pytest.param(SPEEDING, "speed_pv", "2025-04-14", id="R39-14-days-after-offence"),
        pytest.param(SPEEDING, "speed_notice", "2025-04-23", id="R40-14-days-after-receipt"),
        pytest.param(SPEEDING, "defence", "2025-05-23", id="R41-30-days-easter-monday"),
        pytest.param(SPEEDING, "payment", "2025-05-23", id="R41-pay-within-30-days"),
        pytest.param(SPEEDING, "decision_limit", "2025-09-30", id="R21-applies-to-speeding"),
    ],
)
def test_due_dates(facts: CaseFacts, code: str, due: str) -> None:
    assert by_code(facts)[code].due == D(due)


@pytest.mark.parametrize(
    ("facts", "codes"),
    [
        pytest.param(
            GENERAL,
            {"transmission", "defence", "decision_limit", "payment", "appeal", "collection_limit"},
            id="general-full-case",
        ),
        pytest.param(
            CaseFacts(procedure=Procedure.GENERAL, ascertained_on=D("2025-01-15")),
            {"transmission", "decision_limit"},
            id="only-known-facts",
        ),
        pytest.param(
            MIXED_LIGHT,
            {"transmission", "prosecutor_wait", "decision_limit"},
            id="R14-mixed-light-without-protocol",
        ),
        pytest.param(
            replace(MIXED_LIGHT, protocol_agreement=True),
            {"transmission", "decision_limit"},
            id="R14-mixed-light-with-protocol-no-wait",
        ),
        pytest.param(
            replace(MIXED_LIGHT, procedure=Procedure.MIXED_HEAVY),
            {"transmission", "decision_limit"},
            id="R15-heavy-without-answer-no-start-date",
        ),
        pytest.param(
            replace(MIXED_LIGHT, prosecutor_declined=False, prosecutor_answer_on=D("2025-03-01")),
            {"transmission"},
            id="R14-prosecutor-prosecutes-no-gas",
        ),
        pytest.param(
            PARKING,
            {"transmission", "parking_notice", "defence", "payment", "decision_limit"},
            id="R30-R31-parking",
        ),
        pytest.param(
            SPEEDING,
            {"speed_pv", "speed_notice", "defence", "payment", "decision_limit"},
            id="R39-R41-speeding-no-transmission",
        ),
        pytest.param(
            replace(GENERAL, appeal_lodged_on=D("2025-05-20")),
            {"transmission", "defence", "decision_limit", "appeal"},
            id="R26-appeal-lodged-suspends-payment-and-collection",
        ),
    ],
)
def test_only_applicable_deadlines(facts: CaseFacts, codes: set[str]) -> None:
    assert set(by_code(facts)) == codes


def test_r53_alert_and_escalation_at_months_4_and_5() -> None:
    row = by_code(GENERAL)["decision_limit"]
    assert (row.alert_on, row.escalate_on) == (D("2025-05-15"), D("2025-06-15"))
    assert row.fatal and "GAS-R53" in row.rules


@pytest.mark.parametrize(
    ("facts", "alert", "escalate"),
    [
        pytest.param(
            replace(GENERAL, alternative_proposed_on=D("2025-03-01")),
            "2025-09-15",
            "2025-11-15",
            id="R53-R22-months-8-and-10",
        ),
        pytest.param(
            replace(GENERAL, mediation_payment_terms_agreed=True),
            "2025-11-15",
            "2026-01-30",
            id="R53-R23-months-10-and-12.5",
        ),
    ],
)
def test_r53_same_proportion_for_extensions(facts: CaseFacts, alert: str, escalate: str) -> None:
    row = by_code(facts)["decision_limit"]
    assert (row.alert_on, row.escalate_on) == (D(alert), D(escalate))


def test_offender_terms_have_no_internal_alerts_and_are_not_fatal() -> None:
    rows = by_code(GENERAL)
    for code in ("defence", "payment", "appeal"):
        assert rows[code].alert_on is None and not rows[code].fatal, code
    assert rows["collection_limit"].fatal


def test_parking_notice_is_an_order_term() -> None:
    row = by_code(PARKING)["parking_notice"]
    assert not row.fatal and "Cass. 27 June 2019" in row.legal_basis


def test_minor_appeals_to_youth_court() -> None:
    row = by_code(replace(GENERAL, minor=True))["appeal"]
    assert "youth court" in row.description and "GAS-R11" in row.rules
    assert "police court" in by_code(GENERAL)["appeal"].description


@pytest.mark.parametrize(
    ("parameters", "codes_absent", "decision_limit"),
    [
        pytest.param(
            DeadlineParameters(limitation_applies_to_parking=False),
            {"decision_limit"},
            None,
            id="B-parking-limitation-switched-off",
        ),
        pytest.param(
            DeadlineParameters(limitation_counts_event_day=False),
            set(),
            "2025-09-03",
            id="B-event-day-not-counted",
        ),
    ],
)
def test_believed_parameters(
    parameters: DeadlineParameters, codes_absent: set[str], decision_limit: str | None
) -> None:
    rows = by_code(PARKING, parameters)
    assert not codes_absent & set(rows)
    if decision_limit:
        assert rows["decision_limit"].due == D(decision_limit)


def test_unclear_terms_not_fatal_when_configured() -> None:
    rows = by_code(SPEEDING, DeadlineParameters(unclear_terms_fatal=False))
    assert not rows["speed_pv"].fatal and not rows["speed_notice"].fatal
    assert rows["decision_limit"].fatal


def test_parameters_are_dated_by_the_facts() -> None:
    timeline = Timeline.of(
        (D("2014-01-01"), DeadlineParameters()),
        (D("2025-02-01"), DeadlineParameters(deemed_receipt_working_days=7)),
    )
    # facts of 15 January 2025: the 3-working-day version applies
    assert by_code(GENERAL, timeline)["defence"].due == D("2025-03-21")  # type: ignore[arg-type]
    later = replace(GENERAL, offence_on=D("2025-02-03"), ascertained_on=D("2025-02-03"))
    # 7 working days after Monday 3 March = Wednesday 12 March; + 15 days = 27 March
    assert by_code(later, timeline)["defence"].due == D("2025-03-27")  # type: ignore[arg-type]


def test_case_needs_a_date() -> None:
    with pytest.raises(ValueError):
        CaseFacts(procedure=Procedure.GENERAL)


@pytest.mark.parametrize(
    ("facts", "code", "met_on", "late"),
    [
        pytest.param(GENERAL, "transmission", "2025-02-10", False, id="R13-met-by-receipt"),
        pytest.param(
            replace(GENERAL, report_received_on=D("2025-03-17")),
            "transmission",
            "2025-03-17",
            True,
            id="R13-late-transmission",
        ),
        pytest.param(GENERAL, "decision_limit", "2025-04-30", False, id="R21-met-by-decision"),
        pytest.param(
            replace(PARKING, paid_on=D("2025-04-01")),
            "decision_limit",
            "2025-04-01",
            False,
            id="R31-fixed-amount-paid-no-decision-needed",
        ),
        pytest.param(
            replace(GENERAL, defence_received_on=D("2025-03-24")),
            "defence",
            "2025-03-24",
            True,
            id="R18-late-defence",
        ),
        pytest.param(GENERAL, "payment", None, False, id="R25-not-yet-paid"),
    ],
)
def test_met_on_from_facts(facts: CaseFacts, code: str, met_on: str | None, late: bool) -> None:
    row = by_code(facts)[code]
    assert row.met_on == (D(met_on) if met_on else None)
    assert row.late is late


@pytest.mark.parametrize(
    ("today", "level"),
    [
        pytest.param("2025-05-14", "pending", id="R53-before-month-4"),
        pytest.param("2025-05-15", "alert", id="R53-alert-month-4"),
        pytest.param("2025-06-15", "escalate", id="R53-escalate-month-5"),
        pytest.param("2025-07-14", "escalate", id="R21-last-day"),
        pytest.param("2025-07-15", "overdue", id="R21-overdue"),
    ],
)
def test_level_of_an_open_decision_limit(today: str, level: str) -> None:
    facts = replace(GENERAL, decision_posted_on=None)
    row = by_code(facts)["decision_limit"]
    assert row.level(D(today)) == level
    assert row.overdue(D(today)) is (level == "overdue")


def test_level_of_a_met_deadline() -> None:
    rows = by_code(GENERAL)
    assert rows["decision_limit"].level(D("2030-01-01")) == "met"
    late = by_code(replace(GENERAL, report_received_on=D("2025-03-17")))["transmission"]
    assert late.level(D("2025-03-17")) == "late"


def test_prosecutor_wait_is_a_waiting_period() -> None:
    row = by_code(MIXED_LIGHT)["prosecutor_wait"]
    assert row.is_wait
    assert row.level(D("2025-04-14")) == "pending"
    assert row.level(D("2025-04-15")) == "met"
    assert not row.overdue(D("2026-01-01"))


def test_prosecuted_case_keeps_its_transmission_act() -> None:
    facts = replace(MIXED_LIGHT, prosecutor_declined=False, prosecutor_answer_on=D("2025-03-01"))
    (row,) = deadlines(facts)
    assert row.code is C.TRANSMISSION and row.met_on == D("2025-02-10")
