"""Projection helpers: WGS84 longitude/latitude to a metric CRS (pyproj)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: Belgian Lambert 72, the default metric CRS of a Belgian city.
BELGIAN_LAMBERT_72 = "EPSG:31370"


@lru_cache(maxsize=16)
def _transformer(source: str, target: str) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(source, target, always_xy=True)


def project_lonlat(
    lon: ArrayLike, lat: ArrayLike, crs: str = BELGIAN_LAMBERT_72
) -> NDArray[np.float64]:
    """Project WGS84 longitude/latitude (degrees) to an (n, 2) array in metres.

    Examples
    --------
    >>> xy = project_lonlat([4.4776], [51.0259])
    >>> bool(150_000 < xy[0, 0] < 160_000 and 185_000 < xy[0, 1] < 195_000)
    True
    """
    lon_a = np.asarray(lon, dtype=np.float64)
    lat_a = np.asarray(lat, dtype=np.float64)
    if lon_a.shape != lat_a.shape:
        raise ValueError(f"lon/lat: lengths differ ({lon_a.shape} vs {lat_a.shape})")
    if np.any(np.abs(lat_a) > 90) or np.any(np.abs(lon_a) > 180):
        raise ValueError("lon/lat: values outside [-180, 180] x [-90, 90] are not degrees")
    x, y = _transformer("EPSG:4326", crs).transform(lon_a, lat_a)
    return np.column_stack([x, y]).astype(np.float64)


def unproject(xy: ArrayLike, crs: str) -> NDArray[np.float64]:
    """Metric coordinates in ``crs`` back to an (n, 2) array of WGS84 longitude/latitude."""
    array = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
    lon, lat = _transformer(crs, "EPSG:4326").transform(array[:, 0], array[:, 1])
    return np.column_stack([lon, lat])
