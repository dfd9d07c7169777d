"""Counts of events near a point, published by the apps that hold them.

An app holding located events (crime incidents, public-space reports, ascertainments)
registers a counter in ``AppConfig.ready()``; a consumer (e.g. the CPTED report's crime and
nuisance context) asks for the counts without importing that app (ARCHITECTURE §4.6).

    register_counter(NearbyCounter(
        code="reports.public_space",
        label=_("Public-space reports"),
        count=lambda lat, lon, radius_m, start, end: ...,
    ))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise


@dataclass(frozen=True)
class NearbyCounter:
    code: str
    label: str | Promise
    count: Callable[[float, float, float, date, date], int]


@dataclass(frozen=True)
class NearbyCount:
    code: str
    label: str | Promise
    count: int


_counters: dict[str, NearbyCounter] = {}


def register_counter(counter: NearbyCounter) -> None:
    _counters[counter.code] = counter


def counts_near(
    lat: float, lon: float, radius_m: float, start: date, end: date
) -> list[NearbyCount]:
    """Every registered counter's count within ``radius_m`` metres of (lat, lon), start–end."""
    return [
        NearbyCount(
            code, _counters[code].label, _counters[code].count(lat, lon, radius_m, start, end)
        )
        for code in sorted(_counters)
    ]
