"""The computation of every deadline of a case from its facts."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction

from urbis.core import calendar
from urbis.sanctions.rules.deadlines.facts import (
    DEFAULT_PARAMETERS,
    MIXED,
    UNIFORM_TRANSMISSION_FROM,
    CaseFacts,
    Deadline,
    DeadlineCode,
    DeadlineParameters,
    LimitationEventKind,
    Procedure,
)
from urbis.sanctions.rules.timeline import Timeline
from urbis.sanctions.rules.vocabulary import FIXED


def gettext_noop(s: str) -> str:
    """Mark a legal basis for translation while the module stays pure: ``makemessages``
    extracts the literal (``--keyword=gettext_noop``); the page says it with ``gas_text``."""
    return s


def _share_of_term(start: date, due: date, months: int | None, share: Fraction) -> date:
    """The date at ``share`` of a term (GAS-R53): whole months when they fall on a month, else
    interpolated in days between the surrounding month dates (or within a term in days)."""
    if months is not None:
        position = share * months
        whole = math.floor(position)
        lower = calendar.add_months(start, whole)
        if position == whole:
            return min(lower, due)
        upper = calendar.add_months(start, whole + 1)
        offset = math.floor((position - whole) * (upper - lower).days)
        return min(lower + timedelta(days=offset), due)
    return start + timedelta(days=math.floor(share * (due - start).days))


def _own(
    code: DeadlineCode,
    *,
    start: date,
    legal_basis: str,
    fatal: bool,
    description: str,
    rules: tuple[str, ...],
    p: DeadlineParameters,
    months: int | None = None,
    days: int | None = None,
) -> Deadline:
    """A deadline the administration (or the police) must itself respect."""
    if months is not None:
        due = calendar.own_limit_months(
            start,
            months,
            count_event_day=p.limitation_counts_event_day,
            roll_back_to_working_day=p.own_deadlines_roll_back,
        )
    elif days is not None:
        due = calendar.own_limit_days(
            start,
            days,
            count_event_day=p.limitation_counts_event_day,
            roll_back_to_working_day=p.own_deadlines_roll_back,
        )
    else:  # pragma: no cover - programming error
        raise ValueError("months or days")
    return Deadline(
        code=code,
        due=due,
        legal_basis=legal_basis,
        fatal=fatal,
        alert_on=_share_of_term(start, due, months, p.alert_fraction),
        escalate_on=_share_of_term(start, due, months, p.escalate_fraction),
        description=description,
        rules=rules,
    )


def _received(posted: date | None, received: date | None, p: DeadlineParameters) -> date | None:
    """Notification date of a letter: deemed receipt (GAS-R19), or the actual one if later."""
    if posted is None:
        return received
    deemed = calendar.deemed_receipt(posted, p.deemed_receipt_working_days)
    return max(deemed, received) if received is not None else deemed


Rule = Callable[[CaseFacts, DeadlineParameters], list[Deadline]]


def transmission(facts: CaseFacts, p: DeadlineParameters) -> list[Deadline]:
    """GAS-R13 (art. 22, as amended 5 Oct 2018): the original PV/report reaches the SA (and
    the PdK for a mixed infringement) within 2 months of the ascertainment (1 month for
    flagrante delicto before 5 Oct 2018). Speeding has its own 14-day term (GAS-R39)."""
    kind = facts.procedure
    if kind is Procedure.SPEEDING:
        return []
    ascertained = facts.ascertained_on or facts.limitation_start
    flagrante_short = facts.flagrante_delicto and ascertained < UNIFORM_TRANSMISSION_FROM
    months = 1 if flagrante_short else 2
    return [
        _own(
            DeadlineCode.TRANSMISSION,
            start=ascertained,
            months=months,
            legal_basis=gettext_noop("art. 22 GAS law 24 June 2013 (as amended 5 Oct 2018)"),
            fatal=p.unclear_terms_fatal,
            description=f"Original PV/report to reach the sanctioning official"
            f"{' and the prosecutor' if kind in MIXED else ''} within {months} month(s) "
            "of the ascertainment.",
            rules=("GAS-R13",),
            p=p,
        )
    ]


def prosecutor_wait(facts: CaseFacts, p: DeadlineParameters) -> list[Deadline]:
    """GAS-R14 / R15 (art. 23): without a protocol, the SA may act on a mixed infringement of
    art. 3 2° after two months without news from the PdK (or his refusal to prosecute), on one
    of art. 3 1° only once the PdK said he will not prosecute."""
    kind = facts.procedure
    if kind not in MIXED or facts.protocol_agreement:
        return []
    if kind is Procedure.MIXED_LIGHT:
        received = max(
            (d for d in (facts.report_received_on, facts.prosecutor_received_on) if d),
            default=None,
        )
        if received is None:
            return []
        # ``due`` of a wait is the first day the SA may act: the day after the term.
        due = calendar.term_end(received, months=2) + timedelta(days=1)
        if facts.prosecutor_declined and facts.prosecutor_answer_on:
            due = min(due, facts.prosecutor_answer_on)
        return [
            Deadline(
                code=DeadlineCode.PROSECUTOR_WAIT,
                due=due,
                legal_basis=gettext_noop("art. 23 GAS law (mixed infringement art. 3 2°)"),
                fatal=False,
                description="Without protocol, the SA may open the procedure from this "
                "day: two months without news from the prosecutor have passed (or he "
                "declined); the 6-month limit keeps running.",
                rules=("GAS-R14",),
            )
        ]
    if facts.prosecutor_declined and facts.prosecutor_answer_on:
        return [
            Deadline(
                code=DeadlineCode.PROSECUTOR_WAIT,
                due=facts.prosecutor_answer_on,
                legal_basis=gettext_noop("art. 23 GAS law (mixed infringement art. 3 1°)"),
                fatal=False,
                description="Without protocol, the SA may open the procedure from the day "
                "the prosecutor said he will not prosecute.",
                rules=("GAS-R15",),
            )
        ]
    return []


def parking_notice(facts: CaseFacts, p: DeadlineParameters) -> list[Deadline]:
    """GAS-R30 (art. 29 §1; order term, Cass. 27 June 2019): the ordinary letter within 15 days
    of receipt; GAS-R37 (law 11 Dec 2023): a C3/F103/F111 camera PV copy within 14 days."""
    if facts.procedure is not Procedure.PARKING or facts.report_received_on is None:
        return []
    notice = _own(
        DeadlineCode.PARKING_NOTICE,
        start=facts.report_received_on,
        days=15,
        legal_basis=gettext_noop("art. 29 §1 GAS law; order term (Cass. 27 June 2019)"),
        fatal=False,
        description="Ordinary letter with the facts and the fixed amount within 15 days of "
        "receipt of the ascertainment (termijn van orde: lateness does not void the fine).",
        rules=("GAS-R30",),
        p=p,
    )
    if not facts.camera_sign:
        return [notice]
    copy = calendar.own_limit_days(
        facts.ascertained_on or facts.limitation_start,
        14,
        count_event_day=p.limitation_counts_event_day,
        roll_back_to_working_day=p.own_deadlines_roll_back,
    )
    if copy >= notice.due:
        return [notice]
    return [
        Deadline(
            code=notice.code,
            due=copy,
            legal_basis=gettext_noop(
                "art. 29 §1 GAS law; order term (Cass. 27 June 2019); "
                "law 11 Dec 2023 (camera PV copy 14 days)"
            ),
            fatal=False,
            alert_on=min(notice.alert_on or copy, copy),
            escalate_on=min(notice.escalate_on or copy, copy),
            description="C3/F103/F111 camera PV: copy to the offender within 14 days; "
            "sent with the parking notice.",
            rules=("GAS-R30", "GAS-R37"),
        )
    ]


def speeding_terms(facts: CaseFacts, p: DeadlineParameters) -> list[Deadline]:
    """GAS-R39 / R40 (art. 29quater WVW): PV to the SA within 14 days of the offence; the SA
    sends the PV and the amount within 14 days of receipt."""
    if facts.procedure is not Procedure.SPEEDING:
        return []
    rows: list[Deadline] = []
    if facts.offence_on is not None:
        rows.append(
            _own(
                DeadlineCode.SPEED_PV,
                start=facts.offence_on,
                days=14,
                legal_basis=gettext_noop("art. 29quater WVW"),
                fatal=p.unclear_terms_fatal,
                description="Police sends the PV to the SA within 14 days of the offence.",
                rules=("GAS-R39",),
                p=p,
            )
        )
    if facts.report_received_on is not None:
        rows.append(
            _own(
                DeadlineCode.SPEED_NOTICE,
                start=facts.report_received_on,
                days=14,
                legal_basis=gettext_noop("art. 29quater WVW"),
                fatal=p.unclear_terms_fatal,
                description="SA sends the PV and the amount within 14 days of receipt.",
                rules=("GAS-R40",),
                p=p,
            )
        )
    return rows


def defence(facts: CaseFacts, p: DeadlineParameters) -> list[Deadline]:
    """GAS-R18 (art. 25): written defence within 15 days of notification of the opening
    letter; GAS-R31 / R41 (art. 29; art. 29quater WVW): pay or defend within 30 days of the
    fixed-amount letter. Notification: deemed (GAS-R19) or actual receipt, if later."""
    opened = _received(facts.opening_letter_posted_on, facts.opening_letter_received_on, p)
    if opened is None:
        return []
    kind = facts.procedure
    if kind not in FIXED:
        return [
            Deadline(
                code=DeadlineCode.DEFENCE,
                due=calendar.term_end(opened, days=15),
                legal_basis=gettext_noop("art. 25 GAS law"),
                fatal=False,
                description="Written defence (or request for a hearing) within 15 days of "
                "notification of the opening letter.",
                rules=("GAS-R18", "GAS-R19"),
            )
        ]
    basis = (
        gettext_noop("art. 29 GAS law")
        if kind is Procedure.PARKING
        else gettext_noop("art. 29quater WVW")
    )
    rule = "GAS-R31" if kind is Procedure.PARKING else "GAS-R41"
    due = calendar.term_end(opened, days=30)
    rows = [
        Deadline(
            code=DeadlineCode.DEFENCE,
            due=due,
            legal_basis=basis,
            fatal=False,
            description="Offender may pay or send a written defence within 30 days.",
            rules=(rule, "GAS-R19"),
        )
    ]
    if facts.decision_posted_on is None and facts.payment_reminder_posted_on is None:
        rows.append(
            Deadline(
                code=DeadlineCode.PAYMENT,
                due=due,
                legal_basis=basis,
                fatal=False,
                description="Fixed amount to be paid within 30 days of the letter.",
                rules=(rule, "GAS-R19"),
            )
        )
    return rows


def decision_limit_months(facts: CaseFacts) -> tuple[int, tuple[str, ...], str]:
    """GAS-R21..R23 (art. 26): 6 months; 12 once mediation or community service was proposed;
    15 when payment terms were agreed within the mediation."""
    if facts.mediation_payment_terms_agreed:
        return 15, ("GAS-R21", "GAS-R23"), "payment terms agreed in mediation"
    if facts.alternative_proposed_on is not None:
        return 12, ("GAS-R21", "GAS-R22"), "mediation/community service proposed"
    return 6, ("GAS-R21",), ""


def decision_limit(facts: CaseFacts, p: DeadlineParameters) -> list[Deadline]:
    """GAS-R21/R22/R23 (art. 26): the limit of the power to impose the fine, counted from the
    earliest of facts and ascertainment (gas.md §3 step 7)."""
    kind = facts.procedure
    if (kind is Procedure.PARKING and not p.limitation_applies_to_parking) or (
        kind is Procedure.SPEEDING and not p.limitation_applies_to_speeding
    ):
        return []
    months, rules, why = decision_limit_months(facts)
    return [
        _own(
            DeadlineCode.DECISION_LIMIT,
            start=facts.limitation_start,
            months=months,
            legal_basis=(
                gettext_noop("art. 26 GAS law (as amended 11 Dec 2023)")
                if months == 15
                else gettext_noop("art. 26 GAS law")
            ),
            fatal=True,
            description=f"No fine after {months} months from the facts/ascertainment"
            + (f" ({why})" if why else "")
            + "; counted from the earliest of the two dates. Sign and post the decision "
            "by this date (whether notification must also fall within it is not settled).",
            rules=(*rules, "GAS-R53"),
            p=p,
        )
    ]


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


#: The rules, in the order a case meets them.
RULES: tuple[Rule, ...] = (
    transmission,
    prosecutor_wait,
    parking_notice,
    speeding_terms,
    defence,
    decision_limit,
    community_service,
    appeal,
    payment_and_collection,
)
#: Without a fine there is nothing to pay, to appeal or to collect.
NO_FINE_NO_TERM = frozenset(
    {DeadlineCode.PAYMENT, DeadlineCode.APPEAL, DeadlineCode.COLLECTION_LIMIT}
)
NO_FINE_OUTCOMES_KEEP = frozenset({"", "fine", "paid"})


def deadlines(
    facts: CaseFacts,
    parameters: DeadlineParameters | Timeline[DeadlineParameters] = DEFAULT_PARAMETERS,
) -> list[Deadline]:
    """All deadlines that apply to ``facts``, in chronological order of ``due``.

    ``parameters`` may be a timeline; the version in force on the limitation start (the facts)
    is used.
    """
    p = parameters.at(facts.limitation_start) if isinstance(parameters, Timeline) else parameters
    # The prosecutor prosecutes: no administrative procedure follows (art. 3, 23).
    if facts.procedure in MIXED and facts.prosecutor_declined is False:
        return _finish(transmission(facts, p), facts)
    rows = [row for rule in RULES for row in rule(facts, p)]
    if facts.outcome not in NO_FINE_OUTCOMES_KEEP:
        rows = [row for row in rows if row.code not in NO_FINE_NO_TERM]
    return _finish(rows, facts)


def _finish(rows: list[Deadline], facts: CaseFacts) -> list[Deadline]:
    return sorted(_with_acts(rows, facts), key=lambda d: (d.due, d.code.value))


def _with_acts(rows: list[Deadline], facts: CaseFacts) -> list[Deadline]:
    """Fill ``met_on`` from the facts: the act each deadline waits for, when it was done."""
    fixed_amount = facts.procedure in (Procedure.PARKING, Procedure.SPEEDING)
    acts: dict[DeadlineCode, date | None] = {
        DeadlineCode.TRANSMISSION: facts.report_received_on,
        DeadlineCode.PARKING_NOTICE: facts.opening_letter_posted_on,
        DeadlineCode.SPEED_PV: facts.report_received_on,
        DeadlineCode.SPEED_NOTICE: facts.opening_letter_posted_on,
        DeadlineCode.DEFENCE: facts.defence_received_on,
        # a fixed amount paid after the first letter ends the case without a decision
        DeadlineCode.DECISION_LIMIT: facts.decision_posted_on
        or (facts.paid_on if fixed_amount else None),
        DeadlineCode.PAYMENT: facts.paid_on,
        DeadlineCode.APPEAL: facts.appeal_lodged_on,
        DeadlineCode.COLLECTION_LIMIT: facts.paid_on,
        DeadlineCode.COMMUNITY_SERVICE: facts.community_service_done_on,
    }
    return [replace(row, met_on=acts.get(row.code)) for row in rows]
