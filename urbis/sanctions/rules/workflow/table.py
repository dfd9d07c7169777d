"""The workflow table: one ``Edge`` per legal step, with its legal basis (law of 24 June 2013
on municipal administrative sanctions, as amended), and the status sets derived from it."""

from __future__ import annotations

from urbis.sanctions.rules.vocabulary import DISCRETIONARY, FIXED, MIXED, Procedure
from urbis.sanctions.rules.workflow.terms import (
    ALL,
    Action,
    Edge,
    Letter,
    Outcome,
    Status,
    Via,
    Who,
    gettext_noop,
)


def _s(*statuses: Status) -> frozenset[Status]:
    return frozenset(statuses)


DECIDABLE = _s(
    Status.OPENED,
    Status.DEFENCE_RECEIVED,
    Status.HEARING_SCHEDULED,
    Status.PARENTAL_INVOLVEMENT,
)
DECISIONS = frozenset({Action.DECIDE_FINE, Action.DECIDE_WARNING, Action.DECIDE_NO_FOLLOW_UP})
_DECISION_SETS = ("decided_on",)
PARKING = frozenset({Procedure.PARKING})
SPEEDING = frozenset({Procedure.SPEEDING})
GENERAL = frozenset({Procedure.GENERAL})
A = Action

EDGES: tuple[Edge, ...] = (
    # -- prosecutor gate for mixed infringements (GAS-R14, R15; art. 23) --------------------
    Edge(
        A.FORWARD_TO_PROSECUTOR,
        _s(Status.RECEIVED),
        Status.AWAITING_PROSECUTOR,
        MIXED,
        gettext_noop(
            "art. 22 §2: the PV of a mixed infringement also goes to the public prosecutor"
        ),
        sets=("prosecutor_sent_on",),
    ),
    Edge(
        A.PROSECUTOR_WAIVES,
        _s(Status.AWAITING_PROSECUTOR),
        Status.RECEIVED,
        MIXED,
        gettext_noop("art. 23 (GAS-R15): the prosecutor informs the SA he will not prosecute"),
        sets=("prosecutor_answer_on",),
    ),
    Edge(
        A.PROSECUTOR_SILENT,
        _s(Status.AWAITING_PROSECUTOR),
        Status.RECEIVED,
        frozenset({Procedure.MIXED_LIGHT}),
        gettext_noop(
            "art. 23 (GAS-R14): art. 3 2° — no news within two months of receipt of the PV"
        ),
        sets=("prosecutor_answer_on",),
    ),
    Edge(
        A.PROSECUTOR_PROSECUTES,
        _s(Status.AWAITING_PROSECUTOR),
        Status.CLOSED,
        MIXED,
        gettext_noop("art. 23: the prosecutor keeps the case; no administrative procedure"),
        outcome=Outcome.PROSECUTED,
        sets=("prosecutor_answer_on",),
    ),
    # -- opening --------------------------------------------------------------------------------
    Edge(
        A.SEND_OPENING_LETTER,
        _s(Status.RECEIVED),
        Status.OPENED,
        DISCRETIONARY,
        gettext_noop(
            "art. 25 (GAS-R17): registered letter with facts, qualification, rights, 15-day defence"
        ),
        letter=Letter.OPENING,
        sets=("opened_on",),
    ),
    Edge(
        A.SEND_PARKING_NOTICE,
        _s(Status.RECEIVED),
        Status.OPENED,
        PARKING,
        gettext_noop(
            "art. 29 §1 (GAS-R30, R31): ordinary letter with the facts and the fixed fine; 30 days"
        ),
        adults_only=True,
        letter=Letter.PARKING_NOTICE,
        sets=("opened_on",),
    ),
    Edge(
        A.SEND_SPEED_NOTICE,
        _s(Status.RECEIVED),
        Status.OPENED,
        SPEEDING,
        gettext_noop(
            "art. 29quater WVW (GAS-R40, R41): PV and amount within 14 days; "
            "30 days to pay or defend"
        ),
        adults_only=True,
        letter=Letter.SPEED_NOTICE,
        sets=("opened_on",),
    ),
    # -- defence and hearing (art. 25, GAS-R11, R18, R20, R36) ---------------------------------
    Edge(
        A.RECORD_DEFENCE,
        _s(Status.OPENED, Status.SECOND_INVITATION, Status.PARENTAL_INVOLVEMENT),
        Status.DEFENCE_RECEIVED,
        ALL,
        gettext_noop("art. 25 §2 / art. 29 §2: written defence within the term"),
        via=Via.FORM,
    ),
    Edge(
        A.SCHEDULE_HEARING,
        _s(Status.OPENED, Status.DEFENCE_RECEIVED, Status.PARENTAL_INVOLVEMENT),
        Status.HEARING_SCHEDULED,
        ALL,
        gettext_noop(
            "art. 25 §2 (GAS-R20, R11): oral hearing if the envisaged fine exceeds EUR 70; "
            "minors always"
        ),
        via=Via.FORM,
    ),
    Edge(
        A.HOLD_HEARING,
        _s(Status.HEARING_SCHEDULED),
        None,
        ALL,
        gettext_noop("art. 25 §2 (GAS-R11, R20): the offender was heard; minutes kept"),
        via=Via.FORM,
    ),
    Edge(
        A.WAIVE_HEARING,
        _s(Status.HEARING_SCHEDULED),
        None,
        ALL,
        gettext_noop(
            "art. 25 §2 (GAS-R11): summoned to the hearing, the offender did not appear or waived "
            "it; documented in the minutes"
        ),
        via=Via.FORM,
    ),
    Edge(
        A.REJECT_DEFENCE,
        _s(Status.DEFENCE_RECEIVED, Status.HEARING_SCHEDULED),
        Status.SECOND_INVITATION,
        PARKING,
        gettext_noop("art. 29 (GAS-R32): defence rejected — new invitation to pay within 30 days"),
        who=Who.OFFICIAL,
        letter=Letter.SECOND_INVITATION,
        sets=("term_started_on",),
    ),
    # -- minors (art. 14-19, GAS-R08..R11) ---------------------------------------------------
    Edge(
        A.START_PARENTAL_INVOLVEMENT,
        _s(Status.OPENED, Status.DEFENCE_RECEIVED, Status.HEARING_SCHEDULED),
        Status.PARENTAL_INVOLVEMENT,
        DISCRETIONARY,
        gettext_noop("art. 17: parents heard, educational measures proposed"),
        minors_only=True,
    ),
    # -- alternative measures (art. 4 §2, art. 9-12, GAS-R06..R08, R22, R23) ---------------------
    Edge(
        A.PROPOSE_MEDIATION,
        _s(Status.RECEIVED) | DECIDABLE,
        Status.MEDIATION,
        DISCRETIONARY,
        gettext_noop(
            "art. 4 §2, art. 12 and 18 (GAS-R08, R22): local mediation; mandatory offer for minors"
        ),
        sets=("alternative_proposed_on",),
    ),
    Edge(
        A.AGREE_PAYMENT_TERMS,
        _s(Status.MEDIATION),
        None,
        DISCRETIONARY,
        gettext_noop(
            "art. 26 as amended 11 Dec 2023 (GAS-R23): payment terms agreed within the mediation; "
            "limit 15 months"
        ),
        via=Via.FORM,
    ),
    Edge(
        A.MEDIATION_SUCCEEDED,
        _s(Status.MEDIATION),
        Status.CLOSED,
        DISCRETIONARY,
        gettext_noop("art. 12: successful mediation — no fine"),
        outcome=Outcome.MEDIATION_SUCCEEDED,
    ),
    Edge(
        A.MEDIATION_FAILED,
        _s(Status.MEDIATION),
        Status.OPENED,
        DISCRETIONARY,
        gettext_noop("art. 12 and 18: mediation refused or failed — community service or fine"),
    ),
    Edge(
        A.PROPOSE_COMMUNITY_SERVICE,
        DECIDABLE | _s(Status.MEDIATION),
        Status.COMMUNITY_SERVICE,
        DISCRETIONARY,
        gettext_noop(
            "art. 4 §2, art. 9-11 (GAS-R06, R07, R22): with consent; max 30 h adults, 15 h minors; "
            "executed within the term"
        ),
        sets=("alternative_proposed_on",),
        # Only with its hours and provider recorded (GAS-R06 caps them): never a bare step.
        via=Via.FORM,
    ),
    Edge(
        A.SERVICE_PERFORMED,
        _s(Status.COMMUNITY_SERVICE),
        Status.CLOSED,
        DISCRETIONARY,
        gettext_noop("art. 11: community service performed — no fine"),
        outcome=Outcome.SERVICE_PERFORMED,
    ),
    Edge(
        A.SERVICE_NOT_PERFORMED,
        _s(Status.COMMUNITY_SERVICE),
        Status.OPENED,
        DISCRETIONARY,
        gettext_noop("art. 11: community service refused or not performed — the SA may fine"),
    ),
    # -- decision (art. 7, 27-28) ------------------------------------------------------------------
    Edge(
        A.DECIDE_FINE,
        DECIDABLE,
        Status.DECIDED,
        ALL,
        gettext_noop(
            "art. 4 §1 1°, art. 7, art. 27-28 (GAS-R01..R03, R24): fine, registered notification"
        ),
        outcome=Outcome.FINE,
        who=Who.OFFICIAL,
        letter=Letter.DECISION,
        sets=("decided_on", "notified_on"),
    ),
    Edge(
        A.DECIDE_FINE,
        _s(Status.SECOND_INVITATION, Status.REMINDER),
        Status.DECIDED,
        FIXED,
        gettext_noop(
            "art. 29 (GAS-R32): unpaid after the invitation and the reminder — the fixed fine is "
            "decided and notified"
        ),
        outcome=Outcome.FINE,
        who=Who.OFFICIAL,
        letter=Letter.DECISION,
        sets=("decided_on", "notified_on"),
    ),
    Edge(
        A.DECIDE_WARNING,
        DECIDABLE,
        Status.CLOSED,
        DISCRETIONARY,
        gettext_noop("art. 27: warning without fine"),
        outcome=Outcome.WARNING,
        who=Who.OFFICIAL,
        letter=Letter.DECISION,  # every decision is notified (art. 27-28)
        sets=_DECISION_SETS,
    ),
    Edge(
        A.DECIDE_NO_FOLLOW_UP,
        DECIDABLE | _s(Status.RECEIVED, Status.SECOND_INVITATION),
        Status.CLOSED,
        ALL,
        gettext_noop(
            "art. 27: no follow-up (defence accepted, facts not established, no identification)"
        ),
        outcome=Outcome.NO_FOLLOW_UP,
        who=Who.OFFICIAL,
        letter=Letter.DECISION,
        sets=_DECISION_SETS,
    ),
    # -- college sanctions (art. 45, GAS-R29): the college decides, the document is generated --
    Edge(
        A.COLLEGE_WARNING,
        _s(Status.RECEIVED),
        Status.COLLEGE_WARNED,
        GENERAL,
        gettext_noop("art. 45 (GAS-R29): prior warning before suspension, withdrawal or closure"),
        who=Who.OFFICIAL,
    ),
    Edge(
        A.COLLEGE_SUSPENSION,
        _s(Status.COLLEGE_WARNED),
        Status.CLOSED,
        GENERAL,
        gettext_noop("art. 4 §1 2° and art. 45 (GAS-R29): suspension of a permit by the college"),
        outcome=Outcome.SUSPENSION,
        who=Who.OFFICIAL,
        letter=Letter.COLLEGE_DECISION,
        sets=_DECISION_SETS,
    ),
    Edge(
        A.COLLEGE_WITHDRAWAL,
        _s(Status.COLLEGE_WARNED),
        Status.CLOSED,
        GENERAL,
        gettext_noop("art. 4 §1 3° and art. 45 (GAS-R29): withdrawal of a permit by the college"),
        outcome=Outcome.WITHDRAWAL,
        who=Who.OFFICIAL,
        letter=Letter.COLLEGE_DECISION,
        sets=_DECISION_SETS,
    ),
    Edge(
        A.COLLEGE_CLOSURE,
        _s(Status.COLLEGE_WARNED),
        Status.CLOSED,
        GENERAL,
        gettext_noop(
            "art. 4 §1 4° and art. 45 (GAS-R29): temporary or definitive closure by the college"
        ),
        outcome=Outcome.CLOSURE,
        who=Who.OFFICIAL,
        letter=Letter.COLLEGE_DECISION,
        sets=_DECISION_SETS,
    ),
    # -- payment, reminders, enforcement (art. 29-30, GAS-R25, R27, R28, R32) ----------------------
    Edge(
        A.PAYMENT_RECEIVED,
        _s(Status.OPENED, Status.SECOND_INVITATION, Status.DECIDED, Status.REMINDER),
        Status.PAID,
        ALL,
        gettext_noop("art. 30 (GAS-R25): the fine is paid in full"),
        outcome=Outcome.PAID,
        via=Via.FORM,
    ),
    Edge(
        A.SEND_REMINDER,
        _s(Status.OPENED, Status.SECOND_INVITATION, Status.DECIDED),
        Status.REMINDER,
        FIXED,
        gettext_noop("art. 29 (GAS-R32): unpaid after the term — reminder with a new 30-day term"),
        letter=Letter.REMINDER,
        sets=("term_started_on",),
    ),
    Edge(
        A.SEND_REMINDER,
        _s(Status.DECIDED),
        Status.REMINDER,
        DISCRETIONARY,
        gettext_noop(
            "art. 30 (GAS-R25): the decided fine is unpaid after the payment term — reminder"
        ),
        letter=Letter.REMINDER,
        sets=("term_started_on",),
    ),
    Edge(
        A.EXPORT_FOR_ENFORCEMENT,
        _s(Status.REMINDER, Status.DECIDED),
        Status.ENFORCEMENT,
        ALL,
        gettext_noop("art. 30 (GAS-R27, R28): enforceable decision, collection within five years"),
    ),
    # -- appeal (art. 31, GAS-R11, R26, R44) -----------------------------------------------------
    Edge(
        A.LODGE_APPEAL,
        _s(Status.DECIDED, Status.REMINDER),
        Status.IN_APPEAL,
        ALL,
        gettext_noop("art. 31 (GAS-R26): police court (youth court for minors) within one month"),
        via=Via.FORM,
    ),
    Edge(
        A.APPEAL_CONFIRMED,
        _s(Status.IN_APPEAL),
        Status.DECIDED,
        ALL,
        gettext_noop("art. 31: the court confirms or reforms the fine (final judgment)"),
        via=Via.FORM,
    ),
    Edge(
        A.APPEAL_ANNULLED,
        _s(Status.IN_APPEAL),
        Status.CLOSED,
        ALL,
        gettext_noop("art. 31: the court annuls the decision"),
        outcome=Outcome.APPEAL_ANNULLED,
        via=Via.FORM,
    ),
    # -- the case nobody may lose (art. 26, GAS-R21..R23): recorded, never silently ---------------
    Edge(
        A.TIME_BAR,
        DECIDABLE
        | _s(
            Status.RECEIVED,
            Status.AWAITING_PROSECUTOR,
            Status.MEDIATION,
            Status.COMMUNITY_SERVICE,
            Status.SECOND_INVITATION,
            Status.REMINDER,
        ),
        Status.TIME_BARRED,
        ALL,
        gettext_noop(
            "art. 26 (GAS-R21..R23): no decision within the limit — the power to fine has lapsed"
        ),
        outcome=Outcome.TIME_BARRED,
        via=Via.FORM,
    ),
)

#: The legal basis of the first history row, written at intake (``register``: no edge).
REGISTER_LEGAL_BASIS = gettext_noop(
    "art. 22 (GAS-R13): PV or report transmitted to the sanctioning official"
)

EDGES_BY_ACTION: dict[Action, tuple[Edge, ...]] = {}
for _edge in EDGES:
    EDGES_BY_ACTION[_edge.action] = (*EDGES_BY_ACTION.get(_edge.action, ()), _edge)

OPEN_STATUSES = frozenset(Status) - {
    Status.PAID,
    Status.CLOSED,
    Status.TIME_BARRED,
    Status.ENFORCEMENT,
}
#: Statuses in which no fine has been decided yet (the decision limit applies); for stopping,
#: parking and speeding also the invitation and reminder states while ``decided_on`` is empty.
UNDECIDED = DECIDABLE | _s(
    Status.RECEIVED, Status.AWAITING_PROSECUTOR, Status.MEDIATION, Status.COMMUNITY_SERVICE
)
#: Where the nightly sweep and the at-risk queue look (with no decision recorded yet).
AWAITING_DECISION = UNDECIDED | {Status.SECOND_INVITATION, Status.REMINDER}
