"""Service-level due dates (pure): calendar or working days, Belgian public holidays.

Municipal policy, not law: each category sets ``days`` and whether they are working days.
Working days are those of ``urbis.core.calendar`` (Mon-Fri without the legal public holidays,
KB 18 April 1974) — Signalen counts Mon-Fri only (domain/reporting.md §5.4: add holidays).
Day 0 is the day of receipt; a report received on a non-working day counts from the next
working day (Signalen deadlines.py: "a report received at the weekend starts on Monday").
The at-risk margin is BELIEVED good practice, a setting (URBIS_REPORTS_AT_RISK_DAYS)."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from urbis.core import calendar


def due_date(received_on: date, *, days: int, working_days: bool) -> date:
    """The last day on which the report is still on time."""
    if days < 0:
        raise ValueError("days must be >= 0")
    if not working_days:
        return received_on + timedelta(days=days)
    start = calendar.roll_forward(received_on)
    return calendar.add_working_days(start, days) if days else start


class Flag(StrEnum):
    ON_TIME = "on_time"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"


def flag(due_on: date | None, today: date, *, at_risk_days: int, closed: bool = False) -> Flag:
    """Overdue after the due day; at risk within ``at_risk_days`` calendar days of it."""
    if due_on is None or closed:
        return Flag.ON_TIME
    if today > due_on:
        return Flag.OVERDUE
    if (due_on - today).days <= at_risk_days:
        return Flag.AT_RISK
    return Flag.ON_TIME
