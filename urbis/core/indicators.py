"""Automatic indicator sources: apps publish figures, the plan consumes them.

An app (e.g. sanctions) registers a provider in ``AppConfig.ready()``; the plan's nightly job
computes automatic indicators from the registered providers. Neither app imports the other
(ARCHITECTURE §4.6).

    register_provider(IndicatorProvider(
        code="gas.lead_time_median_days",
        label=_("GAS lead time, ascertainment to decision (median, days)"),
        unit="days",
        compute=lambda period_start, period_end: Measurement(value=..., base_n=..., source=...),
        compute_by_area=...,  # optional: {area id: ProvidedValue} for per-area measurements
    ))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise


@dataclass(frozen=True)
class ProvidedValue:
    value: float | None
    base_n: int | None = None
    source: str = ""  # provenance: which data, which query, when


@dataclass(frozen=True)
class IndicatorProvider:
    code: str
    label: str | Promise
    unit: str
    compute: Callable[[date, date], ProvidedValue]
    description: str | Promise = ""
    #: Optional: the same figure per area (area id -> value), recorded by the plan as
    #: measurements with that area next to the city-wide one.
    compute_by_area: Callable[[date, date], dict[int, ProvidedValue]] | None = None


_providers: dict[str, IndicatorProvider] = {}


def register_provider(provider: IndicatorProvider) -> None:
    _providers[provider.code] = provider


def providers() -> list[IndicatorProvider]:
    return [_providers[code] for code in sorted(_providers)]


def provider(code: str) -> IndicatorProvider | None:
    return _providers.get(code)
