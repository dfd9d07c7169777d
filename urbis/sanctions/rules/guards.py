"""The legal conditions of a step beyond the table (which only says *from where*): pure.

``refusals(edge, facts, on, actor)`` reads the case facts (``rules/deadlines.CaseFacts``, built
from the database by one adapter, ``sanctions/facts.py``) and returns every reason the law
forbids the step on ``on``; an empty list allows it. Each refusal names its rule (gas.md §9)
and carries a stable ``key`` and ``params``; ``sanctions/labels.py`` says it in the user's
language on the field it concerns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from urbis.sanctions.rules import amounts
from urbis.sanctions.rules.deadlines import (
    DEFAULT_PARAMETERS,
    CaseFacts,
    Deadline,
    DeadlineParameters,
    deadlines,
)
from urbis.sanctions.rules.eligibility import Refusal
from urbis.sanctions.rules.vocabulary import FIXED, MIXED, Procedure
from urbis.sanctions.rules.workflow import EDGES_BY_ACTION, Action, Edge, Via, Who

A = Action
#: Before the prosecutor's gate is cleared a mixed case may only go to or come from him.
PROSECUTOR_STEPS = frozenset(
    {
        A.FORWARD_TO_PROSECUTOR,
        A.PROSECUTOR_WAIVES,
        A.PROSECUTOR_SILENT,
        A.PROSECUTOR_PROSECUTES,
        A.TIME_BAR,
    }
)
#: Decisions that sanction a minor, who must first be heard (GAS-R11).
SANCTIONS = frozenset({A.DECIDE_FINE, A.DECIDE_WARNING})


@dataclass(frozen=True)
class ActorFacts:
    """Who takes the step: a user id (``None`` for the nightly sweep) and whether he holds
    the sanctioning official's role."""

    id: str | None
    official: bool


SYSTEM = ActorFacts(id=None, official=False)


@dataclass(frozen=True)
class Step:
    """Everything one guard reads."""

    edge: Edge
    facts: CaseFacts
    on: date
    actor: ActorFacts
    amount: Decimal | None
    rows: dict[str, Deadline]
    parameters: DeadlineParameters


def _r(rule: str, text: str, key: str, **params: object) -> Refusal:
    return Refusal(f"{rule}: {text}", key=key, **params)


def _who(step: Step) -> list[Refusal]:
    if step.edge.who is Who.OFFICIAL and not step.actor.official:
        return [_r("GAS-R49", "only the sanctioning official decides", "official_only")]
    return []


def _dates(step: Step, today: date) -> list[Refusal]:
    """A step happens today or was missed on a past day — never in the future, never before
    the facts were ascertained."""
    if step.on > today:
        return [_r("art. 25", "this date is in the future", "future")]
    ascertained = step.facts.ascertained_on or step.facts.limitation_start
    if step.on < ascertained:
        return [_r("art. 25", "this date is before the ascertainment", "before_ascertainment")]
    return []


def prosecutor_gate(step: Step) -> list[Refusal]:
    """GAS-R14/R15 (art. 23): without a protocol, a mixed case stays with the prosecutor until
    he waives (art. 3 1° and 2°) or stays silent for two months (art. 3 2° only)."""
    f = step.facts
    if f.procedure not in MIXED or step.edge.action in PROSECUTOR_STEPS:
        return []
    if not f.protocol_agreement and f.prosecutor_answer_on is None:
        return [_r("GAS-R14/R15", "the prosecutor must first waive or stay silent", "gate")]
    return []


def prosecutor_wait(step: Step) -> list[Refusal]:
    """GAS-R14 (art. 23): the prosecutor has two months (``due``: first day the SA may act)."""
    wait = step.rows.get("prosecutor_wait")
    if wait is None or step.on < wait.due:
        day = wait.due if wait else None
        return [_r("GAS-R14", f"the prosecutor has two months, until {day}", "wait", day=day)]
    return []


def _limit_passed(step: Step) -> list[Refusal]:
    """GAS-R21..R23 (art. 26): no fine (nor an alternative reviving it) after the limit."""
    limit = step.rows.get("decision_limit")
    if limit is not None and step.on > limit.due:
        return [_r("GAS-R21", f"the decision limit passed on {limit.due}", "limit", day=limit.due)]
    return []


