"""Import of areas (neighbourhoods, statistical sectors, ...) from a GeoJSON FeatureCollection.

All or nothing: the file is read and every feature checked first; a single rejected feature
means nothing is written, and the administrator sees each rejection with its feature number.

Each feature carries ``code`` and a (Multi)Polygon geometry, and may carry the properties
``name``, ``kind``, ``population``, ``population_year``, ``parent`` (the code of an area stored
or in the same file) and ``is_sample``. A new code needs ``name`` and ``kind``. An existing code
is updated field by field: **a property absent from the feature keeps the stored value**; a
property present with ``null`` clears it only where "none" is a meaningful value —
``population`` and ``population_year`` (unknown), ``parent`` (a top-level area) — and is a
rejection for ``name``, ``kind`` and ``is_sample``, which always have a value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.geo import parse_polygon
from urbis.core.models import Area, AreaKind
from urbis.core.services import area_update, area_upsert
from urbis.core.types import Actor

CODE_MAX = Area._meta.get_field("code").max_length or 40
NAME_MAX = Area._meta.get_field("name").max_length or 200
#: The optional properties, in the order they are read.
OPTIONAL = ("name", "kind", "population", "population_year", "parent", "is_sample")


@dataclass(frozen=True)
class AreaRow:
    """One checked feature: ``given`` holds only the optional properties the feature carries
    (``parent`` as a code or None), so an update leaves the others as stored."""

    number: int
    code: str
    geometry: dict[str, Any]
    given: dict[str, Any] = field(default_factory=dict)


@dataclass
class AreaFile:
    rows: list[AreaRow] = field(default_factory=list)
    rejections: list[str] = field(default_factory=list)


def _text(properties: dict[str, Any], key: str, limit: int) -> str:
    value = properties.get(key)
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        raise ValidationError(_("property “%(key)s” is missing") % {"key": key})
    text = str(value).strip()
    if len(text) > limit:
        raise ValidationError(
            _("property “%(key)s” is longer than %(limit)d characters")
            % {"key": key, "limit": limit}
        )
    return text


def _kind(properties: dict[str, Any]) -> str:
    kind = _text(properties, "kind", 30)
    if kind not in AreaKind.values:
        raise ValidationError(
            _("“kind” must be one of: %(kinds)s") % {"kinds": ", ".join(AreaKind.values)}
        )
    return kind


def _population(properties: dict[str, Any]) -> int | None:
    value = properties.get("population")
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000_000:
        raise ValidationError(_("“population” must be a whole number from 0 to 10,000,000"))
    return value


def _population_year(properties: dict[str, Any]) -> int | None:
    value = properties.get("population_year")
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1800 <= value <= 2100:
        raise ValidationError(_("“population_year” must be a year from 1800 to 2100"))
    return value


def _parent(properties: dict[str, Any]) -> str | None:
    if properties.get("parent") in (None, ""):
        return None
    return _text(properties, "parent", CODE_MAX)


def _is_sample(properties: dict[str, Any]) -> bool:
    value = properties.get("is_sample")
    if not isinstance(value, bool):
        raise ValidationError(_("“is_sample” must be true or false"))
    return value


READERS = {
    "name": lambda properties: _text(properties, "name", NAME_MAX),
    "kind": _kind,
    "population": _population,
    "population_year": _population_year,
    "parent": _parent,
    "is_sample": _is_sample,
}


def _row(number: int, feature: Any) -> AreaRow:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise ValidationError(_("not a GeoJSON Feature"))
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        raise ValidationError(_("the feature has no properties"))
    parse_polygon(feature.get("geometry"))
    code = _text(properties, "code", CODE_MAX)
    given = {key: READERS[key](properties) for key in OPTIONAL if key in properties}
    return AreaRow(number=number, code=code, geometry=feature["geometry"], given=given)


def check_size(size: int) -> None:
    """Refuse a file above ``URBIS_AREA_IMPORT_MAX_BYTES`` before reading it."""
    limit = settings.URBIS_AREA_IMPORT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("The file is larger than %(kb)d kB.") % {"kb": max(1, limit // 1024)}
        )


def read_area_file(data: bytes) -> AreaFile:
    """Check a GeoJSON FeatureCollection; raise ValidationError when the file itself is unusable
    (too large, not JSON, not a collection), otherwise return rows and per-feature rejections
    (in feature order), the stored areas included in the checks (new codes, parents)."""
    check_size(len(data))
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValidationError(_("The file is not JSON (UTF-8).")) from exc
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ValidationError(_("The file must be a GeoJSON FeatureCollection."))
    features = document.get("features")
    if not isinstance(features, list):
        raise ValidationError(_("The file must be a GeoJSON FeatureCollection."))
    if not features:
        raise ValidationError(_("The collection has no features."))
    rows, rejected, seen = [], list[tuple[int, str]](), set[str]()
    for number, feature in enumerate(features, start=1):
        try:
            row = _row(number, feature)
        except ValidationError as error:
            rejected.append((number, _line(number, _why(error))))
            continue
        if row.code in seen:
            line = _("Feature %(n)d: code “%(code)s” appears twice")
            rejected.append((number, line % {"n": number, "code": row.code}))
        seen.add(row.code)
        rows.append(row)
    rejected += _check_against_stored(rows)
    return AreaFile(
        rows=rows,
        rejections=[line for _number, line in sorted(rejected, key=lambda pair: pair[0])],
    )


def _check_against_stored(rows: list[AreaRow]) -> list[tuple[int, str]]:
    """A new code needs a name and a kind; a parent must be stored or in the file, and must not
    make an area its own ancestor."""
    stored: dict[str, str | None] = dict(Area.objects.values_list("code", "parent__code"))
    in_file = {row.code for row in rows}
    parents = {**stored, **{r.code: r.given["parent"] for r in rows if "parent" in r.given}}
    rejected = []
    for row in rows:
        if row.code not in stored:
            for key in ("name", "kind"):
                if key not in row.given:
                    why = _("property “%(key)s” is missing") % {"key": key}
                    rejected.append((row.number, _line(row.number, why)))
        parent = row.given.get("parent")
        if parent is None:
            continue
        if parent not in stored and parent not in in_file:
            why = _("parent “%(code)s” is neither a stored area nor a feature of this file")
            rejected.append((row.number, _line(row.number, why % {"code": parent})))
        elif _is_ancestor(row.code, parent, parents):
            why = _("parent “%(code)s” would make the area its own ancestor")
            rejected.append((row.number, _line(row.number, why % {"code": parent})))
    return rejected


def _is_ancestor(code: str, start: str, parents: dict[str, str | None]) -> bool:
    seen = set[str]()
    current: str | None = start
    while current is not None and current not in seen:
        if current == code:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def _line(number: int, why: str) -> str:
    return _("Feature %(n)d: %(why)s") % {"n": number, "why": why}


def _why(error: ValidationError) -> str:
    return "; ".join(str(message) for message in error.messages)


def _parents_first(rows: list[AreaRow]) -> list[AreaRow]:
    """The rows in an order where a parent given in the same file comes before its children."""
    by_code = {row.code: row for row in rows}
    ordered: list[AreaRow] = []
    placed = set[str]()

    def place(row: AreaRow) -> None:
        if row.code in placed:
            return
        placed.add(row.code)  # before the parent: cycles were rejected, this only bounds it
        parent = by_code.get(row.given.get("parent") or "")
        if parent is not None:
            place(parent)
        ordered.append(row)

    for row in rows:
        place(row)
    return ordered


def areas_import(*, actor: Actor, rows: list[AreaRow], filename: str) -> dict[str, int]:
    """Create or update every area of a checked file in one transaction; one summary event
    (``areas.imported``) besides the per-area events of ``area_upsert`` / ``area_update``.

    An update changes only the properties the feature gives (module docstring); an existing
    area whose given values are all as stored counts as updated but records no event."""
    created = updated = 0
    with transaction.atomic():
        wanted = {row.code for row in rows} | {
            r.given["parent"] for r in rows if r.given.get("parent")
        }
        areas = {area.code: area for area in Area.objects.filter(code__in=wanted)}
        for row in _parents_first(rows):
            changes = {**row.given, "geometry": row.geometry}
            if "parent" in changes:
                changes["parent"] = areas[changes["parent"]] if changes["parent"] else None
            area = areas.get(row.code)
            if area is None:
                areas[row.code] = area_upsert(actor=actor, code=row.code, **changes)
                created += 1
            else:
                areas[row.code] = area_update(actor=actor, area=area, changes=changes)
                updated += 1
        summary = {"created": created, "updated": updated, "file": filename[:200]}
        record_event(
            actor=actor, action="areas.imported", target=("core.area", "import"), data=summary
        )
    return {"created": created, "updated": updated}
