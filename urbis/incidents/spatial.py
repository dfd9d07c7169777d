"""Vectorised projection and point-in-area for many incidents at once (imports, layers)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
from django.conf import settings
from numpy.typing import NDArray

from urbis.core import extent
from urbis.core.models import Area
from urbis.incidents import conf, rules


@lru_cache(maxsize=16)
def _transformer(source: str, target: str) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(source, target, always_xy=True)


def metric_crs() -> str:
    return str(getattr(settings, "URBIS_METRIC_CRS", "EPSG:31370"))


def to_metric(lat: Any, lon: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """WGS84 → the city's metric CRS (Belgian Lambert 72 by default), vectorised."""
    x, y = _transformer("EPSG:4326", metric_crs()).transform(
        np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
    )
    return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)


def to_lonlat(x: Any, y: Any, crs: str) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Coordinates in ``crs`` (e.g. EPSG:31370) → WGS84 longitude, latitude."""
    lon, lat = _transformer(crs, "EPSG:4326").transform(
        np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    )
    return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)


def from_metric(x: Any, y: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    return to_lonlat(x, y, metric_crs())


def valid_crs(text: str) -> str:
    """The CRS name pyproj understands (``31370`` → ``EPSG:31370``), or ValueError."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    value = text.strip()
    if value.isdigit():
        value = f"EPSG:{value}"
    try:
        CRS.from_user_input(value)
    except CRSError:
        raise ValueError(value) from None
    return value


def city_bbox() -> rules.BBox | None:
    """URBIS_CITY_BBOX, else the union of the areas' bounding boxes, else None (no check):
    the one city extent of ``urbis.core.extent``."""
    return extent.city_bbox()


def _area_index(kind: str) -> tuple[Any, list[int]]:
    import shapely
    from shapely.geometry import shape

    areas = list(Area.objects.filter(kind=kind).values_list("pk", "geometry"))
    geometries = [shape(g) for _pk, g in areas]
    # Smallest first, so the first hit of a point is its smallest covering area.
    order = sorted(range(len(areas)), key=lambda i: geometries[i].area)
    return shapely.STRtree([geometries[i] for i in order]), [areas[i][0] for i in order]


def assign_areas(lat: Any, lon: Any, *, kind: str | None = None) -> list[int | None]:
    """The id of the area (of ``kind``, default the configured one) covering each point."""
    import shapely

    kind = kind or str(conf.get("URBIS_INCIDENTS_AREA_KIND"))
    lat_a = np.asarray(lat, dtype=np.float64)
    result: list[int | None] = [None] * lat_a.size
    if lat_a.size == 0:
        return result
    tree, ids = _area_index(kind)
    if not ids:
        return result
    points = shapely.points(np.asarray(lon, dtype=np.float64), lat_a)
    hits = tree.query(points, predicate="intersects")
    # hits[0] point index, hits[1] tree index (smallest area = lowest index): keep the minimum.
    best: dict[int, int] = {}
    for point, area in zip(hits[0].tolist(), hits[1].tolist(), strict=True):
        if point not in best or area < best[point]:
            best[point] = area
    for point, area in best.items():
        result[point] = ids[area]
    return result
