"""Figures the incidents app publishes to core: plan indicators, nearby counts, alerts."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from urbis.core.alerts import Alert
from urbis.core.indicators import IndicatorProvider, ProvidedValue
from urbis.core.models import Area
from urbis.core.rates import per_1000
from urbis.core.types import Actor
from urbis.incidents import arrays, conf, selectors, spatial
from urbis.incidents.models import AreaDwellings, Family, Incident


def _in_period(start: dt.date, end: dt.date) -> Any:
    # Yearly counts place an incident by the start of its window: with windows of at most
    # URBIS_INCIDENTS_MAX_WINDOW_DAYS this can move one only across a period edge, stated as
    # such in docs/incidents.md (the charts use aoristic weights instead).
    return Incident.objects.filter(occurred_from__date__gte=start, occurred_from__date__lte=end)


def dwellings_total(year: int, area_ids: list[int] | None = None) -> int:
    rows = AreaDwellings.objects.filter(year__lte=year)
    if area_ids is not None:
        rows = rows.filter(area_id__in=area_ids)
    latest: dict[int, tuple[int, int]] = {}
    for area_id, y, dwellings in rows.values_list("area_id", "year", "dwellings"):
        if area_id not in latest or y > latest[area_id][0]:
            latest[area_id] = (y, dwellings)
    return sum(d for _y, d in latest.values())


def burglaries_per_1000_dwellings(start: dt.date, end: dt.date) -> ProvidedValue:
    n = (
        _in_period(start, end)
        .filter(category__family=Family.BURGLARY, category__dwelling=True)
        .count()
    )
    dwellings = dwellings_total(end.year)
    return ProvidedValue(
        value=per_1000(n, dwellings),
        base_n=n,
        source=f"Urbis incidents: domestic burglaries {start}..{end} / {dwellings} dwellings",
    )


def burglaries_per_1000_dwellings_by_area(start: dt.date, end: dt.date) -> dict[int, ProvidedValue]:
    """The same rate per area (URBIS_INCIDENTS_AREA_KIND), for each area with dwellings: the
    incident's area over that area's latest dwellings up to the period's year."""
    kind = str(conf.get("URBIS_INCIDENTS_AREA_KIND"))
    area_ids = list(Area.objects.filter(kind=kind).values_list("pk", flat=True))
    counts = dict(
        _in_period(start, end)
        .filter(category__family=Family.BURGLARY, category__dwelling=True, area_id__in=area_ids)
        .values_list("area_id")
        .annotate(n=Count("pk"))
        .values_list("area_id", "n")
    )
    out: dict[int, ProvidedValue] = {}
    for area_id in area_ids:
        dwellings = dwellings_total(end.year, [area_id])
        if not dwellings:
            continue
        n = int(counts.get(area_id, 0))
        out[area_id] = ProvidedValue(
            value=per_1000(n, dwellings),
            base_n=n,
            source=f"Urbis incidents: domestic burglaries {start}..{end} in the area / "
            f"{dwellings} dwellings",
        )
    return out


def thefts_per_1000_inhabitants(start: dt.date, end: dt.date) -> ProvidedValue:
    n = _in_period(start, end).filter(category__family=Family.THEFT).count()
    kind = str(conf.get("URBIS_INCIDENTS_AREA_KIND"))
    population = Area.objects.filter(kind=kind).aggregate(p=Sum("population"))["p"]
    return ProvidedValue(
        value=per_1000(n, population),
        base_n=n,
        source=f"Urbis incidents: thefts {start}..{end} / population {population}",
    )


def thefts_per_1000_inhabitants_by_area(start: dt.date, end: dt.date) -> dict[int, ProvidedValue]:
    """Thefts per 1,000 inhabitants of each area (URBIS_INCIDENTS_AREA_KIND) with a
    population: the incident's area over that area's population."""
    kind = str(conf.get("URBIS_INCIDENTS_AREA_KIND"))
    areas = dict(Area.objects.filter(kind=kind, population__gt=0).values_list("pk", "population"))
    counts = dict(
        _in_period(start, end)
        .filter(category__family=Family.THEFT, area_id__in=list(areas))
        .values_list("area_id")
        .annotate(n=Count("pk"))
        .values_list("area_id", "n")
    )
    return {
        area_id: ProvidedValue(
            value=per_1000(int(counts.get(area_id, 0)), population),
            base_n=int(counts.get(area_id, 0)),
            source=f"Urbis incidents: thefts {start}..{end} in the area / population {population}",
        )
        for area_id, population in areas.items()
    }


