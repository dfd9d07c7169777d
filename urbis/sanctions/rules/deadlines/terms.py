"""What every deadline rule uses: the no-op marker of legal bases, a letter's receipt, and a
term the administration must itself respect (with its alert and escalation dates)."""

from __future__ import annotations

import math
from datetime import date, timedelta
from fractions import Fraction

from urbis.core import calendar
from urbis.sanctions.rules.deadlines.facts import (
    Deadline,
    DeadlineCode,
    DeadlineParameters,
)


def gettext_noop(s: str) -> str:
    """Mark a legal basis for translation while the module stays pure: ``makemessages``
    extracts the literal (``--keyword=gettext_noop``); the page says it with ``gas_text``."""
    return s


def _share_of_term(start: date, due: date, months: int | None, share: Fraction) -> date:
    """The date at ``share`` of a term (GAS-R53): whole months when they fall on a month, else
    interpolated in days between the surrounding month dates (or within a term in days)."""
    if months is not None:
        position = share * months
        whole = math.floor(position)
        lower = calendar.add_months(start, whole)
        if position == whole:
            return min(lower, due)
        upper = calendar.add_months(start, whole + 1)
        offset = math.floor((position - whole) * (upper - lower).days)
        return min(lower + timedelta(days=offset), due)
    return start + timedelta(days=math.floor(share * (due - start).days))


def _own(
    code: DeadlineCode,
    *,
    start: date,
    legal_basis: str,
    fatal: bool,
    description: str,
    rules: tuple[str, ...],
    p: DeadlineParameters,
    months: int | None = None,
    days: int | None = None,
) -> Deadline:
    """A deadline the administration (or the police) must itself respect."""
    if months is not None:
        due = calendar.own_limit_months(
            start,
            months,
            count_event_day=p.limitation_counts_event_day,
            roll_back_to_working_day=p.own_deadlines_roll_back,
        )
    elif days is not None:
        due = calendar.own_limit_days(
            start,
            days,
            count_event_day=p.limitation_counts_event_day,
            roll_back_to_working_day=p.own_deadlines_roll_back,
        )
    else:  # pragma: no cover - programming error
        raise ValueError("months or days")
    return Deadline(
        code=code,
        due=due,
        legal_basis=legal_basis,
        fatal=fatal,
        alert_on=_share_of_term(start, due, months, p.alert_fraction),
        escalate_on=_share_of_term(start, due, months, p.escalate_fraction),
        description=description,
        rules=rules,
    )


def _received(posted: date | None, received: date | None, p: DeadlineParameters) -> date | None:
    """Notification date of a letter: deemed receipt (GAS-R19), or the actual one if later."""
    if posted is None:
        return received
    deemed = calendar.deemed_receipt(posted, p.deemed_receipt_working_days)
    return max(deemed, received) if received is not None else deemed