def decision(step: Step) -> list[Refusal]:
    """Art. 25-28: who decides (GAS-R49), within the limit (R21), after the opening letter
    (R17), the defence term (R18/R31/R41) and any scheduled hearing (R20); a minor is heard
    first (R11)."""
    f, on = step.facts, step.on
    found: list[Refusal] = []
    # GAS-R49: the sanctioning official is never the ascertaining officer or the mediator.
    if step.actor.id is not None and step.actor.id in {f.ascertaining_officer, f.mediator}:
        found.append(_r("GAS-R49", "the ascertainer or mediator may not decide", "roles"))
    found += _limit_passed(step)
    if f.opening_letter_posted_on is None:
        found.append(_r("GAS-R17", "send the opening letter or notice first", "not_opened"))
    defence = step.rows.get("defence")
    if f.defence_received_on is None and defence is not None and on <= defence.due:
        found.append(
            _r("GAS-R18", f"the defence term runs until {defence.due}", "defence", day=defence.due)
        )
    if any(day > on for day in f.hearings_pending_on):
        found.append(_r("GAS-R20", "the hearing has not taken place yet", "hearing_pending"))
    if f.minor and step.edge.action in SANCTIONS and not _heard(step):
        found.append(_r("GAS-R11", "a minor is heard before any sanction", "minor_heard"))
    return found


def _heard(step: Step) -> bool:
    """GAS-R11 (art. 25 §4): the minor was heard, or — where the municipality accepts it —
    was summoned and did not appear or waived the hearing, documented in the minutes."""
    f = step.facts
    return f.hearing_held or (f.hearing_waived and step.parameters.minor_hearing_waiver_allowed)


def alternative(step: Step) -> list[Refusal]:
    """Art. 4 §2, 9-12 (GAS-R06..R08, R22): provided by the regulation, proposed before the
    limit (it extends a running limit, it cannot revive a lapsed one); for a minor, mediation
    is offered before community service."""
    f, action = step.facts, step.edge.action
    found: list[Refusal] = []
    provided = (
        f.mediation_provided if action is A.PROPOSE_MEDIATION else f.community_service_provided
    )
    if not provided:
        found.append(_r("art. 4 §2", "the regulation does not provide this measure", "measure"))
    if f.alternative_proposed_on is None:
        found += _limit_passed(step)
    if action is A.PROPOSE_COMMUNITY_SERVICE and f.minor and not f.mediation_offered:
        found.append(_r("GAS-R08", "a minor must first be offered mediation", "mediation_first"))
    return found


def payment_terms(step: Step) -> list[Refusal]:
    """GAS-R23 (art. 26 as amended 11 Dec 2023): payment terms are agreed once, within the
    mediation and before its 12-month limit has passed."""
    if step.facts.mediation_payment_terms_agreed:
        return [_r("GAS-R23", "payment terms were already agreed", "terms_agreed")]
    return _limit_passed(step)


def fine(step: Step) -> list[Refusal]:
    """GAS-R08 (art. 18): a minor is offered mediation first; GAS-R01..R03 and the
    regulation's ceiling for a discretionary fine; fixed amounts are not chosen (§2.4, §2.5)."""
    f = step.facts
    found: list[Refusal] = []
    if f.minor and not f.mediation_offered:
        found.append(_r("GAS-R08", "a minor must first be offered mediation", "mediation_first"))
    if f.procedure in FIXED:
        return found
    if step.amount is None or step.amount <= 0:
        return [*found, _r("GAS-R01", "state the amount of the fine", "amount_missing")]
    offence_on = f.offence_on or f.limitation_start
    legal_max = amounts.max_fine(offence_on, minor=f.minor).value
    ceiling = min(legal_max, f.article_max_fine or legal_max)
    if step.amount > ceiling:
        found.append(
            _r("GAS-R01..R03", f"at most {ceiling} for this case", "amount_max", max=ceiling)
        )
    return found


