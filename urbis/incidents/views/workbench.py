"""The analyst's workbench: map layers, charts, the Knox table; thin glue over layers.py."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.permissions import role_required
from urbis.core.types import Actor
from urbis.incidents import downloads, layers, selectors, spatial
from urbis.incidents.forms import WEEKDAYS, FilterForm, KnoxForm, LayerForm
from urbis.incidents.permissions import WORKBENCH_ROLES
from urbis.incidents.services.runs import knox_job_create

LAYERS = ("points", "kde", "gistar", "choropleth", "forecast")
CHARTS = ("series", "weekhour")


def _bad_request(form: Any) -> JsonResponse:
    return JsonResponse(
        {
            "status": 400,
            "code": "invalid",
            "message": _("Invalid filter."),
            "errors": form.errors.get_json_data(),
        },
        status=400,
    )


def _parse(request: HttpRequest) -> tuple[FilterForm, LayerForm]:
    return FilterForm(request.GET), LayerForm(request.GET)


@role_required(*WORKBENCH_ROLES)
def workbench(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters = form.filters() if form.is_bound and form.is_valid() else selectors.Filters()
    query = request.GET.urlencode()
    runs = selectors.knox_runs_for(request.user)
    category_code = filters.categories[0] if len(filters.categories) == 1 else "burglary-dwelling"
    latest = runs.filter(category__code=category_code).first() or runs.first()
    knox_form = KnoxForm(
        initial={
            "category": selectors.categories_for(request.user).filter(code=category_code).first(),
            "start": filters.start or timezone.localdate() - dt.timedelta(days=365),
            "end": filters.end or timezone.localdate(),
        }
    )
    count = selectors.incidents_for(request.user, filters).count()
    left_out = selectors.too_long_to_place_count(request.user, filters)
    return render(
        request,
        "incidents/workbench.html",
        {
            "form": form,
            "query": query,
            "count": count,
            "left_out": left_out,
            "layers": LAYERS,
            "knox": latest,
            "knox_rows": _knox_rows(latest) if latest else [],
            "knox_form": knox_form,
            "weekdays": [str(label) for _v, label in WEEKDAYS],
            "watches": selectors.open_watches(request.user)[:5],
        },
    )


def _knox_rows(run: Any) -> list[dict[str, Any]]:
    result = run.result
    rows = []
    for i, label in enumerate(result.get("space_labels", [])):
        cells = []
        for j, _t in enumerate(result.get("time_labels", [])):
            ratio = result["ratio"][i][j]
            p = result["p_value"][i][j]
            cells.append(
                {
                    "observed": result["observed"][i][j],
                    "expected": result["expected"][i][j],
                    "ratio": ratio,
                    "p": p,
                    "significant": ratio is not None and p is not None and ratio > 1 and p < 0.05,
                }
            )
        rows.append({"label": label, "cells": cells})
    return rows


def _points(user: Actor, filters: selectors.Filters, zoom: int | None) -> dict[str, Any]:
    """Incidents clustered on a grid whose cell shrinks as the map zooms in (server-side, so
    50,000 incidents stay light); single incidents are shown as themselves."""
    # on first use: numba and scipy take seconds to load (urbis/analytics/__init__.py)
    from urbis.analytics import grid_for

    data = selectors.events_for(user, filters)
    if data.n == 0:
        return {"type": "FeatureCollection", "features": []}
    cell = 40_000_000 * math.cos(math.radians(51)) / 2 ** (zoom or 13) / 256 * 60
    grid = grid_for(data.xy, max(cell, 1.0))
    rows, cols = grid.cell_of(data.xy)
    keys = rows * grid.cols + cols
    unique, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    sums = np.zeros((unique.size, 2))
    np.add.at(sums, inverse, data.xy)
    centres = sums / counts[:, None]
    lon, lat = spatial.from_metric(centres[:, 0], centres[:, 1])
    first = np.zeros(unique.size, dtype=np.int64)
    first[inverse[::-1]] = data.ids[::-1]
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(float(a), 6), round(float(b), 6)]},
            "properties": {"count": int(n), **({"id": int(i)} if n == 1 else {})},
        }
        for a, b, n, i in zip(
            lon.tolist(), lat.tolist(), counts.tolist(), first.tolist(), strict=True
        )
    ]
    return {"type": "FeatureCollection", "features": features}


@role_required(*WORKBENCH_ROLES)
def layer(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    if kind not in LAYERS or fmt not in ("geojson", "csv", "png", "json"):
        raise Http404
    form, params = _parse(request)
    if not form.is_valid():
        return _bad_request(form)
    if not params.is_valid():
        return _bad_request(params)
    filters, p = form.filters(), params.cleaned_data
    cell = p.get("cell") or 100
    try:
        if kind == "points":
            data: dict[str, Any] = {"geojson": _points(request.user, filters, p.get("zoom"))}
        elif kind == "kde":
            data, _hit = layers.kde_layer(
                request.user, filters, cell_size=cell, bandwidth=p.get("bandwidth") or 300
            )
        elif kind == "gistar":
            data, _hit = layers.gistar_layer(request.user, filters, cell_size=cell)
        elif kind == "choropleth":
            data, _hit = layers.choropleth_layer(
                request.user, filters, per=p.get("per") or "inhabitants"
            )
        else:
            data, _hit = layers.forecast_layer(
                request.user, filters, at=p.get("at"), cell_size=cell
            )
    except ValueError as error:
        return JsonResponse(
            {"status": 400, "code": "invalid", "message": str(error), "errors": {}}, status=400
        )
    name = f"incidents-{kind}"
    if fmt == "json":
        return JsonResponse({k: v for k, v in data.items() if k not in ("density",)})
    if fmt == "geojson":
        return downloads.geojson_response(data["geojson"], name)
    if fmt == "csv":
        return downloads.features_csv(data["geojson"], name)
    return downloads.png_response(_layer_png(kind, data), name)


def _layer_png(kind: str, data: dict[str, Any]) -> bytes:
    if kind == "kde" and data.get("density"):
        return downloads.grid_png(data["density"], _("Kernel density (events per km²)"))
    if kind == "gistar" and data.get("grid"):
        g = data["grid"]
        values = np.full((g["rows"], g["cols"]), np.nan)
        for cell in data.get("cells", []):
            values[cell["row"], cell["col"]] = cell["z"] if cell["z"] is not None else np.nan
        return downloads.grid_png(values, _("Gi* z-score"), diverging=True)
    features = data.get("geojson", {}).get("features", [])
    if kind == "choropleth":
        return downloads.bars_png(
            [f["properties"]["name"] for f in features],
            [f["properties"]["rate"] for f in features],
            _("Rate per 1,000"),
        )
    top: list[float | None] = [
        f["properties"].get("risk") or f["properties"].get("count") or 0 for f in features
    ]
    return downloads.bars_png([str(i + 1) for i in range(len(top))], top, _("Top cells"))


@role_required(*WORKBENCH_ROLES)
def chart(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    if kind not in CHARTS or fmt not in ("json", "csv", "png"):
        raise Http404
    form = FilterForm(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    filters = form.filters()
    if kind == "series":
        data, _hit = layers.time_series(request.user, filters)
        if fmt == "csv":
            return downloads.csv_response(
                ["week", "incidents"],
                zip(data["labels"], data["counts"], strict=True),
                "incidents-weekly",
            )
        if fmt == "png":
            return downloads.png_response(
                downloads.bars_png(data["labels"], data["counts"], _("Incidents per week")),
                "incidents-weekly",
            )
        return JsonResponse(data)
    data, _hit = layers.week_hour_chart(request.user, filters)
    days = [str(label) for _v, label in WEEKDAYS]
    if fmt == "csv":
        return downloads.csv_response(
            ["day", *[f"{h:02d}" for h in range(24)]],
            ([d, *row] for d, row in zip(days, data["weights"], strict=True)),
            "incidents-week-hour",
        )
    if fmt == "png":
        return downloads.png_response(
            downloads.grid_png(data["weights"], _("Day of week × hour (aoristic)"), cmap="Blues"),
            "incidents-week-hour",
        )
    return JsonResponse({**data, "days": days})


@role_required(*WORKBENCH_ROLES)
@require_POST
def knox_start(request: HttpRequest) -> HttpResponse:
    form = KnoxForm(request.POST)
    if not form.is_valid():
        return render(request, "incidents/knox_form.html", {"form": form}, status=400)
    data = form.cleaned_data
    job = knox_job_create(
        actor=request.user,
        category=data["category"],
        start=data["start"],
        end=data["end"],
        space=data["space"],
        time=data["time"],
        metric=data["metric"],
        permutations=data["permutations"],
    )
    return redirect("incidents:knox_job", pk=job.pk)


@role_required(*WORKBENCH_ROLES)
def knox_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The run's state and a progress bar the page polls; the table once it is done."""
    job = get_object_or_404(selectors.knox_jobs_for(request.user), pk=pk)
    context: dict[str, Any] = {"job": job}
    if job.knox_run is not None:
        context.update(knox=job.knox_run, knox_rows=_knox_rows(job.knox_run))
    return render(request, "incidents/knox_job.html", context)


