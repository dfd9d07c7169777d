"""Ordered, first-match routing rules over category, area and time of day (pure).

Signalen ``RoutingExpression`` (domain/reporting.md §1.5): rules are evaluated in ``order`` and
the first match wins; a rule may name a person as well as a team. Municipal policy, not law:
the rules are data the city edits (no hard-coding, Signalen/frontend #72)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True)
class RouteRule:
    rule_id: int
    order: int
    team_id: int
    category: str | None = None  # category code; None = any
    area: str | None = None  # area code; None = anywhere
    start: time | None = None  # time window [start, end), may cross midnight
    end: time | None = None
    assignee_id: int | None = None


def in_window(at: time, start: time | None, end: time | None) -> bool:
    """True when ``at`` lies in [start, end); a window such as 22:00–06:00 crosses midnight."""
    if start is None or end is None:
        return True
    if start <= end:
        return start <= at < end
    return at >= start or at < end


def first_match(
    rules: Iterable[RouteRule], *, category: str, areas: frozenset[str], at: time
) -> RouteRule | None:
    """The first rule (by ``order``, then id) matching the report, or None."""
    for rule in sorted(rules, key=lambda r: (r.order, r.rule_id)):
        if rule.category is not None and rule.category != category:
            continue
        if rule.area is not None and rule.area not in areas:
            continue
        if not in_window(at, rule.start, rule.end):
            continue
        return rule
    return None
