"""The police export import: parse and check every row, then write (``writer``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.types import Actor
from urbis.incidents import conf, rules, spatial
from urbis.incidents.models import Category, Precision
from urbis.incidents.services.imports.common import (
    FORMULA_PREFIXES,
    ImportResult,
    Progress,
    _float,
    _local_tz,
    _read,
    _reason,
    parse_moment,
    swapped_xy,
)
from urbis.incidents.services.imports.writer import _write_incidents

INCIDENT_COLUMNS = (
    "reference",
    "category",
    "occurred_from",
    "occurred_to",
    "lat",
    "lon",
    "x",
    "y",
    "precision",
)
INCIDENT_ALIASES = {
    "ref": "reference",
    "id": "reference",
    "pv": "reference",
    "from": "occurred_from",
    "to": "occurred_to",
    "start": "occurred_from",
    "end": "occurred_to",
    "latitude": "lat",
    "longitude": "lon",
    "lng": "lon",
}


def _categories() -> dict[str, int]:
    lookup: dict[str, int] = {}
    for pk, code, nl, fr, en in Category.objects.filter(is_active=True).values_list(
        "pk", "code", "label_nl", "label_fr", "label_en"
    ):
        for name in (code, nl, fr, en):
            lookup[name.strip().lower()] = pk
    return lookup


def incidents_import(
    *,
    actor: Actor,
    data: bytes,
    filename: str,
    crs: str | None = None,
    source: str = "",
    all_or_nothing: bool = False,
    mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a police export (CSV or XLSX): ``reference, category, occurred_from, occurred_to``
    and ``lat, lon`` (WGS84) or ``x, y`` in ``crs`` (e.g. EPSG:31370).

    The reference is the key: a row equal to the stored incident changes nothing, a corrected
    row updates it. Rejected rows come back with their line and reason; with
    ``all_or_nothing`` one rejected row writes nothing. A file-level problem (unreadable, too
    large, wrong layout) raises ValidationError on ``file`` and writes nothing.
    """
    table = _read(data, filename, INCIDENT_COLUMNS, INCIDENT_ALIASES, mapping)
    has_latlon = "lat" in table.columns and "lon" in table.columns
    has_xy = "x" in table.columns and "y" in table.columns
    missing = [c for c in ("reference", "category", "occurred_from") if c not in table.columns]
    if missing or not (has_latlon or has_xy):
        needed = ", ".join(missing + ([] if has_latlon or has_xy else ["lat/lon or x/y"]))
        raise ValidationError(
            {
                "file": [
                    _(
                        "This file has another layout: missing %(missing)s (found: %(found)s). "
                        "Map the columns on the import page."
                    )
                    % {"missing": needed, "found": ", ".join(table.columns) or "-"}
                ]
            }
        )
    source_crs = None
    if crs:  # checked even when lat/lon columns make it unused: a typo is said, not ignored
        try:
            source_crs = spatial.valid_crs(crs)
        except ValueError:
            raise ValidationError({"crs": [_("Unknown CRS %(crs)s.") % {"crs": crs}]}) from None
    if has_latlon:
        source_crs = None
    elif not source_crs:
        raise ValidationError({"crs": [_("x/y columns need --crs (e.g. EPSG:31370).")]})

    result = ImportResult(total=len(table.rows))
    result.rejected.extend((r.line, r.reason) for r in table.rejected)
    checker = _RowChecker(has_latlon=has_latlon)
    parsed: list[list[Any]] = []  # [line, ref, category, from, to, a, b, precision]
    for index, row in enumerate(table.rows):
        if progress and index % 5000 == 0:
            progress(index, result.total)
        outcome = checker.check(row.line, row.values)
        if isinstance(outcome, str):
            result.rejected.append((row.line, outcome))
        else:
            parsed.append(outcome)
    parsed = _locate(parsed, source_crs, result)
    result.rejected.sort()
    if progress:
        progress(result.total, result.total)
    if all_or_nothing and result.rejected:
        result.written = False
        return result
    if not parsed:
        return result
    _write_incidents(actor=actor, parsed=parsed, source=source, result=result, filename=filename)
    return result


