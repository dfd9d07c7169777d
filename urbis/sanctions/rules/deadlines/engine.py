"""The computation of every deadline of a case from its facts."""

from __future__ import annotations

import math
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
    Procedure,
)
from urbis.sanctions.rules.timeline import Timeline


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


def deadlines(
    facts: CaseFacts,
    parameters: DeadlineParameters | Timeline[DeadlineParameters] = DEFAULT_PARAMETERS,
) -> list[Deadline]:
    """All deadlines that apply to ``facts``, in chronological order of ``due``.

    ``parameters`` may be a timeline; the version in force on the limitation start (the facts)
    is used.
    """
    p = parameters.at(facts.limitation_start) if isinstance(parameters, Timeline) else parameters
    result: list[Deadline] = []
    kind = facts.procedure
    start = facts.limitation_start
    ascertained = facts.ascertained_on or start

    # --- GAS-R13, art. 22: transmission of the original PV/report to the SA (and PdK) -------
    if kind is not Procedure.SPEEDING:
        flagrante_short = facts.flagrante_delicto and ascertained < UNIFORM_TRANSMISSION_FROM
        months = 1 if flagrante_short else 2
        result.append(
            _own(
                DeadlineCode.TRANSMISSION,
                start=ascertained,
                months=months,
                legal_basis="art. 22 GAS law 24 June 2013 (as amended 5 Oct 2018)",
                fatal=p.unclear_terms_fatal,
                description=f"Original PV/report to reach the sanctioning official"
                f"{' and the prosecutor' if kind in MIXED else ''} within {months} month(s) "
                "of the ascertainment.",
                rules=("GAS-R13",),
                p=p,
            )
        )

    # The prosecutor prosecutes: no administrative procedure follows (art. 3, 23).
    if kind in MIXED and facts.prosecutor_declined is False:
        return _finish(result, facts)

    # --- GAS-R14 / R15, art. 23: prosecutor gate for mixed infringements without protocol ----
    if kind in MIXED and not facts.protocol_agreement:
        if kind is Procedure.MIXED_LIGHT:
            received = max(
                (d for d in (facts.report_received_on, facts.prosecutor_received_on) if d),
                default=None,
            )
            if received is not None:
                # ``due`` of a wait is the first day the SA may act: the day after the term.
                due = calendar.term_end(received, months=2) + timedelta(days=1)
                if facts.prosecutor_declined and facts.prosecutor_answer_on:
                    due = min(due, facts.prosecutor_answer_on)
                result.append(
                    Deadline(
                        code=DeadlineCode.PROSECUTOR_WAIT,
                        due=due,
                        legal_basis="art. 23 GAS law (mixed infringement art. 3 2°)",
                        fatal=False,
                        description="Without protocol, the SA may open the procedure from this "
                        "day: two months without news from the prosecutor have passed (or he "
                        "declined); the 6-month limit keeps running.",
                        rules=("GAS-R14",),
                    )
                )
        elif facts.prosecutor_declined and facts.prosecutor_answer_on:
            result.append(
                Deadline(
                    code=DeadlineCode.PROSECUTOR_WAIT,
                    due=facts.prosecutor_answer_on,
                    legal_basis="art. 23 GAS law (mixed infringement art. 3 1°)",
                    fatal=False,
                    description="Without protocol, the SA may open the procedure from the day "
                    "the prosecutor said he will not prosecute.",
                    rules=("GAS-R15",),
                )
            )

    # --- First letter to the offender ---------------------------------------------------------
    if kind is Procedure.PARKING and facts.report_received_on is not None:
        notice = _own(
            DeadlineCode.PARKING_NOTICE,
            start=facts.report_received_on,
            days=15,
            legal_basis="art. 29 §1 GAS law; order term (Cass. 27 June 2019)",
            fatal=False,
            description="Ordinary letter with the facts and the fixed amount within 15 days of "
            "receipt of the ascertainment (termijn van orde: lateness does not void the fine).",
            rules=("GAS-R30",),
            p=p,
        )
        if facts.camera_sign:
            copy = calendar.own_limit_days(
                ascertained,
                14,
                count_event_day=p.limitation_counts_event_day,
                roll_back_to_working_day=p.own_deadlines_roll_back,
            )
            if copy < notice.due:
                notice = Deadline(
                    code=notice.code,
                    due=copy,
                    legal_basis=notice.legal_basis + "; law 11 Dec 2023 (camera PV copy 14 days)",
                    fatal=False,
                    alert_on=min(notice.alert_on or copy, copy),
                    escalate_on=min(notice.escalate_on or copy, copy),
                    description="C3/F103/F111 camera PV: copy to the offender within 14 days; "
                    "sent with the parking notice.",
                    rules=("GAS-R30", "GAS-R37"),
                )
        result.append(notice)

    if kind is Procedure.SPEEDING:
        if facts.offence_on is not None:
            result.append(
                _own(
                    DeadlineCode.SPEED_PV,
                    start=facts.offence_on,
                    days=14,
                    legal_basis="art. 29quater WVW",
                    fatal=p.unclear_terms_fatal,
                    description="Police sends the PV to the SA within 14 days of the offence.",
                    rules=("GAS-R39",),
                    p=p,
                )
            )
        if facts.report_received_on is not None:
            result.append(
                _own(
                    DeadlineCode.SPEED_NOTICE,
                    start=facts.report_received_on,
                    days=14,
                    legal_basis="art. 29quater WVW",
                    fatal=p.unclear_terms_fatal,
                    description="SA sends the PV and the amount within 14 days of receipt.",
                    rules=("GAS-R40",),
                    p=p,
                )
            )

    # --- Defence (and, for fixed amounts, payment) after the first letter ---------------------
    opened = _received(facts.opening_letter_posted_on, facts.opening_letter_received_on, p)
    if opened is not None:
        if kind in (Procedure.PARKING, Procedure.SPEEDING):
            basis = "art. 29 GAS law" if kind is Procedure.PARKING else "art. 29quater WVW"
            rule = "GAS-R31" if kind is Procedure.PARKING else "GAS-R41"
            due = calendar.term_end(opened, days=30)
            result.append(
                Deadline(
                    code=DeadlineCode.DEFENCE,
                    due=due,
                    legal_basis=basis,
                    fatal=False,
                    description="Offender may pay or send a written defence within 30 days.",
                    rules=(rule, "GAS-R19"),
                )
            )
            if facts.decision_posted_on is None and facts.payment_reminder_posted_on is None:
                result.append(
                    Deadline(
                        code=DeadlineCode.PAYMENT,
                        due=due,
                        legal_basis=basis,
                        fatal=False,
                        description="Fixed amount to be paid within 30 days of the letter.",
                        rules=(rule, "GAS-R19"),
                    )
                )
        else:
            result.append(
                Deadline(
                    code=DeadlineCode.DEFENCE,
                    due=calendar.term_end(opened, days=15),
                    legal_basis="art. 25 GAS law",
                    fatal=False,
                    description="Written defence (or request for a hearing) within 15 days of "
                    "notification of the opening letter.",
                    rules=("GAS-R18", "GAS-R19"),
                )
            )

    # --- GAS-R21/R22/R23, art. 26: limit of the power to impose the fine -----------------------
    limitation_applies = (kind is not Procedure.PARKING or p.limitation_applies_to_parking) and (
        kind is not Procedure.SPEEDING or p.limitation_applies_to_speeding
    )
    if limitation_applies:
        rules: tuple[str, ...]
        if facts.mediation_payment_terms_agreed:
            months, rules, why = 15, ("GAS-R21", "GAS-R23"), "payment terms agreed in mediation"
        elif facts.alternative_proposed_on is not None:
            months, rules, why = 12, ("GAS-R21", "GAS-R22"), "mediation/community service proposed"
        else:
            months, rules, why = 6, ("GAS-R21",), ""
        result.append(
            _own(
                DeadlineCode.DECISION_LIMIT,
                start=start,
                months=months,
                legal_basis="art. 26 GAS law"
                + (" (as amended 11 Dec 2023)" if months == 15 else ""),
                fatal=True,
                description=f"No fine after {months} months from the facts/ascertainment"
                + (f" ({why})" if why else "")
                + "; counted from the earliest of the two dates. Sign and post the decision "
                "by this date (whether notification must also fall within it is not settled).",
                rules=(*rules, "GAS-R53"),
                p=p,
            )
        )

    # --- After the decision: payment, appeal, collection ----------------------------------------
    decided = _received(facts.decision_posted_on, facts.decision_received_on, p)
    reminded = _received(facts.payment_reminder_posted_on, None, p)
    payment: Deadline | None = None
    if kind is Procedure.PARKING and (decided or reminded):
        notified = max(d for d in (decided, reminded) if d is not None)
        payment = Deadline(
            code=DeadlineCode.PAYMENT,
            due=calendar.term_end(notified, days=30),
            legal_basis="art. 29 GAS law",
            fatal=False,
            description="New 30-day term to pay after a rejected defence or a reminder.",
            rules=("GAS-R32", "GAS-R19"),
        )
    elif decided is not None:
        months = p.speeding_decision_payment_months if kind is Procedure.SPEEDING else 1
        payment = Deadline(
            code=DeadlineCode.PAYMENT,
            due=calendar.term_end(decided, months=months),
            legal_basis="art. 30 GAS law",
            fatal=False,
            description="Fine to be paid within one month of notification of the decision.",
            rules=("GAS-R25", "GAS-R19"),
        )
    if decided is not None:
        court = "youth court" if facts.minor else "police court"
        appeal_rules = ["GAS-R26", "GAS-R27"]
        if kind is Procedure.SPEEDING:
            appeal_rules.append("GAS-R44")
        if facts.minor:
            appeal_rules.append("GAS-R11")
        result.append(
            Deadline(
                code=DeadlineCode.APPEAL,
                due=calendar.term_end(decided, months=1),
                legal_basis="art. 31 GAS law"
                + ("; art. 29quater WVW" if kind is Procedure.SPEEDING else ""),
                fatal=False,
                description=f"Appeal by written request to the {court} within one month of "
                "notification; the decision is enforceable after it if no appeal.",
                rules=tuple(appeal_rules),
            )
        )
    # An appeal suspends payment: the court's judgment sets what is due.
    if payment is not None and facts.appeal_lodged_on is None:
        result.append(payment)
        result.append(
            _own(
                DeadlineCode.COLLECTION_LIMIT,
                start=payment.due,
                months=60,
                legal_basis="art. 33 GAS law (5 years from the date the fine had to be paid)",
                fatal=True,
                description="Unpaid fine must be collected (bailiff/dwangbevel) within 5 years "
                "from the end of the payment term.",
                rules=("GAS-R28",),
                p=p,
            )
        )

    return _finish(result, facts)


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
    }
    return [replace(row, met_on=acts.get(row.code)) for row in rows]
