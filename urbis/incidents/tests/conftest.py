from __future__ import annotations

import pytest

from urbis.core import services as core_services
from urbis.core.models import Area, AreaKind


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    """Layers cached by an earlier test (another database) must not leak into this one."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _in_english(english: None) -> None:
    """Assertions read English messages (the shared ``english`` fixture)."""


def _rectangle(lat0: float, lon0: float, dlat: float, dlon: float) -> dict[str, object]:
    ring = [
        [lon0, lat0],
        [lon0 + dlon, lat0],
        [lon0 + dlon, lat0 + dlat],
        [lon0, lat0 + dlat],
        [lon0, lat0],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def city(db: None) -> list[Area]:
    """Two neighbourhoods side by side: west 4.44–4.48, east 4.48–4.52, lat 51.00–51.05."""
    west = core_services.area_upsert(
        actor=None,
        code="T-W",
        name="West",
        kind=AreaKind.NEIGHBOURHOOD,
        geometry=_rectangle(51.0, 4.44, 0.05, 0.04),
        population=10000,
        population_year=2025,
    )
    east = core_services.area_upsert(
        actor=None,
        code="T-E",
        name="East",
        kind=AreaKind.NEIGHBOURHOOD,
        geometry=_rectangle(51.0, 4.48, 0.05, 0.04),
        population=5000,
        population_year=2025,
    )
    return [west, east]


def crime_file(name: str):  # type: ignore[no-untyped-def]
    """A file of ../shared/data/crime ($URBIS_SHARED_DIR; worktrees look one level higher)."""
    import os
    from pathlib import Path

    repo = Path(__file__).resolve().parents[3]
    candidates = (
        [Path(os.environ["URBIS_SHARED_DIR"])] if os.environ.get("URBIS_SHARED_DIR") else []
    )
    candidates += [repo.parent / "shared", repo.parent.parent / "shared"]
    for base in candidates:
        path = base / "data" / "crime" / name
        if path.is_file():
            return path
    pytest.skip(f"shared crime data {name} not found (tried {candidates}; set URBIS_SHARED_DIR)")


@pytest.fixture
def chicago(db: None, settings):  # type: ignore[no-untyped-def]
    """The NearRepeat vignette file (970 Chicago burglaries, EPSG:26971) imported as incidents,
    with Chicago's metric CRS and extent configured."""
    import numpy as np
    from pyproj import Transformer

    from urbis.incidents.services.imports import incidents_import

    path = crime_file("chicago_be_month1.csv")
    rows = [line.split(",") for line in path.read_text().split()]
    xy = np.array([[float(r[0]), float(r[1])] for r in rows])
    lon, lat = Transformer.from_crs("EPSG:26971", "EPSG:4326", always_xy=True).transform(
        xy[:, 0], xy[:, 1]
    )
    settings.URBIS_METRIC_CRS = "EPSG:26971"
    settings.URBIS_CITY_BBOX = (
        f"{lon.min() - 0.01},{lat.min() - 0.01},{lon.max() + 0.01},{lat.max() + 0.01}"
    )
    text = "reference,category,occurred_from,x,y\n" + "".join(
        f"C{i},burglary-dwelling,{r[2]},{r[0]},{r[1]}\n" for i, r in enumerate(rows)
    )
    result = incidents_import(
        actor=None, data=text.encode(), filename="chicago.csv", crs="EPSG:26971"
    )
    assert result.created == len(rows), result.rejected[:3]
    return {
        "xy": xy,
        "dates": np.array([r[2] for r in rows], dtype="datetime64[D]"),
        "lon": lon,
        "lat": lat,
    }
