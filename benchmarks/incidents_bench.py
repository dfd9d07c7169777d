"""Incidents benchmarks (issue 13): the command-line import (SQLite and PostgreSQL), the Gi*
hotspot layer over 50,000 incidents on 100 m cells (uncached and cached, server time through
the API) and the cocoon-watch zone with its address list after a burglary. Each prints its
figure, a peer measured in the same run and the issue's target; nothing is asserted.

Peers: the row-by-row import (one ``Incident.objects.create`` per row, what a naive import
does), esda's ``G_Local`` on the same counts when the bench environment has it, and a
full scan of every address point for the zone.

Databases: a scratch PostgreSQL database ``urbis_incidents_bench`` (dropped and recreated) or
a scratch SQLite file; never the development database.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

CITY_TZ = ZoneInfo("Europe/Brussels")

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("URBIS_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "urbis_incidents_bench"
BBOX = (4.435, 51.000, 4.522, 51.054)  # the demo city's neighbourhoods


def _django(backend: str) -> str:
    url = ""
    if backend == "postgresql":
        try:
            import psycopg

            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as db:
                db.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
                db.execute(f"CREATE DATABASE {DB_NAME}")
            url = f"{PG_SERVER}/{DB_NAME}"
        except Exception as error:  # no PostgreSQL here
            print(f"  (PostgreSQL not available: {error.__class__.__name__}; using SQLite)")
    if not url:
        path = Path(tempfile.gettempdir()) / "urbis-incidents-bench.sqlite3"
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("URBIS_DEBUG", "1")
    os.environ.setdefault("URBIS_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.core.demo.city import load_core_demo

    load_core_demo(None)
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


def _points(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Half uniform over the city, half in a few clusters (hotspots to find)."""
    lon = rng.uniform(BBOX[0], BBOX[2], n)
    lat = rng.uniform(BBOX[1], BBOX[3], n)
    half = n // 2
    centres = rng.uniform([BBOX[0], BBOX[1]], [BBOX[2], BBOX[3]], (8, 2))
    pick = rng.integers(0, 8, half)
    lon[:half] = centres[pick, 0] + rng.normal(0, 0.002, half)
    lat[:half] = centres[pick, 1] + rng.normal(0, 0.0012, half)
    lon = np.clip(lon, BBOX[0], BBOX[2])
    lat = np.clip(lat, BBOX[1], BBOX[3])
    return lat, lon


def _csv(n: int, seed: int = 1) -> bytes:
    rng = np.random.default_rng(seed)
    lat, lon = _points(n, rng)
    # the file holds the city's wall-clock times, written without an offset
    base = dt.datetime.now(CITY_TZ).replace(tzinfo=None) - dt.timedelta(days=400)
    cats = ["vandalism", "bicycle-theft", "theft-from-vehicle", "burglary-business"]
    lines = ["reference,category,occurred_from,occurred_to,lat,lon"]
    for i in range(n):
        start = base + dt.timedelta(minutes=int(i * 3))
        end = start + dt.timedelta(hours=i % 5)
        lines.append(
            f"B{i:08d},{cats[i % 4]},{start:%Y-%m-%d %H:%M},{end:%Y-%m-%d %H:%M},"
            f"{lat[i]:.6f},{lon[i]:.6f}"
        )
    return ("\n".join(lines) + "\n").encode()


def _import(backend: str, quick: bool) -> None:
    name = _django(backend)
    from django.core.management import call_command

    n = 20_000 if quick else 100_000
    path = Path(tempfile.gettempdir()) / f"urbis-incidents-bench-{n}.csv"
    path.write_bytes(_csv(n))
    out = io.StringIO()
    start = time.perf_counter()
    call_command("incidents", "import", str(path), "--quiet-rows", stdout=out)
    first = time.perf_counter() - start
    start = time.perf_counter()
    call_command("incidents", "import", str(path), "--quiet-rows", stdout=io.StringIO())
    again = time.perf_counter() - start
    peer_n = 2000
    peer = _row_by_row(peer_n)
    print(f"incidents import, command line, {name}, {n:,} rows")
    print(f"  first import   {first:7.2f} s  {n / first:9,.0f} rows/s   target >= 10,000 rows/s")
    print(
        f"  re-import      {again:7.2f} s  {n / again:9,.0f} rows/s   (unchanged: nothing written)"
    )
    print(
        f"  peer: row by row (create per row), {peer_n:,} rows: {peer_n / peer:9,.0f} rows/s"
        f"   ratio x{(n / first) / (peer_n / peer):.1f}"
    )
    print(f"  last line: {out.getvalue().strip().splitlines()[-1]}")


