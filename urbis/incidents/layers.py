"""Map layers and tables from the kernels (urbis.analytics), cached by their inputs.

Each function takes the user and the filters, reads through the selectors, calls one kernel
with plain arrays and returns JSON-ready data (GeoJSON in WGS84 for map layers). The result
cache key is the layer, its parameters, the filters and the data revision (cache.py).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import numpy as np
from django.utils import timezone
from numpy.typing import NDArray

from urbis.core.models import Area
from urbis.core.rates import per_1000
from urbis.core.types import Actor
from urbis.incidents import aoristic, arrays, cache, conf, selectors, spatial
from urbis.incidents.indicators import dwellings_total
from urbis.incidents.models import AreaDwellings, Category, Family

MAX_CELLS = 1_000_000


def city_grid(cell_size: float) -> Any:
    """The grid over the city's extent (URBIS_CITY_BBOX or the areas), snapped to the cell."""
    # on first use: numba and scipy take seconds to load (urbis/analytics/__init__.py)
    from urbis.analytics import grid_for

    bbox = spatial.city_bbox()
    if bbox is None:
        raise ValueError("no city extent: set URBIS_CITY_BBOX or load the areas")
    corners_lat = [bbox[1], bbox[1], bbox[3], bbox[3]]
    corners_lon = [bbox[0], bbox[2], bbox[0], bbox[2]]
    xs, ys = spatial.to_metric(corners_lat, corners_lon)
    grid = grid_for([], cell_size, extent=(xs.min(), ys.min(), xs.max(), ys.max()))
    if grid.rows * grid.cols > MAX_CELLS:
        raise ValueError(f"cell_size: {grid.rows * grid.cols} cells, more than {MAX_CELLS}")
    return grid


def _area_revision() -> tuple[int, int]:
    from django.db.models import Count, Max

    agg = Area.objects.aggregate(n=Count("pk"), m=Max("pk"))
    return (agg["n"] or 0, agg["m"] or 0)


@lru_cache(maxsize=16)
def _mask(grid: Any, revision: tuple[int, int]) -> NDArray[np.bool_] | None:
    """Cells whose centre lies inside one of the areas (the clipped study area, never the
    bounding box: domain/analytics.md §2.6)."""
    import shapely
    from shapely.geometry import shape
    from shapely.ops import unary_union

    kind = str(conf.get("URBIS_INCIDENTS_AREA_KIND"))
    geometries = [
        shape(g) for g in Area.objects.filter(kind=kind).values_list("geometry", flat=True)
    ]
    if not geometries:
        return None
    city = unary_union(geometries)
    xs, ys = grid.centres()
    gx, gy = np.meshgrid(xs, ys)
    lon, lat = spatial.from_metric(gx.ravel(), gy.ravel())
    inside = shapely.contains_xy(city, lon, lat)
    return np.asarray(inside, dtype=bool).reshape(grid.shape)


def study_mask(grid: Any) -> NDArray[np.bool_] | None:
    return _mask(grid, _area_revision())


def _cells_geojson(
    grid: Any, rows: NDArray[Any], cols: NDArray[Any], props: list[dict[str, Any]]
) -> dict[str, Any]:
    s = grid.cell_size
    x0 = grid.x0 + cols * s
    y0 = grid.y0 + rows * s
    xs = np.stack([x0, x0 + s, x0 + s, x0, x0], axis=1)
    ys = np.stack([y0, y0, y0 + s, y0 + s, y0], axis=1)
    lon, lat = spatial.from_metric(xs.ravel(), ys.ravel())
    lon = lon.reshape(xs.shape)
    lat = lat.reshape(ys.shape)
    features = []
    for i, properties in enumerate(props):
        ring = [
            [round(float(a), 6), round(float(b), 6)] for a, b in zip(lon[i], lat[i], strict=True)
        ]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _grid_info(grid: Any) -> dict[str, Any]:
    return {
        "x0": grid.x0,
        "y0": grid.y0,
        "cell_size": grid.cell_size,
        "rows": grid.rows,
        "cols": grid.cols,
        "crs": spatial.metric_crs(),
    }


def kde_layer(
    user: Actor,
    filters: selectors.Filters,
    *,
    cell_size: float = 100,
    bandwidth: float = 300,
    kernel: str = "quartic",
) -> tuple[dict[str, Any], bool]:
    """KDE heat map: ``urbis.analytics.kde_grid`` of the filtered incidents on the city grid."""
    params = {"filters": filters.key(), "cell": cell_size, "bw": bandwidth, "kernel": kernel}

    def compute() -> dict[str, Any]:
        # on first use: numba and scipy take seconds to load (urbis/analytics/__init__.py)
        from urbis.analytics import kde_grid

        grid = city_grid(cell_size)
        xy = selectors.points_for(user, filters)
        if len(xy) == 0:
            return {
                "grid": _grid_info(grid),
                "n_events": 0,
                "geojson": _cells_geojson(grid, np.zeros(0, int), np.zeros(0, int), []),
                "density": [],
            }
        result = kde_grid(
            xy,
            cell_size=cell_size,
            bandwidth=bandwidth,
            kernel=kernel,  # type: ignore[arg-type]
            extent=grid.extent,
        )
        density = result.density
        rows, cols = np.nonzero(density > density.max() * 0.02)
        props = [
            {"density": round(float(density[r, c]), 3)} for r, c in zip(rows, cols, strict=True)
        ]
        return {
            "grid": _grid_info(result.grid),
            "n_events": len(xy),
            "kernel": kernel,
            "bandwidth": bandwidth,
            "unit": "events per km²",
            "density": density.tolist(),
            "geojson": _cells_geojson(result.grid, rows, cols, props),
        }

    return cache.cached("kde", user, params, compute)


