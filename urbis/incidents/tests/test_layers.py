"""The layers equal the kernels' results for the same inputs; the cache returns the same."""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Transformer

from urbis.analytics import gi_star, grid_for, kde_grid, knox_test, prospective_hotspot
from urbis.incidents import layers
from urbis.incidents.models import Category
from urbis.incidents.selectors import Filters
from urbis.incidents.services.cocoon import knox_run_create

pytestmark = pytest.mark.django_db


def _city_extent(settings) -> tuple[float, ...]:  # type: ignore[no-untyped-def]
    lon0, lat0, lon1, lat1 = (float(v) for v in settings.URBIS_CITY_BBOX.split(","))
    to = Transformer.from_crs("EPSG:4326", settings.URBIS_METRIC_CRS, always_xy=True)
    xs, ys = to.transform([lon0, lon1, lon0, lon1], [lat0, lat0, lat1, lat1])
    return (min(xs), min(ys), max(xs), max(ys))


def test_kde_layer_equals_kde_grid(chicago, analyst, settings) -> None:
    data, hit = layers.kde_layer(analyst, Filters(), cell_size=200, bandwidth=400)
    assert not hit
    extent = grid_for([], 200, extent=_city_extent(settings)).extent
    expected = kde_grid(chicago["xy"], cell_size=200, bandwidth=400, extent=extent)
    assert data["n_events"] == 970
    np.testing.assert_allclose(np.array(data["density"]), expected.density, rtol=1e-6, atol=1e-9)
    again, hit = layers.kde_layer(analyst, Filters(), cell_size=200, bandwidth=400)
    assert hit and again["density"] == data["density"]


def test_gistar_layer_equals_gi_star_without_a_mask(chicago, analyst, settings) -> None:
    data, _hit = layers.gistar_layer(analyst, Filters(), cell_size=250)
    grid = grid_for([], 250, extent=_city_extent(settings))
    expected = gi_star(grid.counts(chicago["xy"]))
    assert data["n_counted"] == 970
    level = np.where(expected.p_fdr < 0.10, 1, 0) * np.sign(expected.z)
    listed = {(c["row"], c["col"]) for c in data["cells"]}
    assert listed == {tuple(rc) for rc in np.argwhere(level != 0).tolist()}
    assert data["hotspots"] == int((level > 0).sum()) > 0
    for cell in data["cells"]:
        r, c = cell["row"], cell["col"]
        assert cell["z"] == pytest.approx(expected.z[r, c], abs=1e-4)
        assert cell["p_fdr"] == pytest.approx(expected.p_fdr[r, c], rel=1e-9)
        assert cell["count"] == grid.counts(chicago["xy"])[r, c]
    assert data["geojson"]["features"][0]["geometry"]["type"] == "Polygon"


def test_knox_run_reproduces_the_nearrepeat_vignette(chicago, analyst) -> None:
    """domain/analytics.md §4.1: the observed table of the vignette, cell for cell."""
    category = Category.objects.get(code="burglary-dwelling")
    import datetime as dt

    run = knox_run_create(
        actor=analyst,
        category=category,
        period_start=dt.date(2015, 12, 1),
        period_end=dt.date(2016, 2, 1),
        space_breaks=[0, 0.1, 200, 400, 600],
        time_breaks=[0, 7, 14, 21],
        permutations=99,
    )
    assert run.result["observed"] == [[28, 5, 5], [141, 69, 27], [186, 140, 100], [237, 192, 128]]
    kernel = knox_test(
        chicago["xy"],
        chicago["dates"],
        space_breaks=[0, 0.1, 200, 400, 600],
        time_breaks=[0, 7, 14, 21],
        permutations=99,
        rng=1,
    )
    np.testing.assert_allclose(np.array(run.result["expected"]), kernel.expected, rtol=1e-9)


def test_forecast_layer_equals_prospective_hotspot(chicago, analyst, settings) -> None:
    import datetime as dt

    at = dt.date(2016, 1, 25)
    data, _hit = layers.forecast_layer(analyst, Filters(), at=at, cell_size=200, coverage=(0.05,))
    grid = grid_for([], 200, extent=_city_extent(settings))
    days = (chicago["dates"] - np.datetime64("1970-01-01")).astype(float) + 0.5
    at_day = float((at - dt.date(1970, 1, 1)).days)
    risk = prospective_hotspot(chicago["xy"], days, at=at_day, grid=grid, space_bandwidth=4).risk
    top = max(f["properties"]["risk"] for f in data["geojson"]["features"])
    assert top == pytest.approx(risk.max(), abs=1e-4)
    assert data["backtest"]["test_events"] > 0
    assert 0 <= data["backtest"]["hit_rate"][0] <= 1


def test_choropleth_rates_per_1000(city, analyst) -> None:
    import time_machine

    from urbis.incidents.services.imports import incidents_import

    with time_machine.travel("2026-11-20 12:00:00+01:00", tick=False):
        incidents_import(
            actor=None,
            filename="a.csv",
            data=(
                b"reference,category,occurred_from,lat,lon\n"
                b"A,vandalism,2026-11-01,51.02,4.45\nB,vandalism,2026-11-01,51.02,4.46\n"
                b"C,vandalism,2026-11-01,51.02,4.50\n"
            ),
        )
    data, _hit = layers.choropleth_layer(analyst, Filters())
    by_code = {f["properties"]["code"]: f["properties"] for f in data["geojson"]["features"]}
    assert by_code["T-W"]["count"] == 2 and by_code["T-W"]["rate"] == pytest.approx(0.2)
    assert by_code["T-E"]["count"] == 1 and by_code["T-E"]["rate"] == pytest.approx(0.2)


def test_outsider_gets_empty_layers(chicago, outsider) -> None:
    data, _hit = layers.gistar_layer(outsider, Filters(), cell_size=250)
    assert data["n_events"] == 0 and data["cells"] == []
