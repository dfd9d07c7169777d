"""Nightly: automatic indicators from the providers other modules register in core."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from urbis.core import indicators as providers
from urbis.core.nightly import nightly_job
from urbis.plan import services
from urbis.plan.models import Indicator


def compute_automatic_indicators(today: dt.date | None = None) -> str:
    """For each indicator with a provider, record the value for the year to date, unless the
    same value was already recorded for that period (measurements are append-only)."""
    day = today or timezone.localdate()
    start = dt.date(day.year, 1, 1)
    recorded = skipped = 0
    for indicator in Indicator.objects.exclude(provider_code=""):
        provider = providers.provider(indicator.provider_code)
        if provider is None:
            skipped += 1
            continue
        result = provider.compute(start, day)
        if result.value is None:
            skipped += 1
            continue
        value = Decimal(str(round(result.value, 4)))
        last = indicator.measurements.filter(period_start=start, period_end=day).last()
        if last is not None and last.value == value:
            continue
        services.measurement_record(
            actor=None,
            indicator=indicator,
            period_start=start,
            period_end=day,
            value=value,
            base_n=result.base_n,
            source=f"{provider.code}: {result.source}",
            automatic=True,
        )
        recorded += 1
    return f"{recorded} automatic measurements recorded, {skipped} skipped"


@nightly_job("plan.indicators")
def nightly_indicators() -> str:
    return compute_automatic_indicators()