def _row_by_row(n: int) -> float:
    from django.db import transaction

    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.incidents import spatial
    from urbis.incidents.models import Category, Incident

    rng = np.random.default_rng(7)
    lat, lon = _points(n, rng)
    category = Category.objects.get(code="vandalism")
    from django.utils import timezone

    now = timezone.now() - dt.timedelta(days=2)
    start = time.perf_counter()
    for i in range(n):
        x, y = spatial.to_metric([lat[i]], [lon[i]])
        area = spatial.assign_areas([lat[i]], [lon[i]])[0]
        with transaction.atomic():
            Incident.objects.create(
                reference=f"P{i:08d}",
                category=category,
                occurred_from=now,
                occurred_to=now,
                lat=lat[i],
                lon=lon[i],
                x=float(x[0]),
                t_from=0.0,
                t_to=0.0,
                y=float(y[0]),
                area_id=area,
            )
    return time.perf_counter() - start


def import_sqlite(quick: bool) -> None:
    _import("sqlite", quick)


def import_postgresql(quick: bool) -> None:
    _import("postgresql", quick)


def _analyst() -> Any:
    from rest_framework.test import APIClient

    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.core.testing.fixtures import create_user

    client = APIClient()
    client.force_authenticate(create_user("analyst", username="bench-analyst"))
    return client


def hotspot(quick: bool) -> None:
    name = _django("postgresql")
    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.incidents.services.imports import incidents_import

    n = 10_000 if quick else 50_000
    incidents_import(actor=None, data=_csv(n, seed=3), filename="bench.csv")
    client = _analyst()
    url = "/api/v1/incidents/layers/gistar/?cell=100"
    start = time.perf_counter()
    response = client.get(url)
    cold = time.perf_counter() - start
    assert response.status_code == 200, response.content[:300]
    warm = min(_time(lambda: client.get(url)) for _ in range(5))
    from django.core.cache import cache

    def uncached() -> float:
        cache.clear()
        return _time(lambda: client.get(url))

    computed = sorted(uncached() for _ in range(7))
    body = response.json()
    print(f"Gi* hotspot layer, {n:,} incidents, 100 m cells over the city ({name})")
    print(
        f"  uncached {computed[len(computed) // 2] * 1000:7.0f} ms median, worst "
        f"{computed[-1] * 1000:.0f} ms   target < 500 ms   ({body['grid']['rows']} x "
        f"{body['grid']['cols']} cells, {len(body['geojson']['features'])} features)"
    )
    print(
        f"  first request of a fresh process {cold * 1000:7.0f} ms (imports included: "
        "config/wsgi.py does them at a worker's boot)"
    )
    print(f"  cached   {warm * 1000:7.1f} ms   target < 50 ms")
    try:
        from esda.getisord import G_Local
        from libpysal.weights import lat2W

        # local: Django is set up per benchmark (its own scratch database) before models load
        from urbis.incidents import layers
        from urbis.incidents.models import Incident

        grid = layers.city_grid(100)
        xy = np.array(list(Incident.objects.values_list("x", "y")))
        counts = grid.counts(xy)
        start = time.perf_counter()
        G_Local(
            counts.ravel(),
            lat2W(grid.rows, grid.cols, rook=False),
            transform="B",
            star=True,
            permutations=0,
        )
        peer = time.perf_counter() - start
        print(
            f"  peer: esda G_Local + lat2W on the same counts {peer * 1000:7.0f} ms (kernel only)"
        )
    except ImportError:
        print("  peer: esda not installed in this environment (make bench installs it)")


def _time(func: Any) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def cocoon(quick: bool) -> None:
    name = _django("postgresql")
    from django.utils import timezone

    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.incidents.demo import _addresses, _extent
    from urbis.incidents.models import AddressPoint, Category
    from urbis.incidents.services import cocoon as service

    extent = _extent()
    assert extent is not None
    _addresses(np.random.default_rng(1), extent)
    n_addresses = AddressPoint.objects.count()
    category = Category.objects.get(code="burglary-dwelling")
    now = timezone.now()
    times = []
    for i in range(5):
        start = time.perf_counter()
        incident = service.incident_record(
            actor=None,
            reference=f"BENCH-{i}",
            category=category,
            occurred_from=now - dt.timedelta(hours=4),
            occurred_to=now - dt.timedelta(hours=1),
            lat=51.0259 + 0.001 * i,
            lon=4.4776,
            precision="exact",
        )
        times.append(time.perf_counter() - start)
    watch = incident.cocoon
    start = time.perf_counter()
    inside = [
        a
        for a in AddressPoint.objects.all()
        if (a.x - incident.x) ** 2 + (a.y - incident.y) ** 2 <= watch.radius_m**2
    ]
    peer = time.perf_counter() - start
    print(f"cocoon watch after a burglary ({name}, {n_addresses:,} address points)")
    print(
        f"  record + zone + {watch.address_count} addresses + task: best {min(times) * 1000:6.0f} ms,"
        f" worst {max(times) * 1000:6.0f} ms   target < 1 s"
    )
    print(f"  peer: full scan of every address point {peer * 1000:6.0f} ms ({len(inside)} inside)")
