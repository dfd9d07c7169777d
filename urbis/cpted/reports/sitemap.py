"""The report's site map, drawn as vectors (no tile server, so the report works offline):
the areas around the site, the project outline (or its point), the rated points coloured by
zone, a scale bar and a north arrow, at a scale where a point project still shows its block.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

WIDTH, HEIGHT, PAD = 450.0, 300.0, 12.0
MIN_SPAN_M = 400.0  # the map shows at least this many metres across
ZONE_COLOURS = ["#c0392b", "#8e44ad", "#d35400", "#16a085", "#2c3e50", "#b7950b"]
BLUE = colors.HexColor("#1f5f8b")


@dataclass
class SiteMapData:
    outline: list[list[tuple[float, float]]] = field(default_factory=list)  # lon, lat rings
    site: tuple[float, float] | None = None  # lon, lat of a point project
    points: list[tuple[float, float, str, str]] = field(
        default_factory=list
    )  # lon, lat, code, zone
    areas: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # name, GeoJSON
    labels: dict[str, str] = field(default_factory=dict)  # site, north, zone names


def rings_of(geometry: dict[str, Any] | None) -> list[list[tuple[float, float]]]:
    geometry = geometry or {}
    if geometry.get("type") == "Polygon":
        return [[(x, y) for x, y, *_z in geometry["coordinates"][0]]]
    if geometry.get("type") == "MultiPolygon":
        return [[(x, y) for x, y, *_z in p[0]] for p in geometry["coordinates"]]
    return []


class Projection:
    """Local equirectangular metres around the centre, fitted into the drawing."""

    def __init__(self, coords: list[tuple[float, float]]) -> None:
        lons, lats = [c[0] for c in coords], [c[1] for c in coords]
        self.lon0, self.lat0 = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
        self.kx = 111_320 * math.cos(math.radians(self.lat0))
        self.ky = 110_540.0
        xs = [(lon - self.lon0) * self.kx for lon in lons]
        ys = [(lat - self.lat0) * self.ky for lat in lats]
        span_x = max(max(xs) - min(xs), MIN_SPAN_M) * 1.3
        span_y = max(max(ys) - min(ys), MIN_SPAN_M * HEIGHT / WIDTH) * 1.3
        self.scale = min((WIDTH - 2 * PAD) / span_x, (HEIGHT - 2 * PAD) / span_y)  # pt per m

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            WIDTH / 2 + (lon - self.lon0) * self.kx * self.scale,
            HEIGHT / 2 + (lat - self.lat0) * self.ky * self.scale,
        )

    def lonlat_box(self) -> tuple[float, float, float, float]:
        """West, south, east, north of the drawing."""
        half_w, half_h = WIDTH / 2 / self.scale, HEIGHT / 2 / self.scale
        return (
            self.lon0 - half_w / self.kx,
            self.lat0 - half_h / self.ky,
            self.lon0 + half_w / self.kx,
            self.lat0 + half_h / self.ky,
        )


def _polygons(geometry: BaseGeometry) -> Iterable[Any]:
    if geometry.geom_type == "Polygon":
        yield geometry
    elif hasattr(geometry, "geoms"):
        for part in geometry.geoms:
            yield from _polygons(part)


def _draw_areas(
    drawing: Drawing, proj: Projection, areas: list[tuple[str, dict[str, Any]]]
) -> None:
    frame = box(*proj.lonlat_box())
    for name, geometry in areas:
        try:
            clipped = shape(geometry).intersection(frame)
        except (ValueError, TypeError, AttributeError):
            continue  # a broken area shape leaves the map without it, not without a report
        for polygon in _polygons(clipped):
            flat = [v for lon, lat in polygon.exterior.coords for v in proj.xy(lon, lat)]
            drawing.add(Polygon(flat, fillColor=None, strokeColor=colors.grey, strokeWidth=0.6))
        if not clipped.is_empty:
            x, y = proj.xy(*clipped.representative_point().coords[0])
            drawing.add(
                String(x, y, name, fontSize=7, fillColor=colors.dimgrey, textAnchor="middle")
            )


def _draw_site(drawing: Drawing, proj: Projection, data: SiteMapData) -> None:
    for ring in data.outline:
        flat = [v for lon, lat in ring for v in proj.xy(lon, lat)]
        drawing.add(
            Polygon(flat, fillColor=colors.HexColor("#dbe8f3"), strokeColor=BLUE, strokeWidth=2)
        )
    if data.site is not None:
        x, y = proj.xy(*data.site)
        drawing.add(Circle(x, y, 5, fillColor=BLUE, strokeColor=colors.white))
        drawing.add(String(x + 8, y - 3, data.labels.get("site", "site"), fontSize=8))


def _draw_points(drawing: Drawing, proj: Projection, data: SiteMapData) -> list[str]:
    zones = list(dict.fromkeys(zone for *_p, zone in data.points))
    placed: list[tuple[float, float]] = []
    for lon, lat, code, zone in data.points:
        x, y = proj.xy(lon, lat)
        colour = colors.HexColor(ZONE_COLOURS[zones.index(zone) % len(ZONE_COLOURS)])
        drawing.add(Circle(x, y, 3.5, fillColor=colour, strokeColor=colors.white))
        # Labels of nearby pins step down so that they do not print over each other.
        dy = 9 * sum(1 for px, py in placed if abs(px - x) < 40 and abs(py - y) < 9)
        drawing.add(String(x + 6, y - 3 - dy, code, fontSize=7, fillColor=colour))
        placed.append((x, y - dy))
    return zones


def _draw_legend(drawing: Drawing, zones: list[str], labels: dict[str, str]) -> None:
    for index, zone in enumerate(zones):
        y = HEIGHT - PAD - 10 - index * 11
        colour = colors.HexColor(ZONE_COLOURS[index % len(ZONE_COLOURS)])
        drawing.add(Circle(PAD + 4, y + 3, 3.5, fillColor=colour, strokeColor=None))
        drawing.add(String(PAD + 12, y, labels.get(zone, zone), fontSize=7))


def _nice_length(metres: float) -> int:
    for step in (1000, 500, 200, 100, 50, 20, 10):
        if step <= metres:
            return step
    return 10


def _draw_scale_and_north(drawing: Drawing, proj: Projection, north: str) -> None:
    metres = _nice_length(WIDTH / 4 / proj.scale)
    length = metres * proj.scale
    x, y = PAD, PAD
    drawing.add(Rect(x, y, length, 4, fillColor=colors.black, strokeColor=colors.black))
    drawing.add(Line(x, y, x, y + 8, strokeWidth=1))
    drawing.add(Line(x + length, y, x + length, y + 8, strokeWidth=1))
    drawing.add(String(x, y + 10, f"0   {metres} m", fontSize=7))
    nx, ny = WIDTH - PAD - 8, HEIGHT - PAD - 24
    drawing.add(Polygon([nx - 6, ny, nx + 6, ny, nx, ny + 18], fillColor=colors.black))
    drawing.add(String(nx, ny + 21, north, fontSize=8, textAnchor="middle"))


def _coords(data: SiteMapData) -> list[tuple[float, float]]:
    coords = [c for ring in data.outline for c in ring] + [(p[0], p[1]) for p in data.points]
    return [*coords, data.site] if data.site is not None else coords


def frame(data: SiteMapData) -> tuple[float, float, float, float] | None:
    """South, west, north, east of the map (to look up the areas in it), or None: no map."""
    coords = _coords(data)
    if not coords:
        return None
    west, south, east, north = Projection(coords).lonlat_box()
    return south, west, north, east


def site_map(data: SiteMapData) -> Drawing | None:
    """The drawing, or None when the site has neither a location nor located ratings."""
    coords = _coords(data)
    if not coords:
        return None
    proj = Projection(coords)
    drawing = Drawing(WIDTH, HEIGHT)
    drawing.add(
        Rect(0, 0, WIDTH, HEIGHT, fillColor=colors.HexColor("#f7f7f4"), strokeColor=colors.grey)
    )
    _draw_areas(drawing, proj, data.areas)
    _draw_site(drawing, proj, data)
    zones = _draw_points(drawing, proj, data)
    _draw_legend(drawing, zones, data.labels)
    _draw_scale_and_north(drawing, proj, data.labels.get("north", "N"))
    drawing.add(PolyLine([0, 0, WIDTH, 0, WIDTH, HEIGHT, 0, HEIGHT, 0, 0], strokeColor=colors.grey))
    return drawing