def enforcement(step: Step) -> list[Refusal]:
    """GAS-R27/R28 (art. 30, 33): only a decided, notified, unappealed, unpaid fine whose
    appeal term has run out goes to collection — and only within its collection limit; not
    one paid in instalments."""
    f, on = step.facts, step.on
    if f.decided_on is None or not f.amount:
        return [_r("GAS-R27", "only a decided fine can be enforced", "not_decided")]
    found: list[Refusal] = []
    if f.appealed:
        found.append(_r("GAS-R27", "the fine was appealed", "appealed"))
    appeal = step.rows.get("appeal")
    if appeal is not None and on <= appeal.due:
        found.append(
            _r("GAS-R26", f"the appeal term runs until {appeal.due}", "appeal", day=appeal.due)
        )
    limit = step.rows.get("collection_limit")
    if limit is not None and on > limit.due:
        found.append(
            _r(
                "GAS-R28",
                f"the collection limit passed on {limit.due}",
                "collection",
                day=limit.due,
            )
        )
    if f.amount_paid >= f.amount:
        found.append(_r("GAS-R25", "this fine is paid", "paid"))
    if f.instalments:
        found.append(_r("GAS-R25", "this fine is paid in instalments", "instalments"))
    return found


def lapse(step: Step) -> list[Refusal]:
    """Art. 26: only an undecided case can lapse."""
    if step.facts.decided_on is not None:
        return [_r("GAS-R21", "a decided case cannot lapse", "decided")]
    return []


Guard = Callable[[Step], list[Refusal]]
#: The guards of each action (beyond the common ones: form, role, dates, prosecutor gate).
GUARDS: dict[Action, tuple[Guard, ...]] = {
    A.DECIDE_FINE: (decision, fine),
    A.DECIDE_WARNING: (decision,),
    A.DECIDE_NO_FOLLOW_UP: (decision,),
    A.PROPOSE_MEDIATION: (alternative,),
    A.PROPOSE_COMMUNITY_SERVICE: (alternative,),
    A.AGREE_PAYMENT_TERMS: (payment_terms,),
    A.PROSECUTOR_SILENT: (prosecutor_wait,),
    A.TIME_BAR: (lapse,),
    A.EXPORT_FOR_ENFORCEMENT: (enforcement,),
}


def _step(
    edge: Edge,
    facts: CaseFacts,
    on: date,
    actor: ActorFacts,
    amount: Decimal | None,
    parameters: DeadlineParameters,
) -> Step:
    rows = {row.code.value: row for row in deadlines(facts, parameters)}
    return Step(edge, facts, on, actor, amount, rows, parameters)


def enforcement_refusals(
    facts: CaseFacts, on: date, parameters: DeadlineParameters = DEFAULT_PARAMETERS
) -> list[Refusal]:
    """GAS-R25..R28: why this fine cannot be handed over for collection on ``on``."""
    edge = EDGES_BY_ACTION[A.EXPORT_FOR_ENFORCEMENT][0]
    return enforcement(_step(edge, facts, on, SYSTEM, None, parameters))


def refusals(
    edge: Edge,
    facts: CaseFacts,
    on: date,
    actor: ActorFacts,
    *,
    today: date | None = None,
    via: Via = Via.STEP,
    amount: Decimal | None = None,
    parameters: DeadlineParameters = DEFAULT_PARAMETERS,
) -> list[Refusal]:
    """Every reason the law forbids taking ``edge`` on ``on`` (empty: allowed).

    ``via`` says how the step is asked for: a bare step (page button, API transition) or the
    form of the service that records what it needs; ``today`` bounds ``on`` (default ``on``).
    """
    if edge.via is Via.FORM and via is Via.STEP:
        return [_r("art. 25", "this step is recorded with its own form", "own_form")]
    step = _step(edge, facts, on, actor, amount, parameters)
    found = _who(step) + _dates(step, today or on) + prosecutor_gate(step)
    for guard in GUARDS.get(edge.action, ()):
        found += guard(step)
    return found


def community_service_refusals(hours: int, *, minor: bool) -> list[Refusal]:
    """GAS-R06 (art. 4 §2, art. 9-11): at most 30 hours for an adult, 15 for a minor."""
    cap = amounts.community_service_max_hours(minor)
    if hours < 1 or hours > cap:
        return [_r("GAS-R06", f"between 1 and {cap} hours", "service_hours", max=cap)]
    return []


__all__ = [
    "SYSTEM",
    "ActorFacts",
    "Procedure",
    "Refusal",
    "community_service_refusals",
    "refusals",
]
