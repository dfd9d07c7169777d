"""Nightly: the deadline sweep; figures the plan can use as automatic indicators."""

from __future__ import annotations

import datetime as dt
import statistics

from django.utils.translation import gettext_lazy as _

from urbis.core.indicators import IndicatorProvider, ProvidedValue, register_provider
from urbis.core.nightly import nightly_job
from urbis.sanctions.models import Case


@nightly_job("sanctions.deadline_sweep")
def sweep() -> str:
    from urbis.sanctions.services.register import deadline_sweep

    return deadline_sweep().summary()


def lead_time_median(period_start: dt.date, period_end: dt.date) -> ProvidedValue:
    """Median days from ascertainment to decision of the cases decided in the period."""
    rows = Case.objects.filter(
        decided_on__gte=period_start, decided_on__lte=period_end
    ).values_list("decided_on", "ascertainment__ascertained_on")
    days = [(decided - ascertained).days for decided, ascertained in rows if decided]
    return ProvidedValue(
        value=float(statistics.median(days)) if days else None,
        base_n=len(days),
        source=f"GAS cases decided {period_start}..{period_end}",
    )


def cases_opened(period_start: dt.date, period_end: dt.date) -> ProvidedValue:
    n = Case.objects.filter(
        ascertainment__received_on__gte=period_start, ascertainment__received_on__lte=period_end
    ).count()
    return ProvidedValue(value=float(n), base_n=n, source="GAS cases opened")


register_provider(
    IndicatorProvider(
        code="gas.lead_time_median_days",
        label=_("GAS lead time, ascertainment to decision (median, days)"),
        unit="days",
        compute=lead_time_median,
    )
)
register_provider(
    IndicatorProvider(
        code="gas.cases_opened",
        label=_("GAS cases opened"),
        unit="cases",
        compute=cases_opened,
    )
)
