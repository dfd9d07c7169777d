"""Forecasts the city used, and their honest evaluation afterwards (hit rate, PAI, PEI)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from urbis.core.audit import record_event
from urbis.core.types import Actor, actor_user
from urbis.incidents import arrays, layers
from urbis.incidents.models import Category, ForecastRun, Incident
from urbis.incidents.selectors import Filters


def forecast_use(
    *, actor: Actor, category: Category | None, at: dt.date, coverage: float, cell_size: int = 100
) -> ForecastRun:
    """Record the forecast for the week from ``at`` as used (the cells patrols will get)."""
    # on first use: numba and scipy take seconds to load (urbis/analytics/__init__.py)
    from urbis.analytics import Grid, prospective_hotspot

    filters = Filters(categories=(category.code,) if category else ())
    grid = layers.city_grid(cell_size)
    mask = layers.study_mask(grid)
    queryset = Incident.objects.all()
    if category:
        queryset = queryset.filter(category=category)
    data = arrays.events(queryset)
    t, ok = data.point_times()
    risk = (
        prospective_hotspot(
            data.xy[ok], t[ok], at=arrays.day_number(at), grid=grid, space_bandwidth=4
        ).risk
        if ok.sum()
        else np.zeros(grid.shape)
    )
    masked = np.where(mask, risk, -np.inf) if mask is not None else risk
    cells = int(mask.sum()) if mask is not None else risk.size
    k = max(1, int(np.floor(cells * coverage)))
    order = np.argsort(-masked, axis=None, kind="stable")[:k]
    rows, cols = np.unravel_index(order, grid.shape)
    assert isinstance(grid, Grid)
    with transaction.atomic():
        run = ForecastRun.objects.create(
            category=category,
            at=at,
            coverage=coverage,
            parameters={
                "cell_size": cell_size,
                "space_bandwidth": 4,
                "time_bandwidth": 8,
                "filters": filters.key(),
            },
            flagged=[[int(r), int(c)] for r, c in zip(rows, cols, strict=True)],
            grid={
                "x0": grid.x0,
                "y0": grid.y0,
                "cell_size": grid.cell_size,
                "rows": grid.rows,
                "cols": grid.cols,
                "cells": cells,
            },
            created_by=actor_user(actor),
        )
        record_event(
            actor=actor, action="incidents.forecast_use", target=run, data={"at": at.isoformat()}
        )
    return run


def forecast_evaluate(run: ForecastRun) -> dict[str, Any]:
    """What the used forecast caught in its week: hit rate, PAI = hit rate / flagged share of
    the city (clipped study area), PEI = caught / the most any equal set of cells would catch."""
    # on first use: numba and scipy take seconds to load (urbis/analytics/__init__.py)
    from urbis.analytics import Grid

    g = run.grid
    grid = Grid(g["x0"], g["y0"], g["cell_size"], g["rows"], g["cols"])
    queryset = Incident.objects.filter(
        occurred_from__date__gte=run.at,
        occurred_to__date__lt=run.at + dt.timedelta(days=run.horizon_days),
    )
    if run.category_id:
        queryset = queryset.filter(category_id=run.category_id)
    data = arrays.events(queryset)
    counts = grid.counts(data.xy) if data.n else np.zeros(grid.shape)
    flagged = np.zeros(grid.shape, dtype=bool)
    for r, c in run.flagged:
        flagged[r, c] = True
    total = float(counts.sum())
    caught = float(counts[flagged].sum())
    k = len(run.flagged)
    best = float(np.sort(counts, axis=None)[::-1][:k].sum())
    share = k / g["cells"] if g.get("cells") else None
    hit = caught / total if total else None
    # A week not over yet is not scored: its incidents are still coming (and being recorded).
    complete = timezone.localdate() >= run.at + dt.timedelta(days=run.horizon_days)
    if not complete:
        hit = None
    return {
        "complete": complete,
        "events": int(total),
        "caught": int(caught),
        "hit_rate": hit,
        "pai": hit / share if hit is not None and share else None,
        "pei": caught / best if best and complete else None,
    }
