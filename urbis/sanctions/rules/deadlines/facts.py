"""What the engine reads and returns: procedures, the facts of a case, the BELIEVED
parameters (dated) and a deadline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from urbis.sanctions.rules.timeline import Timeline
from urbis.sanctions.rules.vocabulary import MIXED as MIXED
from urbis.sanctions.rules.vocabulary import Procedure


class DeadlineCode(StrEnum):
    TRANSMISSION = "transmission"
    PROSECUTOR_WAIT = "prosecutor_wait"
    PARKING_NOTICE = "parking_notice"
    SPEED_PV = "speed_pv"
    SPEED_NOTICE = "speed_notice"
    DEFENCE = "defence"
    DECISION_LIMIT = "decision_limit"
    PAYMENT = "payment"
    APPEAL = "appeal"
    COLLECTION_LIMIT = "collection_limit"
    COMMUNITY_SERVICE = "community_service"


class LimitationEventKind(StrEnum):
    INTERRUPTION = "interruption"  # a new five-year term starts on its date
    SUSPENSION = "suspension"  # the term does not run from its date until its end


@dataclass(frozen=True)
class LimitationEvent:
    """An act that interrupts or suspends the collection limitation (GAS-R28), as recorded by
    the staff with its ground (e.g. a bailiff's command, an acknowledgement of debt)."""

    kind: LimitationEventKind
    on: date
    until: date | None = None  # end of a suspension (inclusive); None while it lasts


@dataclass(frozen=True, kw_only=True)
class CaseFacts:
    """What is known of a case. Dates left ``None`` are not known (yet).

    ``opening_letter_*`` is the first letter to the offender: the registered letter opening the
    procedure (art. 25, general/mixed), the ordinary letter with the fixed amount (art. 29 §1,
    parking) or the letter with the PV and amount (art. 29quater WVW, speeding).
    ``decision_*`` is the decision letter (art. 27-28); for parking, the new invitation to pay
    after a rejected defence (art. 29, GAS-R32).
    """

    procedure: Procedure
    offence_on: date | None = None
    ascertained_on: date | None = None
    flagrante_delicto: bool = False
    report_received_on: date | None = None  # original PV/report received by the SA
    prosecutor_received_on: date | None = None  # original PV received by the PdK (mixed)
    camera_sign: bool = False  # C3/F103/F111 ascertained by automatic camera (GAS-R37)
    minor: bool = False
    protocol_agreement: bool = False  # protocol with the PdK (art. 23)
    prosecutor_answer_on: date | None = None
    prosecutor_declined: bool | None = None  # True: PdK will not prosecute; False: he will
    opening_letter_posted_on: date | None = None
    opening_letter_received_on: date | None = None
    alternative_proposed_on: date | None = None  # mediation or community service proposed
    mediation_payment_terms_agreed: bool = False  # payment terms agreed within mediation
    decision_posted_on: date | None = None
    decision_received_on: date | None = None
    payment_reminder_posted_on: date | None = None  # parking reminder with a new 30 days
    appeal_lodged_on: date | None = None
    defence_received_on: date | None = None
    paid_on: date | None = None  # full payment received
    reminder_received_on: date | None = None  # actual receipt of the reminder, if recorded
    # -- what the step guards read as well (rules/guards.py) --
    decided_on: date | None = None  # the decision itself (fine, warning, no follow-up)
    outcome: str = ""  # the stored outcome code ("" while open)
    judgment_final: bool = False  # the court gave its (final) judgment on appeal
    appealed: bool = False
    hearings_pending_on: tuple[date, ...] = ()  # scheduled hearings neither held nor waived
    hearing_held: bool = False
    hearing_waived: bool = False  # summoned, did not appear or waived — documented
    mediation_offered: bool = False
    mediation_provided: bool = True  # police regulation (municipal + article) provides it
    community_service_provided: bool = True
    community_service_on: date | None = None  # community service agreed (its term runs)
    community_service_done_on: date | None = None  # performed or recorded as not performed
    amount: Decimal | None = None  # fine decided or fixed amount
    article_max_fine: Decimal | None = None  # the regulation's own ceiling, if lower
    amount_paid: Decimal = Decimal(0)
    instalments: bool = False  # an instalment plan was granted
    limitation_events: tuple[LimitationEvent, ...] = ()
    ascertaining_officer: str | None = None  # user ids, for GAS-R49
    mediator: str | None = None

    def __post_init__(self) -> None:
        if self.offence_on is None and self.ascertained_on is None:
            raise ValueError("a case needs the date of the facts or of the ascertainment")

    @property
    def limitation_start(self) -> date:
        """GAS-R21: start of the 6-month limit, the earliest of facts and ascertainment.

        Art. 26 says "from the day of the ascertainment of the facts"; some sources read it as
        the facts themselves (gas.md §3.7, open point 6) → the earliest known date.
        """
        return min(d for d in (self.offence_on, self.ascertained_on) if d is not None)


@dataclass(frozen=True, kw_only=True)
class DeadlineParameters:
    """BELIEVED interpretations (gas.md tags them [B]); each is a setting, dated via ``Timeline``.

    The defaults are the conservative choices documented in docs/sanctions-rules.md.
    """

    # GAS-R19 [B]: letters deemed received on the 3rd working day after posting (art. 53bis).
    deemed_receipt_working_days: int = 3
    # GAS-R21 [B, start/counting]: count the day of the facts as day one of the limit.
    limitation_counts_event_day: bool = True
    # gas.md §3.4 [B]: never extend own deadlines over a weekend; move them back instead.
    own_deadlines_roll_back: bool = True
    # gas.md §3.1 [B "likely yes"]: the 6-month limit of art. 26 applies to parking cases.
    limitation_applies_to_parking: bool = True
    # [B]: the same limit applies to speeding cases (art. 29quater WVW is silent in gas.md).
    limitation_applies_to_speeding: bool = True
    # [B]: whether late transmission / late GAS 5 letters void the case is not established:
    # flag them as fatal so they are watched as closely as the limitation.
    unclear_terms_fatal: bool = True
    # [B]: GAS 5 decision after a rejected defence: payment term of art. 30 (1 month).
    speeding_decision_payment_months: int = 1
    # GAS-R07 [B]: community service executed within 6 months.
    community_service_months: int = 6
    # GAS-R28: collection limitation, 5 years from the date the fine had to be paid.
    collection_limit_months: int = 60
    # GAS-R11 [interpretation]: a minor summoned to a hearing who did not appear or waived it,
    # documented in the minutes, counts as heard.
    minor_hearing_waiver_allowed: bool = True
    # GAS-R53 (design): alert at month 4 and escalate at month 5 of 6.
    alert_fraction: Fraction = Fraction(4, 6)
    escalate_fraction: Fraction = Fraction(5, 6)


DEFAULT_PARAMETERS = DeadlineParameters()


DEFAULT_PARAMETER_TIMELINE: Timeline[DeadlineParameters] = Timeline.of(
    (date(2014, 1, 1), DEFAULT_PARAMETERS), name="GAS deadline parameters"
)


# GAS-R13 (art. 22): transmission term in months by date of the ascertainment; before the law
# of 5 October 2018 the term was 1 month for flagrante delicto, 2 months otherwise.
UNIFORM_TRANSMISSION_FROM = date(2018, 10, 5)


@dataclass(frozen=True)
class Deadline:
    code: DeadlineCode
    due: date
    legal_basis: str
    fatal: bool
    alert_on: date | None = None
    escalate_on: date | None = None
    description: str = ""
    rules: tuple[str, ...] = field(default=())
    met_on: date | None = None  # when the act was done, if the facts say so

    @property
    def late(self) -> bool:
        """The act was done, after the last day."""
        return self.met_on is not None and self.met_on > self.due

    @property
    def is_wait(self) -> bool:
        """A waiting period (``prosecutor_wait``): ``due`` is the first day the SA may act."""
        return self.code is DeadlineCode.PROSECUTOR_WAIT

    def overdue(self, today: date) -> bool:
        """The act is not done and its last day has passed (never for a waiting period)."""
        return not self.is_wait and self.met_on is None and today > self.due

    def level(self, today: date) -> str:
        """``met``, ``late``, ``overdue``, ``escalate``, ``alert`` or ``pending`` on ``today``.

        A waiting period is ``pending`` before its ``due`` and ``met`` from it.
        """
        if self.is_wait:
            return "met" if today >= self.due else "pending"
        if self.met_on is not None:
            return "late" if self.late else "met"
        if today > self.due:
            return "overdue"
        if self.escalate_on is not None and today >= self.escalate_on:
            return "escalate"
        if self.alert_on is not None and today >= self.alert_on:
            return "alert"
        return "pending"
