"""Nightly: the deadline sweep; figures the plan can use as automatic indicators."""

from __future__ import annotations

import datetime as dt
import math
import statistics

from django.utils.translation import gettext_lazy as _

from urbis.core.indicators import IndicatorProvider, ProvidedValue, register_provider
from urbis.core.nearby import NearbyCounter, register_counter
from urbis.core.nightly import nightly_job
from urbis.sanctions.models import Ascertainment, Case
from urbis.sanctions.services.batches import reminders_send
from urbis.sanctions.services.intake.pending import pending_photos_purge
from urbis.sanctions.services.register import deadline_sweep, lead_times_refresh


@nightly_job("sanctions.deadline_sweep")
def sweep() -> str:

    return deadline_sweep().summary()


# The register purge runs in the GDPR retention job (sanctions/gdpr.py, core.gdpr_retention).


@nightly_job("sanctions.reminders")
def reminders() -> str:

    return "reminders: " + reminders_send(actor=None).summary()


@nightly_job("sanctions.pending_photos")
def pending_photos() -> str:
    """Photos kept across a refused field report and never claimed (services/intake/pending)."""
    return f"{pending_photos_purge()} unclaimed field photos removed"


@nightly_job("sanctions.lead_times")
def lead_times() -> str:

    return f"{lead_times_refresh()} lead-time rows"


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


def _ascertainments_near(
    lat: float, lon: float, radius_m: float, start: dt.date, end: dt.date
) -> int:
    """Nuisance ascertainments (GAS) within ``radius_m`` of a point, for e.g. the CPTED
    report's context. A bounding box in degrees narrows the query; the exact distance uses the
    haversine formula (metres)."""

    dlat = radius_m / 111_320
    dlon = radius_m / (111_320 * max(math.cos(math.radians(lat)), 0.01))
    rows = Ascertainment.objects.filter(
        lat__range=(lat - dlat, lat + dlat),
        lon__range=(lon - dlon, lon + dlon),
        ascertained_on__range=(start, end),
    ).values_list("lat", "lon")

    def metres(a_lat: float, a_lon: float) -> float:
        p1, p2 = math.radians(lat), math.radians(a_lat)
        dp, dl = p2 - p1, math.radians(a_lon - lon)
        h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        return 2 * 6_371_000 * math.asin(math.sqrt(h))

    return sum(
        1
        for a_lat, a_lon in rows
        if a_lat is not None and a_lon is not None and metres(a_lat, a_lon) <= radius_m
    )


def _register_nearby() -> None:

    register_counter(
        NearbyCounter(
            code="gas.ascertainments",
            label=_("Ascertained incivilities (GAS)"),
            count=_ascertainments_near,
        )
    )


_register_nearby()