def significance_class(z: float, p: float) -> int:
    """ArcGIS-style Gi_Bin on the FDR-adjusted p: ±3 (99 %), ±2 (95 %), ±1 (90 %), 0."""
    if not np.isfinite(z) or not np.isfinite(p):
        return 0
    level = 3 if p < 0.01 else 2 if p < 0.05 else 1 if p < 0.10 else 0
    return int(np.sign(z)) * level


def gistar_layer(
    user: Actor, filters: selectors.Filters, *, cell_size: float = 100, neighbourhood: str = "queen"
) -> tuple[dict[str, Any], bool]:
    """Gi* hotspots: ``urbis.analytics.gi_star`` on the incident counts of the city grid,
    cells outside the city masked out. The map gets the cells with a non-zero class (hot or
    cold spots); ``cells`` lists each with its count, z, p, FDR p and class."""
    params = {"filters": filters.key(), "cell": cell_size, "nb": neighbourhood}

    def compute() -> dict[str, Any]:
        # on first use: numba and scipy take seconds to load (urbis/analytics/__init__.py)
        from urbis.analytics import gi_star

        grid = city_grid(cell_size)
        xy = selectors.points_for(user, filters)
        counts = grid.counts(xy) if len(xy) else np.zeros(grid.shape)
        mask = study_mask(grid)
        empty = _cells_geojson(grid, np.zeros(0, int), np.zeros(0, int), [])
        if counts.sum() == 0:
            return {
                "grid": _grid_info(grid),
                "n_events": len(xy),
                "hotspots": 0,
                "geojson": empty,
                "cells": [],
            }
        result = gi_star(counts, neighbourhood=neighbourhood, mask=mask)
        z, p, q = result.z, result.p, result.p_fdr
        finite = np.isfinite(z) & np.isfinite(q)
        level = np.where(q < 0.01, 3, np.where(q < 0.05, 2, np.where(q < 0.10, 1, 0)))
        classes = np.where(finite, np.sign(np.nan_to_num(z)) * level, 0).astype(int)
        rows, cols = np.nonzero(classes != 0)
        cells = [
            {
                "row": int(r),
                "col": int(c),
                "count": int(counts[r, c]),
                "z": round(float(z[r, c]), 4),
                "p": float(p[r, c]),
                "p_fdr": float(q[r, c]),
                "class": int(classes[r, c]),
            }
            for r, c in zip(rows.tolist(), cols.tolist(), strict=True)
        ]
        return {
            "grid": _grid_info(grid),
            "n_events": len(xy),
            "n_counted": int(counts.sum()),
            "hotspots": int((classes > 0).sum()),
            "cells": cells,
            "geojson": _cells_geojson(grid, rows, cols, cells),
        }

    return cache.cached("gistar", user, params, compute)


def choropleth_layer(
    user: Actor, filters: selectors.Filters, *, per: str = "inhabitants"
) -> tuple[dict[str, Any], bool]:
    """Incidents per area and the rate per 1,000 inhabitants or dwellings (urbis.core.rates)."""
    params = {"filters": filters.key(), "per": per}

    def compute() -> dict[str, Any]:
        from django.db.models import Count

        kind = str(conf.get("URBIS_INCIDENTS_AREA_KIND"))
        counts = dict(
            selectors.incidents_for(user, filters)
            .exclude(area__isnull=True)
            .values_list("area_id")
            .annotate(n=Count("pk"))
            .values_list("area_id", "n")
        )
        year = (filters.end or timezone.localdate()).year
        features = []
        for area in Area.objects.filter(kind=kind):
            n = counts.get(area.pk, 0)
            if per == "dwellings":
                base = dwellings_total(year, [area.pk]) or None
            else:
                base = area.population
            features.append(
                {
                    "type": "Feature",
                    "id": area.code,
                    "geometry": area.geometry,
                    "properties": {
                        "code": area.code,
                        "name": area.name,
                        "count": n,
                        "base": base,
                        "per": per,
                        "rate": per_1000(n, base),
                    },
                }
            )
        return {"per": per, "geojson": {"type": "FeatureCollection", "features": features}}

    return cache.cached("choropleth", user, params, compute)