@role_required(*WORKBENCH_ROLES)
def knox_job_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = get_object_or_404(selectors.knox_jobs_for(request.user), pk=pk)
    return JsonResponse(
        {
            "status": job.status,
            "done": job.done,
            "total": job.total,
            "message": job.message,
            "knox_run": job.knox_run_id,
        }
    )


@role_required(*WORKBENCH_ROLES)
def knox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(selectors.knox_runs_for(request.user), pk=pk)
    return render(request, "incidents/knox.html", {"knox": run, "knox_rows": _knox_rows(run)})


@role_required(*WORKBENCH_ROLES)
def knox_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    run = get_object_or_404(selectors.knox_runs_for(request.user), pk=pk)
    result = run.result
    name = f"knox-{run.category.code}-{run.period_start}-{run.period_end}"
    if fmt == "json":
        return JsonResponse({"parameters": run.parameters, **result})
    if fmt == "csv":
        rows = []
        for i, space in enumerate(result["space_labels"]):
            for j, time in enumerate(result["time_labels"]):
                rows.append(
                    [
                        space,
                        time,
                        result["observed"][i][j],
                        result["expected"][i][j],
                        result["ratio"][i][j],
                        result["p_value"][i][j],
                    ]
                )
        return downloads.csv_response(
            ["distance", "time", "observed", "expected", "ratio", "p_value"], rows, name
        )
    if fmt == "png":
        image = downloads.table_png(
            result["ratio"],
            result["space_labels"],
            result["time_labels"],
            _("Knox ratio, observed / expected"),
        )
        return downloads.png_response(image, name)
    raise Http404