class _RowChecker:
    """Checks one row of a police export: the record to write, or the reason it is refused.
    The first line of each reference is kept (a duplicate names it)."""

    def __init__(self, *, has_latlon: bool) -> None:
        self.has_latlon = has_latlon
        self.tz = _local_tz()
        self.now = timezone.now()
        self.max_days = float(conf.get("URBIS_INCIDENTS_MAX_WINDOW_DAYS"))
        self.categories = _categories()
        self.precisions = set(Precision.values)
        self.seen: dict[str, int] = {}

    def check(self, line: int, values: dict[str, str]) -> list[Any] | str:
        reference = values.get("reference", "")
        problem = self._reference(reference)
        if problem:
            return problem
        self.seen[reference] = line
        category_text = values.get("category", "")
        category = self.categories.get(category_text.lower())
        if category is None:
            return _reason(rules.UNKNOWN_CATEGORY, value=category_text[:60])
        window = self._window(values)
        if isinstance(window, str):
            return window
        start, end = window
        try:
            if self.has_latlon:
                a, b = _float(values.get("lat", "")), _float(values.get("lon", ""))
            else:
                a, b = _float(values.get("x", "")), _float(values.get("y", ""))
        except ValueError:
            return _("the coordinates are not numbers")
        precision = values.get("precision", "").lower() or Precision.EXACT
        if precision not in self.precisions:
            return _("unknown precision “%(value)s”") % {"value": precision[:30]}
        return [line, reference, category, start, end, a, b, precision]

    def _reference(self, reference: str) -> str:
        if not reference:
            return _("the reference is empty")
        if len(reference) > 100:
            return _("the reference is longer than 100 characters")
        if reference.startswith(FORMULA_PREFIXES):
            return _("the reference looks like a spreadsheet formula")
        if reference in self.seen:
            return _("duplicate reference %(ref)s (first on line %(line)s)") % {
                "ref": reference,
                "line": self.seen[reference],
            }
        return ""

    def _window(self, values: dict[str, str]) -> tuple[dt.datetime, dt.datetime] | str:
        """The occurrence window; a date alone is the whole day, no end is a moment."""
        tz = self.tz
        try:
            start = parse_moment(values.get("occurred_from", ""), end=False, tz=tz)
            end_text = values.get("occurred_to", "")
            if end_text:
                end = parse_moment(end_text, end=True, tz=tz)
            elif len(values["occurred_from"].strip()) <= 10:
                end = parse_moment(values["occurred_from"], end=True, tz=tz)
            else:
                end = start
        except ValueError:
            return _("unreadable date (use YYYY-MM-DD HH:MM or dd/mm/yyyy HH:MM)")
        problem = rules.check_window(start, end, now=self.now, max_days=self.max_days)
        if problem:
            return _reason(problem, days=f"{self.max_days:g}")
        return start, end


def _locate(parsed: list[list[Any]], source_crs: Any, result: ImportResult) -> list[list[Any]]:
    """WGS84 lat/lon of each record (converted from x/y in ``source_crs``); a point outside the
    city's extent is refused."""
    if not parsed:
        return parsed
    bbox = spatial.city_bbox()
    first, second = np.array([p[5] for p in parsed]), np.array([p[6] for p in parsed])
    if source_crs:
        lon, lat = spatial.to_lonlat(first, second, source_crs)
    else:
        lat, lon = first, second
    keep: list[list[Any]] = []
    refused: list[tuple[int, str]] = []
    for index, (record, la, lo) in enumerate(zip(parsed, lat.tolist(), lon.tolist(), strict=True)):
        problem = rules.check_location(la, lo, bbox)
        if problem:
            refused.append((index, problem))
            continue
        record[5], record[6] = la, lo
        keep.append(record)
    swapped = swapped_xy(first, second, [i for i, _p in refused], source_crs, bbox)
    refused = [(i, rules.XY_SWAPPED if i in swapped else p) for i, p in refused]
    result.rejected.extend((parsed[i][0], _reason(problem)) for i, problem in refused)
    return keep
