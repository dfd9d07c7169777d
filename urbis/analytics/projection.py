"""Projection helpers: WGS84 longitude/latitude (or any CRS) to metres with pyproj.

Distances, bands, bandwidths and cells are metres, so every kernel needs projected
coordinates. :func:`ensure_metres` is the check the kernels apply: coordinates that all lie in
the degree ranges and span far less than the analysis scale are refused with a message that
says to project them first.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from urbis.analytics._validation import as_xy, check_metres

#: Belgian Lambert 72, the default metric CRS of a Belgian city.
BELGIAN_LAMBERT_72 = "EPSG:31370"


@lru_cache(maxsize=16)
def _transformer(source: str, target: str) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(source, target, always_xy=True)


@lru_cache(maxsize=64)
def _crs(text: str) -> Any:
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        return CRS.from_user_input(f"EPSG:{text}" if text.isdigit() else text)
    except CRSError:
        raise ValueError(f"crs: unknown coordinate reference system {text!r}") from None


def _lonlat(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    lon_a = np.asarray(lon, dtype=np.float64)
    lat_a = np.asarray(lat, dtype=np.float64)
    if lon_a.shape != lat_a.shape:
        raise ValueError(f"lon/lat: lengths differ ({lon_a.shape} vs {lat_a.shape})")
    if not (np.all(np.isfinite(lon_a)) and np.all(np.isfinite(lat_a))):
        raise ValueError("lon/lat: contains NaN or infinite values")
    if np.any(np.abs(lat_a) > 90) or np.any(np.abs(lon_a) > 180):
        raise ValueError("lon/lat: values outside [-180, 180] x [-90, 90] are not degrees")
    return lon_a, lat_a


def utm_crs(lon: ArrayLike, lat: ArrayLike) -> str:
    """The WGS84 / UTM zone (``EPSG:326zz`` north, ``327zz`` south) of the points' centre.

    A city fits in one 6° zone, where UTM's scale error stays below 0.1 %.

    Examples
    --------
    >>> utm_crs([4.35], [50.85])  # Brussels
    'EPSG:32631'
    >>> utm_crs([-87.65], [41.85])  # Chicago
    'EPSG:32616'
    """
    lon_a, lat_a = _lonlat(lon, lat)
    if lon_a.size == 0:
        raise ValueError("lon/lat: no points")
    centre_lon = float(np.mean(lon_a))
    centre_lat = float(np.mean(lat_a))
    zone = min(60, int((centre_lon + 180) // 6) + 1)
    return f"EPSG:{(32600 if centre_lat >= 0 else 32700) + zone}"


def _resolve(target: str, lon: NDArray[np.float64], lat: NDArray[np.float64]) -> str:
    """ "utm": the points' UTM zone; "auto": Lambert 72 inside Belgium, else UTM."""
    if target == "utm":
        return utm_crs(lon, lat)
    if target == "auto":
        lon_c, lat_c = float(np.mean(lon)), float(np.mean(lat))
        in_belgium = 2.5 <= lon_c <= 6.5 and 49.4 <= lat_c <= 51.6
        return BELGIAN_LAMBERT_72 if in_belgium else utm_crs(lon, lat)
    return target


def project_lonlat(
    lon: ArrayLike, lat: ArrayLike, crs: str = BELGIAN_LAMBERT_72
) -> NDArray[np.float64]:
    """Project WGS84 longitude/latitude (degrees) to an (n, 2) array in metres.

    ``crs`` is the target (default Belgian Lambert 72); ``"utm"`` picks the UTM zone of the
    points (:func:`utm_crs`); ``"auto"`` picks Lambert 72 for a Belgian city and UTM elsewhere.

    Examples
    --------
    >>> xy = project_lonlat([4.4776], [51.0259])
    >>> bool(150_000 < xy[0, 0] < 160_000 and 185_000 < xy[0, 1] < 195_000)
    True
    """
    lon_a, lat_a = _lonlat(lon, lat)
    target = _resolve(crs, lon_a, lat_a)
    if not _is_metric(target):
        raise ValueError(f"crs: {target} is not a projected CRS in metres")
    x, y = _transformer("EPSG:4326", _crs(target).to_string()).transform(lon_a, lat_a)
    return np.column_stack([x, y]).astype(np.float64)


def _is_metric(crs: str) -> bool:
    parsed = _crs(crs)
    if not parsed.is_projected:
        return False
    units = {axis.unit_name for axis in parsed.axis_info}
    return units <= {"metre", "meter"}


def to_metres(
    x: ArrayLike, y: ArrayLike, crs: str, target: str = "auto"
) -> tuple[NDArray[np.float64], str]:
    """Coordinates in ``crs`` as an (n, 2) array in metres, and the CRS they are now in.

    A projected CRS in metres is kept as it is. Anything else (geographic longitude/latitude
    such as EPSG:4326, or a projected CRS in feet) is transformed to ``target``: a CRS, "utm"
    (the points' UTM zone) or "auto" (Lambert 72 for a Belgian city, UTM elsewhere).

    Examples
    --------
    >>> xy, crs = to_metres([4.4776], [51.0259], "EPSG:4326")
    >>> crs
    'EPSG:31370'
    >>> to_metres([-87.65], [41.85], "4326")[1]
    'EPSG:32616'
    >>> to_metres([150000.0], [190000.0], "31370")[1]
    'EPSG:31370'
    """
    source = _crs(crs)
    name = source.to_string()
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    if xs.shape != ys.shape:
        raise ValueError(f"x/y: lengths differ ({xs.shape} vs {ys.shape})")
    if _is_metric(crs):
        return as_xy(np.column_stack([xs, ys]), "x/y"), name
    # Through WGS84 longitude/latitude, which also picks the UTM zone for "utm"/"auto".
    lon, lat = _transformer(name, "EPSG:4326").transform(xs, ys)
    lon_a, lat_a = _lonlat(lon, lat)
    goal = _resolve(target, lon_a, lat_a)
    return project_lonlat(lon_a, lat_a, goal), _crs(goal).to_string()


def unproject(xy: ArrayLike, crs: str) -> NDArray[np.float64]:
    """Metric coordinates in ``crs`` back to an (n, 2) array of WGS84 longitude/latitude."""
    array = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
    lon, lat = _transformer(_crs(crs).to_string(), "EPSG:4326").transform(array[:, 0], array[:, 1])
    return np.column_stack([lon, lat])


def ensure_metres(xy: ArrayLike, scale: float, name: str = "xy") -> NDArray[np.float64]:
    """Return ``xy`` as (n, 2) floats, refusing longitude/latitude passed as metres.

    ``scale`` is the analysis length in metres (a band, bandwidth or cell size). Points that
    all lie within ±180 × ±90 and span less than a tenth of it are almost certainly degrees:
    a ``ValueError`` naming ``name`` says so and how to project them.

    Examples
    --------
    >>> ensure_metres([[4.47, 51.02], [4.48, 51.03]], 200)
    Traceback (most recent call last):
    ...
    ValueError: xy: coordinates look like longitude/latitude degrees ...
    """
    points = as_xy(xy, name)
    check_metres(points, float(scale), name)
    return points
