"""Demo data: a synthetic, clearly labelled set of Mechelen incidents and address points.

Burglaries come from the project's own branching simulator (``urbis.analytics.etas.
simulate_hawkes``), so they carry realistic near repeats; the other categories are Poisson
background. Every row is marked ``is_synthetic`` and its source says "SYNTHETIC DEMO".
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.db import transaction
from django.utils import timezone

from urbis.core.models import Area
from urbis.core.types import Actor
from urbis.incidents import cache, spatial
from urbis.incidents.arrays import city_tz, local_seconds
from urbis.incidents.models import AddressPoint, AreaDwellings, Category, Incident

SOURCE = "SYNTHETIC DEMO"
STREETS = [
    "Demostraat",
    "Voorbeeldlaan",
    "Proefweg",
    "Testplein",
    "Schetsstraat",
    "Modelvest",
    "Oefenkaai",
    "Kladstraat",
]
# category code: background events per day over the whole city
BACKGROUND = {
    "burglary-business": 0.15,
    "burglary-attempt": 0.25,
    "theft-from-vehicle": 0.8,
    "theft-of-vehicle": 0.1,
    "bicycle-theft": 1.2,
    "pickpocketing": 0.5,
    "violence-public": 0.4,
    "vandalism": 0.9,
    "drug-dealing": 0.3,
}


def _extent() -> tuple[float, float, float, float] | None:
    bbox = spatial.city_bbox()
    if bbox is None:
        return None
    xs, ys = spatial.to_metric([bbox[1], bbox[3]], [bbox[0], bbox[2]])
    return (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))


def load_incidents_demo(actor: Actor, *, days: int = 365, seed: int = 2026) -> str:
    if Incident.objects.filter(source=SOURCE).exists():
        return "already loaded"
    extent = _extent()
    if extent is None:
        return "skipped: load the core demo first"
    # on first use: numba and scipy take seconds to load (urbis/analytics/__init__.py)
    from urbis.analytics import simulate_hawkes

    rng = np.random.default_rng(seed)
    cell = 150.0
    xmin, ymin, xmax, ymax = extent
    cols, rows = int((xmax - xmin) // cell), int((ymax - ymin) // cell)
    # Background burglary rates: higher in a few residential clusters (synthetic).
    mu = np.full((rows, cols), 0.0006)
    for _ in range(6):
        r, c = int(rng.integers(0, rows)), int(rng.integers(0, cols))
        mu[max(0, r - 4) : r + 4, max(0, c - 4) : c + 4] *= 3
    sample = simulate_hawkes(mu, theta=0.35, omega=1 / 5, duration=days, cell_size=cell, rng=rng)
    end = timezone.now().replace(minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
    origin = end - dt.timedelta(days=days)
    categories = {c.code: c for c in Category.objects.all()}
    events: list[tuple[str, float, float, float]] = [
        ("burglary-dwelling", xmin + x, ymin + y, t)
        for (x, y), t in zip(sample.xy.tolist(), sample.t.tolist(), strict=True)
    ]
    for code, rate in BACKGROUND.items():
        n = rng.poisson(rate * days)
        xs = rng.uniform(xmin, xmax, n)
        ys = rng.uniform(ymin, ymax, n)
        ts = rng.uniform(0, days, n)
        events.extend((code, x, y, t) for x, y, t in zip(xs, ys, ts, strict=True))
    lon, lat = spatial.from_metric([e[1] for e in events], [e[2] for e in events])
    areas = spatial.assign_areas(lat, lon)

    tz = city_tz()
    incidents = []
    for index, ((code, x, y, t), la, lo, area) in enumerate(
        zip(events, lat.tolist(), lon.tolist(), areas, strict=True)
    ):
        if code not in categories:
            continue
        start = origin + dt.timedelta(days=t)
        # Burglaries are often found later: a window of up to 12 hours (synthetic).
        window = (
            dt.timedelta(hours=float(rng.uniform(0, 12)))
            if code.startswith("burglary")
            else dt.timedelta(0)
        )
        incidents.append(
            Incident(
                reference=f"DEMO-{index + 1:06d}",
                category=categories[code],
                occurred_from=start,
                occurred_to=min(start + window, end),
                lat=la,
                lon=lo,
                x=x,
                t_from=local_seconds(start, tz),
                t_to=local_seconds(min(start + window, end), tz),
                y=y,
                area_id=area,
                source=SOURCE,
                is_synthetic=True,
            )
        )
    with transaction.atomic():
        Incident.objects.bulk_create(incidents, batch_size=2000)
        addresses = _addresses(rng, extent)
        _dwellings()
        cache.bump()
    return (
        f"{len(incidents)} synthetic incidents ({sample.t.size} burglaries from the branching "
        f"simulator, {sample.t.size - sample.n_background} of them triggered), "
        f"{addresses} synthetic address points"
    )


def _addresses(rng: np.random.Generator, extent: tuple[float, float, float, float]) -> int:
    if AddressPoint.objects.exists():
        return 0
    xmin, ymin, xmax, ymax = extent
    points = []
    step = 60.0
    for row, y in enumerate(np.arange(ymin + step / 2, ymax, step)):
        street = f"{STREETS[row % len(STREETS)]} {row // len(STREETS) + 1}"
        for col, x in enumerate(np.arange(xmin + step / 2, xmax, step * 2)):
            points.append((street, str(col + 1), float(x), float(y)))
    lon, lat = spatial.from_metric([p[2] for p in points], [p[3] for p in points])
    AddressPoint.objects.bulk_create(
        [
            AddressPoint(
                street=street,
                number=number,
                postcode="2800",
                municipality="Mechelen (demo)",
                lat=la,
                lon=lo,
                x=x,
                y=y,
                is_synthetic=True,
            )
            for (street, number, x, y), la, lo in zip(
                points, lat.tolist(), lon.tolist(), strict=True
            )
        ],
        batch_size=2000,
    )
    return len(points)


def _dwellings() -> None:
    for area in Area.objects.filter(population__isnull=False):
        AreaDwellings.objects.get_or_create(
            area=area,
            year=area.population_year or 2025,
            defaults={"dwellings": int((area.population or 0) / 2.2)},
        )
