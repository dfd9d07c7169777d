"""The honest statuses of a public-space report, as a transition table (pure: no Django).

Lessons behind the table (domain/reporting.md §1.4, §3):
- FixMyStreet #1339/#1340, #285: "closed" must not mean "fixed" — four distinct closed states.
- FixMyStreet #269/#4457: "not our responsibility" reads as a brush-off — it says to whom the
  report was forwarded, always.
- Signalen ``Status.clean()``: a text is required where the reporter must be told why
  (no action possible, reopened); FixMyStreet #897/#29: the reporter may say "not fixed".
- FixMyStreet PR #1581/#2839: a duplicate is merged into its original, both reporters are told.
History is append-only (ARCHITECTURE §4.7): every accepted transition inserts a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    NOT_COMPETENT = "not_competent"
    DUPLICATE = "duplicate"
    NO_ACTION = "no_action"
    REOPENED = "reopened"


class Actor(StrEnum):
    STAFF = "staff"  # the public-space service (desk or field team)
    REPORTER = "reporter"  # the citizen, through the private follow link
    SYSTEM = "system"


OPEN: frozenset[Status] = frozenset(
    {Status.NEW, Status.ACKNOWLEDGED, Status.PLANNED, Status.IN_PROGRESS, Status.REOPENED}
)
CLOSED: frozenset[Status] = frozenset(
    {Status.RESOLVED, Status.NOT_COMPETENT, Status.DUPLICATE, Status.NO_ACTION}
)


@dataclass(frozen=True)
class Rule:
    by: frozenset[Actor]
    text_required: bool = False  # the reporter must be told why
    needs: str = ""  # "forwarded_to" or "duplicate_of": the field the transition must name
    reason: str = ""  # why the rule exists (cited in the tests' ids)


_STAFF = frozenset({Actor.STAFF})
_WORK = {
    Status.ACKNOWLEDGED: Rule(_STAFF, reason="seen by the desk"),
    Status.PLANNED: Rule(_STAFF, reason="work is scheduled"),
    Status.IN_PROGRESS: Rule(_STAFF, reason="the team is on it"),
    Status.RESOLVED: Rule(_STAFF, reason="fixed (FMS #1339: distinct from other closures)"),
    Status.NOT_COMPETENT: Rule(
        _STAFF, text_required=True, needs="forwarded_to", reason="forwarded: to whom (FMS #269)"
    ),
    Status.DUPLICATE: Rule(_STAFF, needs="duplicate_of", reason="merged into the original"),
    Status.NO_ACTION: Rule(_STAFF, text_required=True, reason="reason required (Signalen)"),
}


def _from_open(current: Status) -> dict[Status, Rule]:
    rules = {to: rule for to, rule in _WORK.items() if to != current}
    if current not in (Status.NEW, Status.REOPENED):
        rules.pop(Status.ACKNOWLEDGED, None)  # acknowledging is the first step only
    return rules


_REOPEN_BY_STAFF = Rule(_STAFF, text_required=True, reason="reopened: why (Signalen HEROPEND)")
_REOPEN_BY_EITHER = Rule(
    frozenset({Actor.STAFF, Actor.REPORTER}),
    text_required=True,
    reason="reporter says not fixed (FMS #897)",
)

TRANSITIONS: dict[Status, dict[Status, Rule]] = {
    **{status: _from_open(status) for status in OPEN},
    Status.RESOLVED: {Status.REOPENED: _REOPEN_BY_EITHER},
    Status.NO_ACTION: {Status.REOPENED: _REOPEN_BY_EITHER},
    Status.NOT_COMPETENT: {Status.REOPENED: _REOPEN_BY_STAFF},
    Status.DUPLICATE: {Status.REOPENED: _REOPEN_BY_STAFF},
}


class TransitionError(ValueError):
    def __init__(self, field: str, code: str) -> None:
        super().__init__(code)
        self.field = field
        self.code = code


def check(
    current: Status,
    target: Status,
    *,
    by: Actor,
    text: str = "",
    forwarded_to: str = "",
    duplicate_of: object | None = None,
) -> Rule:
    """The rule allowing ``current`` → ``target`` for ``by``, or :class:`TransitionError`.

    Error codes: ``not_allowed`` (no such step, or not for this actor), ``text_required``,
    ``forwarded_to_required``, ``duplicate_of_required``."""
    rule = TRANSITIONS.get(current, {}).get(target)
    if rule is None or by not in rule.by:
        raise TransitionError("status", "not_allowed")
    if rule.text_required and not text.strip():
        raise TransitionError("text", "text_required")
    if rule.needs == "forwarded_to" and not forwarded_to.strip():
        raise TransitionError("forwarded_to", "forwarded_to_required")
    if rule.needs == "duplicate_of" and duplicate_of is None:
        raise TransitionError("duplicate_of", "duplicate_of_required")
    return rule


def allowed(current: Status, *, by: Actor) -> list[Status]:
    """The statuses ``by`` may move a report to from ``current``, in table order."""
    return [to for to, rule in TRANSITIONS.get(current, {}).items() if by in rule.by]


# Open311 GeoReport v2 knows only open/closed (spec "status"); the detailed status goes in
# status_notes, and the mySociety extension (open311-adapter Role/mySociety.pm) carries the
# extended status name in servicerequestupdates.
OPEN311_EXTENDED: dict[Status, str] = {
    Status.NEW: "open",
    Status.ACKNOWLEDGED: "investigating",
    Status.PLANNED: "action_scheduled",
    Status.IN_PROGRESS: "in_progress",
    Status.RESOLVED: "fixed",
    Status.NOT_COMPETENT: "not_councils_responsibility",
    Status.DUPLICATE: "duplicate",
    Status.NO_ACTION: "no_further_action",
    Status.REOPENED: "reopen",
}


def open311_status(status: Status) -> str:
    return "closed" if status in CLOSED else "open"
