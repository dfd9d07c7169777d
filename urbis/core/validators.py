"""Shared limits for user input: plausible dates, and the integer ranges of database columns.

Forms, serializers and models use the same validators, so a value the database would refuse
(or a date no real case can have) is a 400 naming the field, never a 500 or a silent record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

#: Column ranges (PostgreSQL; SQLite stores more but the same limits apply everywhere).
SMALLINT_MAX = 32767
INTEGER_MAX = 2147483647

#: Nobody alive was born before this date (a birth date before it is a typing error).
BIRTH_DATE_FLOOR = dt.date(1900, 1, 1)
#: The oldest offence, ascertainment or measurement any record can still be about.
PAST_DATE_FLOOR = dt.date(1990, 1, 1)
#: How far ahead a planned date (deadline, visit, target) may lie.
PLANNED_YEARS_AHEAD = 30


def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _today() -> dt.date:
    return timezone.localdate()


@deconstructible
class DateRangeValidator:
    """Refuse a date (or datetime) before ``floor`` or after today plus ``days_ahead`` days.

    ``days_ahead=0`` means "not in the future"; ``None`` for ``days_ahead`` means "no upper
    bound"."""

    def __init__(
        self, floor: dt.date, days_ahead: int | None = 0, message: str | None = None
    ) -> None:
        self.floor = floor
        self.days_ahead = days_ahead
        self.message = message

    def __call__(self, value: Any) -> None:
        day = _as_date(value)
        if day is None:
            return
        if day < self.floor:
            raise ValidationError(
                _("Enter a date on or after %(floor)s.") % {"floor": self.floor.isoformat()},
                code="date_too_early",
            )
        if self.days_ahead is not None:
            ceiling = _today() + dt.timedelta(days=self.days_ahead)
            if day > ceiling:
                if self.days_ahead == 0:
                    raise ValidationError(_("This date cannot be in the future."), code="future")
                raise ValidationError(
                    _("Enter a date on or before %(ceiling)s.") % {"ceiling": ceiling.isoformat()},
                    code="date_too_late",
                )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, DateRangeValidator)
            and self.floor == other.floor
            and self.days_ahead == other.days_ahead
        )

    def __hash__(self) -> int:
        return hash((self.floor, self.days_ahead))


#: A date of birth: after 1900 and not in the future.
validate_birth_date = DateRangeValidator(BIRTH_DATE_FLOOR)
#: An offence, ascertainment, receipt or measurement date: not before 1990, not in the future.
validate_past_date = DateRangeValidator(PAST_DATE_FLOOR)
#: A planned date (deadline, visit, target, due date): from 1990 up to 30 years ahead.
validate_planned_date = DateRangeValidator(PAST_DATE_FLOOR, days_ahead=PLANNED_YEARS_AHEAD * 366)


def smallint_range(minimum: int = 0, maximum: int = SMALLINT_MAX) -> list[Any]:
    """Validators for a (positive) small integer column."""
    return [MinValueValidator(minimum), MaxValueValidator(maximum)]


def integer_range(minimum: int = 0, maximum: int = INTEGER_MAX) -> list[Any]:
    """Validators for a (positive) integer column."""
    return [MinValueValidator(minimum), MaxValueValidator(maximum)]