def near_repeat_flags(
    xy: np.ndarray, days: np.ndarray, radius_m: float, window: float
) -> np.ndarray:
    """True for each event preceded by another within ``radius_m`` and ``window`` days."""
    from scipy.spatial import cKDTree

    flags = np.zeros(len(days), dtype=bool)
    if len(days) < 2:
        return flags
    tree = cKDTree(xy)
    for i, j in tree.query_pairs(radius_m, output_type="ndarray"):
        gap = days[j] - days[i]
        if 0 < gap <= window:
            flags[j] = True
        elif 0 < -gap <= window:
            flags[i] = True
    return flags


def _burglary_flags(start: dt.date, end: dt.date) -> tuple[np.ndarray, np.ndarray, str]:
    """(near-repeat flag, area id) of each dated domestic burglary in the period, and the
    source text. The flags are computed over the whole city: a repeat across an area's edge
    still counts in the area of the later burglary."""

    queryset = _in_period(start, end).filter(
        category__family=Family.BURGLARY, category__dwelling=True
    )
    data = arrays.events(queryset)
    t, ok = data.point_times()
    radius = float(conf.get("URBIS_INCIDENTS_COCOON_RADIUS_M"))
    window = float(conf.get("URBIS_INCIDENTS_COCOON_DAYS"))
    source = f"Urbis incidents: burglaries {radius:g} m, {window:g} days after an earlier one"
    if not ok.any():
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64), source
    flags = near_repeat_flags(data.xy[ok], t[ok], radius, window)
    area_of = dict(queryset.values_list("pk", "area_id"))
    areas = np.array([area_of.get(int(i)) or 0 for i in data.ids[ok]], dtype=np.int64)
    return flags, areas, source


def near_repeat_share(start: dt.date, end: dt.date) -> ProvidedValue:
    flags, _areas, source = _burglary_flags(start, end)
    n = len(flags)
    if n == 0:
        return ProvidedValue(value=None, base_n=0, source="Urbis incidents: no burglaries")
    return ProvidedValue(value=100.0 * float(flags.sum()) / n, base_n=n, source=source)


def near_repeat_share_by_area(start: dt.date, end: dt.date) -> dict[int, ProvidedValue]:
    """The near-repeat share per area (URBIS_INCIDENTS_AREA_KIND) with at least one burglary."""
    flags, areas, source = _burglary_flags(start, end)
    kind = str(conf.get("URBIS_INCIDENTS_AREA_KIND"))
    area_ids = set(Area.objects.filter(kind=kind).values_list("pk", flat=True))
    out: dict[int, ProvidedValue] = {}
    for area_id in sorted(set(areas.tolist()) & area_ids):
        mine = areas == area_id
        n = int(mine.sum())
        out[area_id] = ProvidedValue(
            value=100.0 * float(flags[mine].sum()) / n, base_n=n, source=f"{source} (area)"
        )
    return out


PROVIDERS = [
    IndicatorProvider(
        code="incidents.burglaries_per_1000_dwellings",
        label=_("Domestic burglaries per 1,000 dwellings"),
        unit="per 1,000 dwellings",
        compute=burglaries_per_1000_dwellings,
        compute_by_area=burglaries_per_1000_dwellings_by_area,
    ),
    IndicatorProvider(
        code="incidents.thefts_per_1000_inhabitants",
        label=_("Thefts per 1,000 inhabitants"),
        unit="per 1,000 inhabitants",
        compute=thefts_per_1000_inhabitants,
        compute_by_area=thefts_per_1000_inhabitants_by_area,
    ),
    IndicatorProvider(
        code="incidents.near_repeat_share",
        label=_("Share of domestic burglaries that were near repeats"),
        unit="%",
        compute=near_repeat_share,
        compute_by_area=near_repeat_share_by_area,
    ),
]


def incidents_near(lat: float, lon: float, radius_m: float, start: dt.date, end: dt.date) -> int:
    """Crime incidents within ``radius_m`` of a point in the period (the CPTED crime context)."""
    xs, ys = spatial.to_metric([lat], [lon])
    x, y = float(xs[0]), float(ys[0])
    rows = (
        _in_period(start, end)
        .filter(x__gte=x - radius_m, x__lte=x + radius_m, y__gte=y - radius_m, y__lte=y + radius_m)
        .values_list("x", "y")
    )
    return sum(1 for a, b in rows if math.hypot(a - x, b - y) <= radius_m)


def cocoon_alerts(user: Actor) -> list[Any]:
    return [
        Alert(
            key=f"cocoon-{watch.pk}",
            title=_("Cocoon watch after burglary %(ref)s: %(n)s addresses, letters not sent yet")
            % {"ref": watch.incident.reference, "n": watch.address_count},
            url=reverse("incidents:cocoon_detail", args=[watch.pk]),
        )
        for watch in selectors.open_watches(user)[:10]
    ]
