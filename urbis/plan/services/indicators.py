"""Indicators, targets and append-only measurements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.models import Area
from urbis.core.types import Actor, actor_user
from urbis.plan.models import (
    Indicator,
    Measurement,
    Objective,
    Target,
)


def indicator_create(
    *,
    actor: Actor,
    objective: Objective,
    targets: dict[int, Decimal] | None = None,
    **fields: Any,
) -> Indicator:
    """Create an indicator and its yearly targets in one transaction."""
    with transaction.atomic():
        indicator = Indicator(objective=objective, **fields)
        indicator.full_clean()
        indicator.save()
        for year, value in sorted((targets or {}).items()):
            Target.objects.create(indicator=indicator, year=year, value=value)
        record_event(
            actor=actor,
            action="plan.indicator_created",
            target=indicator,
            data={"code": indicator.code},
        )
    return indicator


def target_set(*, actor: Actor, indicator: Indicator, year: int, value: Decimal) -> Target:
    with transaction.atomic():
        target, _created = Target.objects.update_or_create(
            indicator=indicator, year=year, defaults={"value": value}
        )
        record_event(
            actor=actor,
            action="plan.target_set",
            target=indicator,
            data={"year": year, "value": str(value)},
        )
    return target


def indicator_range(indicator: Indicator) -> tuple[Decimal | None, Decimal | None]:
    """Valid values: the indicator's own bounds, else 0–100 for a percentage and at least 0
    for counts, rates and amounts (all Urbis indicators are non-negative by nature)."""
    low, high = indicator.minimum, indicator.maximum
    if indicator.unit.strip() in ("%", "percent", "procent", "pourcent"):
        low = Decimal(0) if low is None else low
        high = Decimal(100) if high is None else high
    return (Decimal(0) if low is None else low), high


def measurement_record(
    *,
    actor: Actor,
    indicator: Indicator,
    period_start: dt.date,
    period_end: dt.date,
    value: Decimal,
    source: str,
    base_n: int | None = None,
    ci: tuple[Decimal, Decimal] | None = None,
    area: Area | None = None,
    automatic: bool = False,
    note: str = "",
) -> Measurement:
    """Append a measurement (a correction is a new row; none is ever overwritten)."""
    errors: dict[str, list[str]] = {}
    low, high = indicator_range(indicator)
    if (low is not None and value < low) or (high is not None and value > high):
        errors["value"] = [
            _("%(value)s is outside the range of %(unit)s (%(low)s to %(high)s).")
            % {
                "value": value,
                "unit": indicator.unit,
                "low": "–" if low is None else low,
                "high": "–" if high is None else high,
            }
        ]
    if period_end < period_start:
        errors["period_end"] = [_("The period ends before it starts.")]
    if not source.strip():
        errors["source"] = [_("Say where the value comes from.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        measurement = Measurement.objects.create(
            indicator=indicator,
            period_start=period_start,
            period_end=period_end,
            value=value,
            base_n=base_n,
            ci_low=ci[0] if ci else None,
            ci_high=ci[1] if ci else None,
            area=area,
            source=source,
            automatic=automatic,
            note=note,
            entered_by=actor_user(actor),
        )
        record_event(
            actor=actor,
            action="plan.measurement_recorded",
            target=indicator,
            data={
                "value": str(value),
                "period_end": period_end.isoformat(),
                "automatic": automatic,
            },
        )
    return measurement
