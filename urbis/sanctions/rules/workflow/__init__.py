"""The GAS case workflow as one table (ARCHITECTURE §4.5): pure, no database, no Django.

One row (``Edge``) is one legal step: the action, where it may start, where it leads, the
procedures it applies to, who may take it, whether a bare step may take it or only the form
that records what it needs, the letter it produces, the case facts it sets and its legal basis
(copied onto the history row). The conditions beyond the table are the pure guards of
``rules/guards.py``. The specification is ``domain/gas.md`` (rules GAS-R01 … R53); "law" is
the Law of 24 June 2013 on municipal administrative sanctions, as amended. Labels of the
actions are in ``sanctions/labels.py`` (keyed by :class:`Action`).
"""

from __future__ import annotations

from urbis.sanctions.rules.vocabulary import DISCRETIONARY, FIXED, MIXED, Procedure
from urbis.sanctions.rules.workflow.table import (
    AWAITING_DECISION,
    DECIDABLE,
    DECISIONS,
    EDGES,
    EDGES_BY_ACTION,
    OPEN_STATUSES,
    REGISTER_LEGAL_BASIS,
    UNDECIDED,
)
from urbis.sanctions.rules.workflow.terms import (
    ALL,
    FINAL,
    SETTABLE,
    Action,
    Edge,
    Letter,
    Outcome,
    Status,
    Via,
    Who,
)

__all__ = [
    "ALL",
    "AWAITING_DECISION",
    "DECIDABLE",
    "DECISIONS",
    "DISCRETIONARY",
    "EDGES",
    "EDGES_BY_ACTION",
    "FINAL",
    "FIXED",
    "MIXED",
    "OPEN_STATUSES",
    "REGISTER_LEGAL_BASIS",
    "SETTABLE",
    "UNDECIDED",
    "Action",
    "Edge",
    "Letter",
    "Outcome",
    "Procedure",
    "Status",
    "TransitionRefused",
    "Via",
    "Who",
    "allowed",
    "check",
]


class TransitionRefused(ValueError):
    """The table does not allow this action here; the message names the rule."""

    def __init__(self, message: str, *, key: str = "not_from_here") -> None:
        super().__init__(message)
        self.key = key


def _fits(edge: Edge, procedure: str, minor: bool) -> bool:
    return (
        procedure in edge.procedures
        and not (edge.minors_only and not minor)
        and not (edge.adults_only and minor)
    )


def allowed(status: str, procedure: str, *, minor: bool) -> list[Edge]:
    """Edges that may be taken from ``status`` for a case of ``procedure``."""
    return [edge for edge in EDGES if status in edge.sources and _fits(edge, procedure, minor)]


def check(action: str, status: str, procedure: str, *, minor: bool) -> Edge:
    """Return the edge for ``action`` or raise :class:`TransitionRefused` naming why."""
    try:
        edges = EDGES_BY_ACTION[Action(action)]
    except ValueError:
        raise TransitionRefused(f"unknown action {action!r}", key="unknown") from None
    for edge in edges:
        if procedure not in edge.procedures:
            continue
        if edge.minors_only and not minor:
            raise TransitionRefused(
                f"{action}: for minors only ({edge.legal_basis})", key="minors_only"
            )
        if edge.adults_only and minor:
            # GAS-R05: parking and speeding GAS only for adults or legal persons.
            raise TransitionRefused(
                f"{action}: not for minors (GAS-R05; {edge.legal_basis})", key="adults_only"
            )
        if status in edge.sources:
            return edge
    raise TransitionRefused(
        f"{action} is not allowed from {status} in the {procedure} procedure "
        f"(allowed: {', '.join(e.action for e in allowed(status, procedure, minor=minor)) or '—'})"
    )
