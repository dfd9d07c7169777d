"""Indicators the plan reads from real reports (urbis.core.indicators registry)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from urbis.core.indicators import IndicatorProvider, ProvidedValue, register_provider
from urbis.core.rates import per_1000
from urbis.reports import selectors

LITTERING_CODES = ["littering", "illegal-dumping"]


def _per_1000(categories: list[str] | None, label: str):
    def compute(start: date, end: date) -> ProvidedValue:
        rows = selectors.counts_by(start, end, categories=categories)
        count = sum(row["n"] for row in rows)
        population = selectors.city_population()
        # No report at all in the period says the channel was not in use, not that the city
        # was clean: no value rather than a zero.
        return ProvidedValue(
            value=per_1000(count, population) if count else None,
            base_n=count,
            source=f"Urbis reports {label}, {start}..{end}, neighbourhood populations",
        )

    return compute


def _resolution(q: float):
    def compute(start: date, end: date) -> ProvidedValue:
        days = selectors.resolution_days(start, end)
        value = selectors.percentile(days, q)
        return ProvidedValue(
            value=round(value, 1) if value is not None else None,
            base_n=len(days),
            source=f"Urbis reports resolved {start}..{end}, P{int(q)} of days filed→resolved",
        )

    return compute


register_provider(
    IndicatorProvider(
        code="reports.littering_dumping_per_1000",
        label=_("Littering and dumping reports per 1,000 inhabitants"),
        unit="per 1,000",
        compute=_per_1000(LITTERING_CODES, "littering+dumping"),
    )
)
register_provider(
    IndicatorProvider(
        code="reports.all_per_1000",
        label=_("Public-space reports per 1,000 inhabitants"),
        unit="per 1,000",
        compute=_per_1000(None, "all categories"),
    )
)
register_provider(
    IndicatorProvider(
        code="reports.resolution_median_days",
        label=_("Report resolution time, median (days)"),
        unit="days",
        compute=_resolution(50),
    )
)
register_provider(
    IndicatorProvider(
        code="reports.resolution_p90_days",
        label=_("Report resolution time, 90th percentile (days)"),
        unit="days",
        compute=_resolution(90),
    )
)
