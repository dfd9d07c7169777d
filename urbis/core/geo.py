"""Geometry helpers on WGS84 GeoJSON (shapely), and projection to a metric CRS (pyproj)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

POLYGON_TYPES = ("Polygon", "MultiPolygon")


def parse_polygon(geojson: Any) -> BaseGeometry:
    """Return the shapely geometry of a GeoJSON (Multi)Polygon in WGS84, or raise ValidationError.

    Accepts a bare geometry or a Feature. Coordinates are [lon, lat] (RFC 7946 §3.1.1).
    """
    if isinstance(geojson, dict) and geojson.get("type") == "Feature":
        geojson = geojson.get("geometry")
    if not isinstance(geojson, dict) or geojson.get("type") not in POLYGON_TYPES:
        raise ValidationError(_("The geometry must be a GeoJSON Polygon or MultiPolygon."))
    try:
        geometry = shape(geojson)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValidationError(
            _("The geometry is not valid GeoJSON: %(error)s") % {"error": exc}
        ) from exc
    if geometry.is_empty or not geometry.is_valid:
        raise ValidationError(_("The polygon is empty or crosses itself."))
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ValidationError(
            _("Coordinates must be WGS84 longitude/latitude in degrees ([lon, lat]).")
        )
    return geometry


def validate_lat_lon(lat: float, lon: float) -> None:
    if not (-90 <= lat <= 90) or not (-180 <= lon <= 180):
        raise ValidationError(_("Latitude must lie in [-90, 90] and longitude in [-180, 180]."))


@lru_cache(maxsize=512)
def _cached_shape(key: str, geojson_text: str) -> BaseGeometry:
    import json

    return shape(json.loads(geojson_text))


def contains(geojson: dict[str, Any], lat: float, lon: float, *, cache_key: str = "") -> bool:
    import json

    text = json.dumps(geojson, sort_keys=True)
    geometry = _cached_shape(cache_key or text, text)
    return bool(geometry.covers(Point(lon, lat)))


@lru_cache(maxsize=8)
def _transformer(target_crs: str) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", target_crs, always_xy=True)


def to_metric(lat: float, lon: float, crs: str = "EPSG:31370") -> tuple[float, float]:
    """Project WGS84 to a metric CRS (default Belgian Lambert 72) for distances in metres."""
    x, y = _transformer(crs).transform(lon, lat)
    return float(x), float(y)
