"""The GAS case workflow as a transition table (ARCHITECTURE §4.5): pure, no database.

Each edge names the procedures it applies to and cites its legal basis. The specification is
``domain/gas.md`` (rules GAS-R01 … R53); "law" is the Law of 24 June 2013 on municipal
administrative sanctions, as amended. Services call :func:`check` before every status change,
so a transition the table does not allow is refused with the rule it breaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Procedure(StrEnum):
    """Explicit procedure types, not the practitioners' inconsistent "GAS 1–5" numbers (§2)."""

    GENERAL = "general"  # purely administrative infringements, art. 2 §1
    MIXED_LIGHT = "mixed_light"  # mixed infringements of art. 3 2°
    MIXED_HEAVY = "mixed_heavy"  # mixed infringements of art. 3 1°
    PARKING = "parking"  # stopping/parking, C3/F103/F111 cameras, art. 3 3° and art. 29
    SPEEDING = "speeding"  # limited speeding, art. 29quater WVW (Flanders, since 1 Feb 2021)


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


OPEN_STATUSES = frozenset(Status) - {
    Status.PAID,
    Status.CLOSED,
    Status.TIME_BARRED,
    Status.ENFORCEMENT,
}
#: Statuses in which no fine has been decided yet (the decision limit applies); for stopping,
#: parking and speeding also the invitation and reminder states while ``decided_on`` is empty.
UNDECIDED = frozenset(
    {
        Status.RECEIVED,
        Status.AWAITING_PROSECUTOR,
        Status.OPENED,
        Status.DEFENCE_RECEIVED,
        Status.HEARING_SCHEDULED,
        Status.PARENTAL_INVOLVEMENT,
        Status.MEDIATION,
        Status.COMMUNITY_SERVICE,
    }
)

#: Where the nightly sweep and the at-risk queue look (with no decision recorded yet).
AWAITING_DECISION = UNDECIDED | {Status.SECOND_INVITATION, Status.REMINDER}


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


ALL = frozenset(Procedure)
MIXED = frozenset({Procedure.MIXED_LIGHT, Procedure.MIXED_HEAVY})
DISCRETIONARY = frozenset({Procedure.GENERAL, Procedure.MIXED_LIGHT, Procedure.MIXED_HEAVY})
FIXED = frozenset({Procedure.PARKING, Procedure.SPEEDING})


@dataclass(frozen=True)
class Edge:
    action: str
    sources: frozenset[Status]
    target: Status
    procedures: frozenset[Procedure]
    legal_basis: str
    outcome: Outcome | None = None
    minors_only: bool = False
    adults_only: bool = False


def _s(*statuses: Status) -> frozenset[Status]:
    return frozenset(statuses)


DECIDABLE = _s(
    Status.OPENED,
    Status.DEFENCE_RECEIVED,
    Status.HEARING_SCHEDULED,
    Status.PARENTAL_INVOLVEMENT,
)

EDGES: tuple[Edge, ...] = (
    # -- prosecutor gate for mixed infringements (GAS-R14, R15; art. 23) --------------------
    Edge(
        "forward_to_prosecutor",
        _s(Status.RECEIVED),
        Status.AWAITING_PROSECUTOR,
        MIXED,
        "art. 22 §2: the PV of a mixed infringement also goes to the public prosecutor",
    ),
    Edge(
        "prosecutor_waives",
        _s(Status.AWAITING_PROSECUTOR),
        Status.RECEIVED,
        MIXED,
        "art. 23 (GAS-R15): the prosecutor informs the SA he will not prosecute",
    ),
    Edge(
        "prosecutor_silent",
        _s(Status.AWAITING_PROSECUTOR),
        Status.RECEIVED,
        frozenset({Procedure.MIXED_LIGHT}),
        "art. 23 (GAS-R14): art. 3 2° — no news within two months of receipt of the PV",
    ),
    Edge(
        "prosecutor_prosecutes",
        _s(Status.AWAITING_PROSECUTOR),
        Status.CLOSED,
        MIXED,
        "art. 23: the prosecutor keeps the case; no administrative procedure",
        outcome=Outcome.PROSECUTED,
    ),
    # -- opening --
    Edge(
        "send_opening_letter",
        _s(Status.RECEIVED),
        Status.OPENED,
        DISCRETIONARY,
        "art. 25 (GAS-R17): registered letter with facts, qualification, rights, 15-day defence",
    ),
    Edge(
        "send_parking_notice",
        _s(Status.RECEIVED),
        Status.OPENED,
        frozenset({Procedure.PARKING}),
        "art. 29 §1 (GAS-R30, R31): ordinary letter with the facts and the fixed fine; 30 days",
        adults_only=True,
    ),
    Edge(
        "send_speed_notice",
        _s(Status.RECEIVED),
        Status.OPENED,
        frozenset({Procedure.SPEEDING}),
        "art. 29quater WVW (GAS-R40, R41): PV and amount within 14 days; 30 days to pay or defend",
        adults_only=True,
    ),
    # -- defence and hearing (art. 25, GAS-R18, R20, R36) -----------------------------------
    Edge(
        "record_defence",
        _s(Status.OPENED, Status.SECOND_INVITATION, Status.PARENTAL_INVOLVEMENT),
        Status.DEFENCE_RECEIVED,
        ALL,
        "art. 25 §2 / art. 29 §2: written defence within the term",
    ),
    Edge(
        "schedule_hearing",
        _s(Status.OPENED, Status.DEFENCE_RECEIVED, Status.PARENTAL_INVOLVEMENT),
        Status.HEARING_SCHEDULED,
        ALL,
        "art. 25 §2 (GAS-R20): oral hearing if the envisaged fine exceeds EUR 70; minors always",
    ),
    Edge(
        "reject_defence",
        _s(Status.DEFENCE_RECEIVED, Status.HEARING_SCHEDULED),
        Status.SECOND_INVITATION,
        frozenset({Procedure.PARKING}),
        "art. 29 (GAS-R32): defence rejected — new invitation to pay within 30 days",
    ),
    # -- minors (art. 14-19, GAS-R08..R11) ---------------------------------------------------
    Edge(
        "start_parental_involvement",
        _s(Status.OPENED, Status.DEFENCE_RECEIVED, Status.HEARING_SCHEDULED),
        Status.PARENTAL_INVOLVEMENT,
        DISCRETIONARY,
        "art. 17: parents heard, educational measures proposed",
        minors_only=True,
    ),
    # -- alternative measures (art. 4 §2, art. 9-12, GAS-R06, R08, R22) ------------------------
    Edge(
        "propose_mediation",
        _s(Status.RECEIVED) | DECIDABLE,
        Status.MEDIATION,
        DISCRETIONARY,
        "art. 4 §2, art. 12 and 18 (GAS-R08): local mediation; mandatory offer for minors",
    ),
    Edge(
        "mediation_succeeded",
        _s(Status.MEDIATION),
        Status.CLOSED,
        DISCRETIONARY,
        "art. 12: successful mediation — no fine",
        outcome=Outcome.MEDIATION_SUCCEEDED,
    ),
    Edge(
        "mediation_failed",
        _s(Status.MEDIATION),
        Status.OPENED,
        DISCRETIONARY,
        "art. 12 and 18: mediation refused or failed — community service or fine",
    ),
    Edge(
        "propose_community_service",
        DECIDABLE | _s(Status.MEDIATION),
        Status.COMMUNITY_SERVICE,
        DISCRETIONARY,
        "art. 4 §2, art. 9-11 (GAS-R06): with consent; max 30 h adults, 15 h minors",
    ),
    Edge(
        "service_performed",
        _s(Status.COMMUNITY_SERVICE),
        Status.CLOSED,
        DISCRETIONARY,
        "art. 11: community service performed — no fine",
        outcome=Outcome.SERVICE_PERFORMED,
    ),
    Edge(
        "service_not_performed",
        _s(Status.COMMUNITY_SERVICE),
        Status.OPENED,
        DISCRETIONARY,
        "art. 11: community service refused or not performed — the SA may fine",
    ),
    # -- decision (art. 7, 27-28) ------------------------------------------------------------------
    Edge(
        "decide_fine",
        DECIDABLE,
        Status.DECIDED,
        ALL,
        "art. 4 §1 1°, art. 7, art. 27-28 (GAS-R01..R03, R24): fine, registered notification",
        outcome=Outcome.FINE,
    ),
    Edge(
        "decide_fine",
        _s(Status.SECOND_INVITATION, Status.REMINDER),
        Status.DECIDED,
        FIXED,
        "art. 29 (GAS-R32): unpaid after the invitation and the reminder — the fixed fine is "
        "decided and notified",
        outcome=Outcome.FINE,
    ),
    Edge(
        "decide_warning",
        DECIDABLE,
        Status.CLOSED,
        DISCRETIONARY,
        "art. 27: warning without fine",
        outcome=Outcome.WARNING,
    ),
    Edge(
        "decide_no_follow_up",
        DECIDABLE | _s(Status.RECEIVED, Status.SECOND_INVITATION),
        Status.CLOSED,
        ALL,
        "art. 27: no follow-up (defence accepted, facts not established, no identification)",
        outcome=Outcome.NO_FOLLOW_UP,
    ),
    # -- college sanctions (art. 45, GAS-R29) --
    Edge(
        "college_warning",
        _s(Status.RECEIVED),
        Status.COLLEGE_WARNED,
        frozenset({Procedure.GENERAL}),
        "art. 45 (GAS-R29): prior warning before suspension, withdrawal or closure",
    ),
    Edge(
        "college_suspension",
        _s(Status.COLLEGE_WARNED),
        Status.CLOSED,
        frozenset({Procedure.GENERAL}),
        "art. 4 §1 2° and art. 45: suspension of a permit by the college",
        outcome=Outcome.SUSPENSION,
    ),
    Edge(
        "college_withdrawal",
        _s(Status.COLLEGE_WARNED),
        Status.CLOSED,
        frozenset({Procedure.GENERAL}),
        "art. 4 §1 3° and art. 45: withdrawal of a permit by the college",
        outcome=Outcome.WITHDRAWAL,
    ),
    Edge(
        "college_closure",
        _s(Status.COLLEGE_WARNED),
        Status.CLOSED,
        frozenset({Procedure.GENERAL}),
        "art. 4 §1 4° and art. 45: temporary or definitive closure by the college",
        outcome=Outcome.CLOSURE,
    ),
    # -- payment, reminders, enforcement (art. 29-30, GAS-R25, R27, R28, R32) ----------------------
    Edge(
        "payment_received",
        _s(Status.OPENED, Status.SECOND_INVITATION, Status.DECIDED, Status.REMINDER),
        Status.PAID,
        ALL,
        "art. 30 (GAS-R25): the fine is paid in full",
        outcome=Outcome.PAID,
    ),
    Edge(
        "send_reminder",
        _s(Status.OPENED, Status.SECOND_INVITATION, Status.DECIDED),
        Status.REMINDER,
        FIXED,
        "art. 29 (GAS-R32): unpaid after the term — reminder with a new 30-day term",
    ),
    Edge(
        "send_reminder",
        _s(Status.DECIDED),
        Status.REMINDER,
        DISCRETIONARY,
        "art. 30 (GAS-R25): the decided fine is unpaid after the payment term — reminder",
    ),
    Edge(
        "export_for_enforcement",
        _s(Status.REMINDER, Status.DECIDED),
        Status.ENFORCEMENT,
        ALL,
        "art. 30 (GAS-R27, R28): enforceable decision, collection within five years",
    ),
    # -- appeal (art. 31, GAS-R11, R26, R44) -----------------------------------------------------
    Edge(
        "lodge_appeal",
        _s(Status.DECIDED, Status.REMINDER),
        Status.IN_APPEAL,
        ALL,
        "art. 31 (GAS-R26): police court (youth court for minors) within one month",
    ),
    Edge(
        "appeal_confirmed",
        _s(Status.IN_APPEAL),
        Status.DECIDED,
        ALL,
        "art. 31: the court confirms or reforms the fine (final judgment)",
    ),
    Edge(
        "appeal_annulled",
        _s(Status.IN_APPEAL),
        Status.CLOSED,
        ALL,
        "art. 31: the court annuls the decision",
        outcome=Outcome.APPEAL_ANNULLED,
    ),
    # -- the case nobody may lose (art. 26, GAS-R21..R23): recorded, never silently ---------------
    Edge(
        "time_bar",
        UNDECIDED | _s(Status.SECOND_INVITATION, Status.REMINDER),
        Status.TIME_BARRED,
        ALL,
        "art. 26 (GAS-R21..R23): no decision within the limit — the power to fine has lapsed",
        outcome=Outcome.TIME_BARRED,
    ),
)

