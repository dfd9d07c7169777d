"""The life of a plan action: which status may follow which (pure, tested without a database).

An action is planned, runs, and ends done or stopped. No statute fixes these steps: the
table is the coordinator's working practice (docs/plan.md), kept here so that the page, the API
and the tests share it. The yearly evaluation of the plan reads each action's status history,
so a change is recorded with its date and author, never overwritten.
"""

from __future__ import annotations

PLANNED, RUNNING, DONE, STOPPED = "planned", "running", "done", "stopped"

# Allowed next statuses. A stopped action may be planned again (the council restores its
# budget); a done action may run again (a further edition in the same plan period).
NEXT: dict[str, frozenset[str]] = {
    PLANNED: frozenset({RUNNING, STOPPED}),
    RUNNING: frozenset({DONE, STOPPED}),
    DONE: frozenset({RUNNING}),
    STOPPED: frozenset({PLANNED}),
}


def allowed_next(status: str) -> frozenset[str]:
    """The statuses an action in ``status`` may move to (none for an unknown status)."""
    return NEXT.get(status, frozenset())


def may_change(current: str, new: str) -> bool:
    """Whether an action may go from ``current`` to ``new`` (staying put is no change)."""
    return new in allowed_next(current)
