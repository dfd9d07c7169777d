"""Downloads of layers and tables: GeoJSON, CSV (formula-safe) and PNG (matplotlib, Agg)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from urbis.core import tabular


def geojson_response(data: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(json.dumps(data), content_type="application/geo+json")
    response["Content-Disposition"] = f'attachment; filename="{filename}.geojson"'
    return response


def csv_response(
    header: Sequence[str], rows: Iterable[Sequence[Any]], filename: str
) -> HttpResponse:
    """Through the core writer: every cell formula-safe (OWASP CSV injection)."""
    return tabular.csv_response(f"{filename}.csv", header, rows)


def features_csv(geojson: dict[str, Any], filename: str) -> HttpResponse:
    """One row per feature: its properties and the centre (lon, lat) of its outline."""
    features = geojson.get("features", [])
    keys: list[str] = []
    for feature in features:
        for key in feature.get("properties", {}):
            if key not in keys:
                keys.append(key)

    def centre(geometry: dict[str, Any]) -> tuple[float | str, float | str]:
        from shapely.geometry import shape

        try:
            point = shape(geometry).centroid
        except Exception:  # a malformed geometry gives empty cells, not a failure
            return "", ""
        return round(point.x, 6), round(point.y, 6)

    rows = []
    for feature in features:
        lon, lat = centre(feature["geometry"])
        rows.append([*(feature["properties"].get(k) for k in keys), lat, lon])
    return csv_response([*keys, "lat", "lon"], rows, filename)


def png_response(image: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(image, content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="{filename}.png"'
    return response


def grid_png(values: Any, title: str, *, cmap: str = "inferno", diverging: bool = False) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import numpy as np
    from matplotlib.figure import Figure

    array = np.asarray(values, dtype=float)
    figure = Figure(figsize=(6, 5), dpi=100)
    axes = figure.subplots()
    if diverging:
        limit = float(np.nanmax(np.abs(array))) if np.isfinite(array).any() else 1.0
        image = axes.imshow(array, origin="lower", cmap="RdBu_r", vmin=-limit, vmax=limit)
    else:
        image = axes.imshow(array, origin="lower", cmap=cmap)
    figure.colorbar(image, ax=axes)
    axes.set_title(title)
    axes.set_xticks([])
    axes.set_yticks([])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def table_png(values: Any, rows: Sequence[str], cols: Sequence[str], title: str) -> bytes:
    """A heat map of a small table (the Knox ratios), cells annotated."""
    import matplotlib

    matplotlib.use("Agg")
    import numpy as np
    from matplotlib.figure import Figure

    array = np.array([[np.nan if v is None else v for v in row] for row in values], dtype=float)
    figure = Figure(figsize=(1.5 + 1.1 * len(cols), 1.2 + 0.6 * len(rows)), dpi=100)
    axes = figure.subplots()
    image = axes.imshow(
        array,
        cmap="Reds",
        vmin=0,
        vmax=max(2.0, float(np.nanmax(array)) if np.isfinite(array).any() else 2.0),
    )
    for i in range(array.shape[0]):
        for j in range(array.shape[1]):
            if np.isfinite(array[i, j]):
                axes.text(j, i, f"{array[i, j]:.2f}", ha="center", va="center", fontsize=8)
    axes.set_xticks(range(len(cols)), cols, fontsize=7)
    axes.set_yticks(range(len(rows)), rows, fontsize=7)
    axes.set_title(title, fontsize=9)
    figure.colorbar(image, ax=axes)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def bars_png(labels: Sequence[str], values: Sequence[float | None], title: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 4), dpi=100)
    axes = figure.subplots()
    axes.bar(range(len(labels)), [v or 0 for v in values], color="#1f5f8b")
    axes.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=7)
    axes.set_title(title)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
