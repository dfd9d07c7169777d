"""Nightly: automatic indicators from the providers other modules register in core."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from django.utils import timezone

from urbis.core import indicators as providers
from urbis.core.models import Area
from urbis.core.nightly import nightly_job
from urbis.plan import services
from urbis.plan.models import Indicator

logger = logging.getLogger(__name__)


def compute_automatic_indicators(today: dt.date | None = None) -> str:
    """For each indicator with a provider, record the value for the year to date up to
    yesterday (the night's run sees whole days), unless the same value was already recorded for
    that period (measurements are append-only). On 1 January the previous year is closed with
    its full-year value. A provider that also computes per area adds one measurement per area
    (the plan's progress uses the city-wide ones). A failing provider or value is reported and
    the others go on."""
    day = today or timezone.localdate()
    end = day - dt.timedelta(days=1)
    start = dt.date(end.year, 1, 1)
    recorded = skipped = failed = 0
    for indicator in Indicator.objects.exclude(provider_code="").filter(
        objective__priority__plan__period_end__gte=start
    ):
        provider = providers.provider(indicator.provider_code)
        if provider is None:
            skipped += 1
            continue
        try:
            results: list[tuple[Area | None, providers.ProvidedValue]] = [
                (None, provider.compute(start, end))
            ]
            if provider.compute_by_area is not None:
                by_area = provider.compute_by_area(start, end)
                areas = Area.objects.in_bulk(list(by_area))
                results += [(areas[pk], v) for pk, v in sorted(by_area.items()) if pk in areas]
            if results[0][1].value is None:
                skipped += 1
            for area, result in results:
                if result.value is None:
                    continue
                value = Decimal(str(round(result.value, 4)))
                last = indicator.measurements.filter(
                    period_start=start, period_end=end, area=area
                ).last()
                if last is not None and last.value == value:
                    continue
                services.measurement_record(
                    actor=None,
                    indicator=indicator,
                    period_start=start,
                    period_end=end,
                    value=value,
                    base_n=result.base_n,
                    source=f"{provider.code}: {result.source}",
                    area=area,
                    automatic=True,
                )
                recorded += 1
        except Exception:  # one provider's failure must not stop the others
            logger.exception("automatic indicator %s failed", indicator.code)
            failed += 1
            continue
    return f"{recorded} automatic measurements recorded, {skipped} skipped, {failed} failed"


@nightly_job("plan.indicators")
def nightly_indicators() -> str:
    return compute_automatic_indicators()
