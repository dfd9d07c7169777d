"""The deadlines after the decision: community service, payment, appeal and the limit of
collection (each row names its article of the law of 24 June 2013)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from urbis.core import calendar
from urbis.sanctions.rules.deadlines.facts import (
    CaseFacts,
    Deadline,
    DeadlineCode,
    DeadlineParameters,
    LimitationEventKind,
    Procedure,
)
from urbis.sanctions.rules.deadlines.terms import _own, _received, gettext_noop


def community_service(facts: CaseFacts, p: DeadlineParameters) -> list[Deadline]:
    """GAS-R07 (art. 9-11, BELIEVED: 6 months, a setting): the community service agreed is
    executed within its term; alert and escalation like the administration's own limits."""
    if facts.community_service_on is None:
        return []
    return [
        _own(
            DeadlineCode.COMMUNITY_SERVICE,
            start=facts.community_service_on,
            months=p.community_service_months,
            legal_basis=gettext_noop(
                "art. 4 §2 and art. 9-11 GAS law (execution term believed 6 months)"
            ),
            fatal=False,
            description=f"Community service to be performed within "
            f"{p.community_service_months} months of its agreement.",
            rules=("GAS-R07",),
            p=p,
        )
    ]


def _notified(facts: CaseFacts, p: DeadlineParameters) -> tuple[date | None, date | None]:
    decided = _received(facts.decision_posted_on, facts.decision_received_on, p)
    reminded = _received(facts.payment_reminder_posted_on, facts.reminder_received_on, p)
    return decided, reminded


def payment(facts: CaseFacts, p: DeadlineParameters) -> Deadline | None:
    """GAS-R25 (art. 30): one month from notification of the decision; GAS-R32 (art. 29):
    for parking a new 30-day term after a rejected defence or a reminder."""
    decided, reminded = _notified(facts, p)
    if facts.procedure is Procedure.PARKING and (decided or reminded):
        notified = max(d for d in (decided, reminded) if d is not None)
        return Deadline(
            code=DeadlineCode.PAYMENT,
            due=calendar.term_end(notified, days=30),
            legal_basis=gettext_noop("art. 29 GAS law"),
            fatal=False,
            description="New 30-day term to pay after a rejected defence or a reminder.",
            rules=("GAS-R32", "GAS-R19"),
        )
    if decided is None:
        return None
    speeding = facts.procedure is Procedure.SPEEDING
    months = p.speeding_decision_payment_months if speeding else 1
    return Deadline(
        code=DeadlineCode.PAYMENT,
        due=calendar.term_end(decided, months=months),
        legal_basis=gettext_noop("art. 30 GAS law"),
        fatal=False,
        description="Fine to be paid within one month of notification of the decision.",
        rules=("GAS-R25", "GAS-R19"),
    )


def appeal(facts: CaseFacts, p: DeadlineParameters) -> list[Deadline]:
    """GAS-R26 / R27 (art. 31, 30): appeal by written request within one month of notification
    to the police court, GAS-R11 the youth court for a minor, GAS-R44 for speeding."""
    decided, _ = _notified(facts, p)
    if decided is None or facts.judgment_final:
        return []
    court = "youth court" if facts.minor else "police court"
    rules = ["GAS-R26", "GAS-R27"]
    if facts.procedure is Procedure.SPEEDING:
        rules.append("GAS-R44")
    if facts.minor:
        rules.append("GAS-R11")
    return [
        Deadline(
            code=DeadlineCode.APPEAL,
            due=calendar.term_end(decided, months=1),
            legal_basis=(
                gettext_noop("art. 31 GAS law; art. 29quater WVW")
                if facts.procedure is Procedure.SPEEDING
                else gettext_noop("art. 31 GAS law")
            ),
            fatal=False,
            description=f"Appeal by written request to the {court} within one month of "
            "notification; the decision is enforceable after it if no appeal.",
            rules=tuple(rules),
        )
    ]


def collection_limit_due(start: date, facts: CaseFacts, p: DeadlineParameters) -> date:
    """GAS-R28: five years from ``start``. An interruption recorded while the limit runs
    starts a new five-year term on its date; a suspension adds the days it lasted (one still
    open stops the limit: ``date.max``). An act after the limit cannot revive the claim."""

    def five_years(day: date) -> date:
        return calendar.own_limit_months(
            day,
            p.collection_limit_months,
            count_event_day=p.limitation_counts_event_day,
            roll_back_to_working_day=p.own_deadlines_roll_back,
        )

    due = five_years(start)
    for event in sorted(facts.limitation_events, key=lambda e: e.on):
        if event.on > due:
            break
        if event.kind is LimitationEventKind.INTERRUPTION:
            due = max(due, five_years(event.on))
        elif event.until is None:
            return date.max
        else:
            due += timedelta(days=(event.until - event.on).days + 1)
    return due


def payment_and_collection(facts: CaseFacts, p: DeadlineParameters) -> list[Deadline]:
    """GAS-R25/R32 payment and GAS-R28 (art. 33) collection within five years of the date the
    fine had to be paid. An appeal suspends payment: the court's judgment sets what is due."""
    due = payment(facts, p)
    if due is None or facts.appeal_lodged_on is not None:
        return []
    limit = _own(
        DeadlineCode.COLLECTION_LIMIT,
        start=due.due,
        months=p.collection_limit_months,
        legal_basis=gettext_noop("art. 33 GAS law (5 years from the date the fine had to be paid)"),
        fatal=True,
        description="Unpaid fine must be collected (bailiff/dwangbevel) within 5 years "
        "from the end of the payment term, as interrupted or suspended.",
        rules=("GAS-R28",),
        p=p,
    )
    if facts.limitation_events:
        moved = collection_limit_due(due.due, facts, p)
        limit = replace(limit, due=moved, alert_on=None, escalate_on=None)
    return [due, limit]
