"""The city's extent, one setting for every app: ``URBIS_CITY_BBOX`` as
``min_lon,min_lat,max_lon,max_lat`` (WGS84, the GeoJSON order), else the union of the areas'
bounding boxes. config/settings.py reads the deprecated ``URBIS_REPORTS_CITY_BBOX``
(south,west,north,east) once into it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Min

from urbis.core.models import Area

BBox = tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat
_CACHE_KEY = "urbis.core.extent.areas"
_ROWS_KEY = "urbis.core.extent.area_rows"


def parse(value: str | Sequence[float] | None) -> BBox | None:
    """``"min_lon,min_lat,max_lon,max_lat"`` (or four numbers) → a box; None when empty or
    not a box (min above max, latitude beyond ±90)."""
    if not value:
        return None
    parts: list[Any] = list(value.split(",")) if isinstance(value, str) else [*value]
    try:
        box = tuple(float(p) for p in parts)
    except (TypeError, ValueError):
        return None
    if len(box) != 4:
        return None
    min_lon, min_lat, max_lon, max_lat = box
    if not (-180 <= min_lon < max_lon <= 180 and -90 <= min_lat < max_lat <= 90):
        return None
    return (min_lon, min_lat, max_lon, max_lat)


def configured() -> BBox | None:
    return parse(getattr(settings, "URBIS_CITY_BBOX", ""))


def _areas() -> BBox | None:
    bounds = Area.objects.aggregate(
        a=Min("min_lon"), b=Min("min_lat"), c=Max("max_lon"), d=Max("max_lat")
    )
    if bounds["a"] is None:
        return None
    return (bounds["a"], bounds["b"], bounds["c"], bounds["d"])


def city_bbox() -> BBox | None:
    """The setting, else the areas' union (cached until an area changes), else None."""
    box = configured()
    if box is not None:
        return box
    cached = cache.get(_CACHE_KEY)
    if cached is None:
        cached = _areas() or ()
        cache.set(_CACHE_KEY, cached, 3600)
    return tuple(cached) if cached else None


def forget() -> None:
    """Called when an area is written: the next read recomputes the union and the rows."""
    cache.delete_many([_CACHE_KEY, _ROWS_KEY])


def area_rows() -> list[tuple[int, str, str, BBox, dict[str, object]]]:
    """Every area as (id, code, kind, bounding box, geometry), cached until an area changes:
    what a point-in-area look-up on each submitted report needs, without a query."""
    rows = cache.get(_ROWS_KEY)
    if rows is None:
        rows = [
            (a.pk, a.code, a.kind, (a.min_lon, a.min_lat, a.max_lon, a.max_lat), a.geometry)
            for a in Area.objects.all()
        ]
        cache.set(_ROWS_KEY, rows, 3600)
    return rows


def contains(box: BBox, lat: float, lon: float) -> bool:
    min_lon, min_lat, max_lon, max_lat = box
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon
