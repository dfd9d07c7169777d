"""Time computation of the Belgian Judicial Code (Ger.W. / Code judiciaire art. 52-54, 53bis).

- Art. 52: a term runs from midnight to midnight; it starts on the day *after* the act or event
  that triggers it and the last day (vervaldag / jour de l'échéance) is included.
- Art. 53: when the last day is a Saturday, a Sunday or a legal public holiday, it moves to the
  next working day.
- Art. 54: a term in months or years runs "from the Xth to the day before the Xth", X being the
  first day of the term (the day after the event). When the month of expiry has no day before
  the Xth (e.g. the term starts on 31 January), it ends on the last day of that month.
- Art. 53bis: a notification by letter counts from the third working day after the letter was
  handed to the postal services (applied to GAS letters by analogy — GAS-R19, BELIEVED, so the
  number of days is a parameter of ``deadlines``).

Legal public holidays are the ten days of the law (KB 18 April 1974): New Year, Easter Monday,
1 May, Ascension, Whit Monday, 21 July, 15 August, 1 and 11 November, Christmas — taken from the
``holidays`` package, whose default Belgian category is exactly these days (plus Easter and Whit
Sunday, which are Sundays anyway). Regional and bank holidays (11 July, 27 September, 26 December,
Good Friday) are working days for the Judicial Code.

gas.md §3.4 warns that whether art. 53 extends the municipality's *own* limitation terms is
uncertain: ``own_limit_months`` / ``own_limit_days`` give the conservative reading for those.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=128)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("BE", years=year).keys())


def is_public_holiday(day: date) -> bool:
    """True on a Belgian legal public holiday (art. 53 Ger.W.)."""
    return day in _public_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a legal public holiday (art. 53 Ger.W.)."""
    return day.weekday() < 5 and not is_public_holiday(day)


def next_working_day(day: date) -> date:
    """The first working day strictly after ``day``."""
    day += _ONE_DAY
    while not is_working_day(day):
        day += _ONE_DAY
    return day


def previous_working_day(day: date) -> date:
    """The last working day strictly before ``day``."""
    day -= _ONE_DAY
    while not is_working_day(day):
        day -= _ONE_DAY
    return day


def roll_forward(day: date) -> date:
    """``day`` itself if a working day, else the next one (art. 53 Ger.W.)."""
    return day if is_working_day(day) else next_working_day(day)


def roll_back(day: date) -> date:
    """``day`` itself if a working day, else the previous one (conservative own deadlines)."""
    return day if is_working_day(day) else previous_working_day(day)


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (art. 53bis: 3rd working day after posting)."""
    if count < 0:
        raise ValueError("count must be >= 0")
    for _ in range(count):
        day = next_working_day(day)
    return day


def add_months(day: date, months: int) -> date:
    """Same day of the month ``months`` later (quantième); the month's last day if it lacks it.

    31 January + 1 month = 28 (or 29) February.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_days(event: date, days: int) -> date:
    """Last day of a term of ``days`` days triggered on ``event`` (art. 52), not yet moved.

    The term starts the day after the event and the last day is included, so the last day is
    ``event + days``.
    """
    if days < 1:
        raise ValueError("a term has at least one day")
    return event + timedelta(days=days)


def month_term_end(event: date, months: int) -> date:
    """Last day of a term of ``months`` months triggered on ``event`` (art. 52 and 54), not moved.

    The term starts on X = the day after the event and ends on the day before the Xth of the
    month of expiry; when that month has no such day, on its last day.
    Notified 15 January, 1 month: 16 January → 15 February. Notified 31 January: 1 February →
    28/29 February. Notified 28 February 2023: 1 March → 31 March.
    """
    if months < 1:
        raise ValueError("a term has at least one month")
    start = event + _ONE_DAY
    first_of_expiry_month = add_months(start.replace(day=1), months)
    if start.day == 1:
        return first_of_expiry_month - _ONE_DAY
    last = calendar.monthrange(first_of_expiry_month.year, first_of_expiry_month.month)[1]
    return first_of_expiry_month.replace(day=min(start.day - 1, last))


def term_end(event: date, *, days: int = 0, months: int = 0) -> date:
    """Last day of a term for a party outside the administration (appeal, defence, payment).

    Art. 52/54 computation, then art. 53: a Saturday, Sunday or legal holiday moves to the next
    working day. Give exactly one of ``days`` or ``months``.
    """
    if (days > 0) == (months > 0):
        raise ValueError("give exactly one of days or months")
    last = add_days(event, days) if days else month_term_end(event, months)
    return roll_forward(last)


def own_limit_months(
    event: date, months: int, *, count_event_day: bool = True, roll_back_to_working_day: bool = True
) -> date:
    """Conservative last day of a limitation term the administration itself must respect.

    Takes the earliest of the readings found in practice (gas.md §3.7, §3.4): the Judicial Code
    computation (art. 52/54), the same date ``months`` later, and — when ``count_event_day`` —
    one day earlier (the day of the event counted as day one). Never extended by art. 53; with
    ``roll_back_to_working_day`` a last day falling on a non-working day moves *back*, since the
    decision must be signed and posted on a working day.
    """
    candidates = [month_term_end(event, months), add_months(event, months)]
    if count_event_day:
        candidates.append(add_months(event, months) - _ONE_DAY)
    last = min(candidates)
    return roll_back(last) if roll_back_to_working_day else last


def own_limit_days(
    event: date, days: int, *, count_event_day: bool = True, roll_back_to_working_day: bool = True
) -> date:
    """Conservative last day of a term in days the administration must respect (see months)."""
    last = add_days(event, days) - (_ONE_DAY if count_event_day else timedelta(0))
    return roll_back(last) if roll_back_to_working_day else last


def deemed_receipt(posted_on: date, working_days: int = 3) -> date:
    """Day a letter is deemed received: the ``working_days``-th working day after posting.

    Art. 53bis Ger.W. (3rd working day), applied to GAS letters by analogy (GAS-R19, BELIEVED).
    """
    return add_working_days(posted_on, working_days)


def age_on(birth: date, on: date) -> int:
    """Age in whole years on ``on``: the one age rule of Urbis (GAS minors, casework).

    A year of age is completed on the birthday itself (civil computation, the day of birth is
    counted whole); someone born on 29 February completes a year on 1 March in common years.
    """
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years