EDGES_BY_ACTION: dict[str, tuple[Edge, ...]] = {}
for _edge in EDGES:
    EDGES_BY_ACTION.setdefault(_edge.action, ())
    EDGES_BY_ACTION[_edge.action] += (_edge,)


class TransitionRefused(ValueError):
    """The table does not allow this action here; the message names the rule."""


def allowed(status: str, procedure: str, *, minor: bool) -> list[Edge]:
    """Edges that may be taken from ``status`` for a case of ``procedure``."""
    return [
        edge
        for edge in EDGES
        if status in edge.sources
        and procedure in edge.procedures
        and not (edge.minors_only and not minor)
        and not (edge.adults_only and minor)
    ]


def check(action: str, status: str, procedure: str, *, minor: bool) -> Edge:
    """Return the edge for ``action`` or raise :class:`TransitionRefused` naming why."""
    edges = EDGES_BY_ACTION.get(action)
    if not edges:
        raise TransitionRefused(f"unknown action {action!r}")
    for edge in edges:
        if procedure not in edge.procedures:
            continue
        if edge.minors_only and not minor:
            raise TransitionRefused(f"{action}: for minors only ({edge.legal_basis})")
        if edge.adults_only and minor:
            # GAS-R05: parking and speeding GAS only for adults or legal persons.
            raise TransitionRefused(f"{action}: not for minors (GAS-R05; {edge.legal_basis})")
        if status in edge.sources:
            return edge
    raise TransitionRefused(
        f"{action} is not allowed from {status} in the {procedure} procedure "
        f"(allowed: {', '.join(e.action for e in allowed(status, procedure, minor=minor)) or '—'})"
    )
