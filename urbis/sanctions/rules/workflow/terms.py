"""The vocabulary of the workflow table: statuses, outcomes, actions, who takes a step, how,
the letters, and the ``Edge`` row itself (the law of 24 June 2013; see ``table.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from urbis.sanctions.rules.vocabulary import (
    ALL_PROCEDURES,
    Procedure,
)

ALL = ALL_PROCEDURES


def gettext_noop(s: str) -> str:
    """Mark a rule text for translation while the module stays pure: ``makemessages`` extracts
    the literal (``--keyword=gettext_noop``); the page says it with the ``gas_text`` filter."""
    return s


class Status(StrEnum):
    RECEIVED = "received"  # ascertainment registered with the sanctioning official
    AWAITING_PROSECUTOR = "awaiting_prosecutor"  # mixed: PV with the public prosecutor
    OPENED = "opened"  # opening letter / notice sent; the defence term runs
    DEFENCE_RECEIVED = "defence_received"
    HEARING_SCHEDULED = "hearing_scheduled"
    PARENTAL_INVOLVEMENT = "parental_involvement"  # minors, art. 17
    MEDIATION = "mediation"
    COMMUNITY_SERVICE = "community_service"
    SECOND_INVITATION = "second_invitation"  # parking: defence rejected, new 30-day term
    DECIDED = "decided"  # fine notified: payment or appeal term runs
    REMINDER = "reminder"
    IN_APPEAL = "in_appeal"
    COLLEGE_WARNED = "college_warned"  # prior warning before a college sanction (art. 45)
    PAID = "paid"
    ENFORCEMENT = "enforcement"  # handed over for collection (bailiff / dwangbevel)
    CLOSED = "closed"
    TIME_BARRED = "time_barred"


class Outcome(StrEnum):
    NO_FOLLOW_UP = "no_follow_up"
    WARNING = "warning"
    FINE = "fine"
    MEDIATION_SUCCEEDED = "mediation_succeeded"
    SERVICE_PERFORMED = "service_performed"
    PROSECUTED = "prosecuted"  # the prosecutor keeps the case: no GAS
    APPEAL_ANNULLED = "appeal_annulled"
    SUSPENSION = "suspension"
    WITHDRAWAL = "withdrawal"
    CLOSURE = "closure"
    PAID = "paid"
    TIME_BARRED = "time_barred"


class Action(StrEnum):
    """Every step of a case (the stored ``StatusChange.action``; ``register`` is the first
    row written at intake and is no edge)."""

    FORWARD_TO_PROSECUTOR = "forward_to_prosecutor"
    PROSECUTOR_WAIVES = "prosecutor_waives"
    PROSECUTOR_SILENT = "prosecutor_silent"
    PROSECUTOR_PROSECUTES = "prosecutor_prosecutes"
    SEND_OPENING_LETTER = "send_opening_letter"
    SEND_PARKING_NOTICE = "send_parking_notice"
    SEND_SPEED_NOTICE = "send_speed_notice"
    RECORD_DEFENCE = "record_defence"
    SCHEDULE_HEARING = "schedule_hearing"
    HOLD_HEARING = "hold_hearing"
    WAIVE_HEARING = "waive_hearing"
    REJECT_DEFENCE = "reject_defence"
    START_PARENTAL_INVOLVEMENT = "start_parental_involvement"
    PROPOSE_MEDIATION = "propose_mediation"
    AGREE_PAYMENT_TERMS = "agree_payment_terms"
    MEDIATION_SUCCEEDED = "mediation_succeeded"
    MEDIATION_FAILED = "mediation_failed"
    PROPOSE_COMMUNITY_SERVICE = "propose_community_service"
    SERVICE_PERFORMED = "service_performed"
    SERVICE_NOT_PERFORMED = "service_not_performed"
    DECIDE_FINE = "decide_fine"
    DECIDE_WARNING = "decide_warning"
    DECIDE_NO_FOLLOW_UP = "decide_no_follow_up"
    COLLEGE_WARNING = "college_warning"
    COLLEGE_SUSPENSION = "college_suspension"
    COLLEGE_WITHDRAWAL = "college_withdrawal"
    COLLEGE_CLOSURE = "college_closure"
    PAYMENT_RECEIVED = "payment_received"
    SEND_REMINDER = "send_reminder"
    EXPORT_FOR_ENFORCEMENT = "export_for_enforcement"
    LODGE_APPEAL = "lodge_appeal"
    APPEAL_CONFIRMED = "appeal_confirmed"
    APPEAL_ANNULLED = "appeal_annulled"
    TIME_BAR = "time_bar"


class Who(StrEnum):
    """Who may take a step."""

    STAFF = "staff"  # the GAS office (staff or the sanctioning official)
    OFFICIAL = "official"  # the sanctioning official only (his decisions, or the college's)


class Via(StrEnum):
    """How a step is taken."""

    STEP = "step"  # a bare step: the page's button or the API's transitions endpoint
    FORM = "form"  # only the service that records what the step needs (defence, hearing, ...)


class Letter(StrEnum):
    """Letters a step produces (the stored ``Letter.kind``)."""

    OPENING = "opening"
    PARKING_NOTICE = "parking_notice"
    SPEED_NOTICE = "speed_notice"
    SECOND_INVITATION = "second_invitation"
    DECISION = "decision"
    REMINDER = "reminder"
    COLLEGE_DECISION = "college_decision"


#: Case facts (dates) a step may set; ``alternative_proposed_on`` keeps its first value.
SETTABLE = frozenset(
    {
        "prosecutor_sent_on",
        "prosecutor_answer_on",
        "opened_on",
        "alternative_proposed_on",
        "term_started_on",
        "decided_on",
        "notified_on",
    }
)
#: Statuses that end a case (``closed_on`` is set when a step reaches one).
FINAL = frozenset({Status.PAID, Status.CLOSED, Status.TIME_BARRED})


@dataclass(frozen=True)
class Edge:
    action: Action
    sources: frozenset[Status]
    target: Status | None  # None: the case stays where it is (a recorded step, no move)
    procedures: frozenset[Procedure]
    legal_basis: str
    outcome: Outcome | None = None
    minors_only: bool = False
    adults_only: bool = False
    who: Who = Who.STAFF
    via: Via = Via.STEP
    letter: Letter | None = None
    sets: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = set(self.sets) - SETTABLE
        if unknown:  # pragma: no cover - a mistake in the table itself
            raise ValueError(f"{self.action}: cannot set {sorted(unknown)}")

    def target_from(self, status: Status | str) -> Status:
        return Status(status) if self.target is None else self.target
