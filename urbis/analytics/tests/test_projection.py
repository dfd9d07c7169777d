"""Projection helpers and the degrees-instead-of-metres guard."""

from __future__ import annotations

import numpy as np
import pytest

from urbis.analytics import ensure_metres, project_lonlat, unproject, utm_crs
from urbis.analytics.projection import to_metres


def test_project_lonlat_and_back() -> None:
    lon, lat = [4.4776, 4.4876], [51.0259, 51.0259]
    xy = project_lonlat(lon, lat)
    assert 650 < xy[1, 0] - xy[0, 0] < 750  # 0.01° of longitude at 51° N is ~700 m
    np.testing.assert_allclose(unproject(xy, "EPSG:31370"), np.column_stack([lon, lat]))


def test_utm_zone_and_auto_target() -> None:
    assert utm_crs([4.35], [50.85]) == "EPSG:32631"
    assert utm_crs([-87.65], [41.85]) == "EPSG:32616"
    assert utm_crs([151.2], [-33.9]) == "EPSG:32756"  # Sydney, southern hemisphere
    assert to_metres([4.35], [50.85], "EPSG:4326")[1] == "EPSG:31370"  # Belgium: Lambert 72
    assert to_metres([-87.65], [41.85], "4326")[1] == "EPSG:32616"  # elsewhere: UTM


def test_to_metres_keeps_metric_input_and_converts_feet() -> None:
    xy, crs = to_metres([365535.52], [563965.21], "EPSG:26971")
    assert crs == "EPSG:26971" and xy.tolist() == [[365535.52, 563965.21]]
    # Illinois East in US survey feet (Chicago's own CRS) is converted to metres.
    feet, _ = to_metres([1160000.0, 1161000.0], [1900000.0, 1900000.0], "3435", "utm")
    assert feet[1, 0] - feet[0, 0] == pytest.approx(304.8, rel=2e-3)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: project_lonlat([400], [51]), "not degrees"),
        (lambda: project_lonlat([4.4, 4.5], [51]), "lengths differ"),
        (lambda: project_lonlat([np.nan], [51]), "NaN"),
        (lambda: project_lonlat([4.4], [51.0], "EPSG:4326"), "not a projected CRS in metres"),
        (lambda: to_metres([1], [2], "EPSG:99999"), "unknown coordinate reference system"),
        (lambda: ensure_metres([[4.47, 51.02], [4.48, 51.03]], 200), "longitude/latitude"),
        (lambda: ensure_metres([[0, 0, 0]], 200), "shape \\(n, 2\\)"),
    ],
)
def test_projection_bad_input(call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_ensure_metres_accepts_metres() -> None:
    points = ensure_metres([[150000.0, 190000.0], [150100.0, 190050.0]], 200)
    assert points.shape == (2, 2)
