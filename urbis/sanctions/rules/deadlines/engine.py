"""The computation of every deadline of a case from its facts: the rules up to the decision
here, those after it in ``after_decision``, the shared helpers in ``terms``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from urbis.core import calendar
from urbis.sanctions.rules.deadlines.after_decision import (
    appeal,
    community_service,
    payment_and_collection,
)
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
from urbis.sanctions.rules.deadlines.terms import _own, _received, gettext_noop
from urbis.sanctions.rules.timeline import Timeline
from urbis.sanctions.rules.vocabulary import FIXED

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
