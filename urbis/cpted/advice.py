"""Recommendation lifecycle: the allowed status changes as a table (pure, no database).

domain/cpted.md §5.5: status open | accepted | rejected (with motivation) | implemented |
verified; a motivation is required for ``rejected`` so that every piece of advice can be traced
when the final design goes to the college (Overlasttoets' second advice on the definitief
ontwerp, §1.1). Requirement levels follow PKVW's eis / aanbeveling (§1.3).
"""

from __future__ import annotations

OPEN, ACCEPTED, REJECTED, IMPLEMENTED, VERIFIED = (
    "open",
    "accepted",
    "rejected",
    "implemented",
    "verified",
)

#: from-status → the statuses it may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    OPEN: (ACCEPTED, REJECTED),
    ACCEPTED: (IMPLEMENTED, REJECTED),
    REJECTED: (OPEN,),  # reopened, e.g. when the college asks to reconsider
    IMPLEMENTED: (VERIFIED, ACCEPTED),  # verification failed: back to accepted
    VERIFIED: (),
}

#: Statuses in which advice is still open for the phase gate (final design approval).
UNRESOLVED = (OPEN,)
#: Statuses carried to the next phase when the project moves on.
CARRIED = (OPEN, ACCEPTED)


class TransitionError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def check_transition(current: str, new: str, motivation: str = "") -> None:
    """Raise :class:`TransitionError` (naming the field) for a change the table refuses."""
    if new not in TRANSITIONS.get(current, ()):
        raise TransitionError("status", f"cannot go from {current} to {new}")
    if new == REJECTED and not motivation.strip():
        raise TransitionError("motivation", "a rejection needs a motivation")