def week_hour_chart(user: Actor, filters: selectors.Filters) -> tuple[dict[str, Any], bool]:
    """Day-of-week × hour table with aoristic weights (windows spread over their hours)."""

    def compute() -> dict[str, Any]:
        data = selectors.events_for(user, filters)
        table = aoristic.week_hour_weights(data.start, data.end)
        return {"weights": np.round(table, 4).tolist(), "n_events": data.n}

    return cache.cached("weekhour", user, {"filters": filters.key()}, compute)


def time_series(user: Actor, filters: selectors.Filters) -> tuple[dict[str, Any], bool]:
    """Incidents per week (Monday), by the midpoint of the window; windows longer than the
    aoristic limit are counted separately, not placed at their start."""

    def compute() -> dict[str, Any]:
        data = selectors.events_for(user, filters)
        t, ok = data.point_times()
        weeks: dict[str, int] = {}
        for day in np.floor(t[ok]).astype(int).tolist():
            date = arrays.EPOCH.date() + dt.timedelta(days=day)
            monday = (date - dt.timedelta(days=date.weekday())).isoformat()
            weeks[monday] = weeks.get(monday, 0) + 1
        labels = sorted(weeks)
        return {
            "labels": labels,
            "counts": [weeks[k] for k in labels],
            "imprecise": int((~ok).sum()),
        }

    return cache.cached("series", user, {"filters": filters.key()}, compute)


def forecast_layer(
    user: Actor,
    filters: selectors.Filters,
    *,
    at: dt.date | None = None,
    cell_size: float = 100,
    space_bandwidth: int = 4,
    time_bandwidth: int = 8,
    coverage: tuple[float, ...] = (0.01, 0.05, 0.10),
) -> tuple[dict[str, Any], bool]:
    """Prospective hotspot forecast for the week from ``at`` (default today) and, on the past,
    the same forecast made one week earlier scored on that week: hit rate, PAI and PEI
    (``urbis.analytics.prospective_hotspot``, ``hit_rate``, ``pai``, ``pei``)."""
    at = at or timezone.localdate()
    params = {
        "filters": filters.key(),
        "at": at,
        "cell": cell_size,
        "sb": space_bandwidth,
        "tb": time_bandwidth,
        "cov": list(coverage),
    }

    def compute() -> dict[str, Any]:
        # on first use: numba and scipy take seconds to load (urbis/analytics/__init__.py)
        from urbis.analytics import hit_rate, pai, pei, prospective_hotspot

        grid = city_grid(cell_size)
        mask = study_mask(grid)
        data = selectors.events_for(user, filters)
        t, ok = data.point_times()
        xy, t = data.xy[ok], t[ok]
        at_day = arrays.day_number(at)
        past_day = at_day - 7
        kwargs = {
            "grid": grid,
            "space_bandwidth": space_bandwidth,
            "time_bandwidth": time_bandwidth,
        }
        out: dict[str, Any] = {
            "grid": _grid_info(grid),
            "at": at.isoformat(),
            "n_events": int(t.size),
            "coverage": list(coverage),
        }
        if t.size == 0:
            out.update(
                geojson=_cells_geojson(grid, np.zeros(0, int), np.zeros(0, int), []), backtest=None
            )
            return out
        risk = prospective_hotspot(xy, t, at=at_day, **kwargs).risk
        masked = np.where(mask, risk, -np.inf) if mask is not None else risk
        k = max(1, int(np.floor((mask.sum() if mask is not None else risk.size) * max(coverage))))
        order = np.argsort(-masked, axis=None, kind="stable")[:k]
        rows, cols = np.unravel_index(order, grid.shape)
        keep = risk[rows, cols] > 0
        rows, cols = rows[keep], cols[keep]
        props = [
            {"risk": round(float(risk[r, c]), 4), "rank": i + 1}
            for i, (r, c) in enumerate(zip(rows, cols, strict=True))
        ]
        out["geojson"] = _cells_geojson(grid, rows, cols, props)
        test = (t >= past_day) & (t < at_day)
        if test.sum() == 0 or (t < past_day).sum() == 0:
            out["backtest"] = None
            return out
        before = prospective_hotspot(xy, t, at=past_day, **kwargs).risk
        events = grid.counts(xy[test])
        if mask is not None and events[mask].sum() == 0:
            out["backtest"] = None
            return out
        out["backtest"] = {
            "from": (at - dt.timedelta(days=7)).isoformat(),
            "test_events": int(test.sum()),
            "hit_rate": np.atleast_1d(hit_rate(before, events, list(coverage), mask=mask)).tolist(),
            "pai": np.atleast_1d(pai(before, events, list(coverage), mask=mask)).tolist(),
            "pei": np.atleast_1d(pei(before, events, list(coverage), mask=mask)).tolist(),
        }
        return out

    return cache.cached("forecast", user, params, compute)


def burglary_codes() -> tuple[str, ...]:
    return tuple(
        Category.objects.filter(family=Family.BURGLARY, dwelling=True).values_list(
            "code", flat=True
        )
    )


def dwellings_known() -> bool:
    return AreaDwellings.objects.exists()
