"""Import of areas (neighbourhoods, statistical sectors, ...) from a GeoJSON FeatureCollection.

All or nothing: the file is read and every feature checked first; a single rejected feature
means nothing is written, and the administrator sees each rejection with its feature number.
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
from urbis.core.services import area_upsert
from urbis.core.types import Actor

CODE_MAX = Area._meta.get_field("code").max_length or 40
NAME_MAX = Area._meta.get_field("name").max_length or 200


@dataclass(frozen=True)
class AreaRow:
    code: str
    name: str
    kind: str
    geometry: dict[str, Any]
    population: int | None


@dataclass
class AreaFile:
    rows: list[AreaRow] = field(default_factory=list)
    rejections: list[str] = field(default_factory=list)


def _text(properties: dict[str, Any], key: str, limit: int) -> str:
    value = properties.get(key)
    if not isinstance(value, str | int) or not str(value).strip():
        raise ValidationError(_("property “%(key)s” is missing") % {"key": key})
    text = str(value).strip()
    if len(text) > limit:
        raise ValidationError(
            _("property “%(key)s” is longer than %(limit)d characters")
            % {"key": key, "limit": limit}
        )
    return text


def _population(properties: dict[str, Any]) -> int | None:
    value = properties.get("population")
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000_000:
        raise ValidationError(_("“population” must be a whole number from 0 to 10,000,000"))
    return value


def _row(feature: Any) -> AreaRow:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise ValidationError(_("not a GeoJSON Feature"))
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        raise ValidationError(_("the feature has no properties"))
    parse_polygon(feature.get("geometry"))
    kind = _text(properties, "kind", 30)
    if kind not in AreaKind.values:
        raise ValidationError(
            _("“kind” must be one of: %(kinds)s") % {"kinds": ", ".join(AreaKind.values)}
        )
    return AreaRow(
        code=_text(properties, "code", CODE_MAX),
        name=_text(properties, "name", NAME_MAX),
        kind=kind,
        geometry=feature["geometry"],
        population=_population(properties),
    )


def check_size(size: int) -> None:
    """Refuse a file above ``URBIS_AREA_IMPORT_MAX_BYTES`` before reading it."""
    limit = settings.URBIS_AREA_IMPORT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("The file is larger than %(kb)d kB.") % {"kb": max(1, limit // 1024)}
        )


def read_area_file(data: bytes) -> AreaFile:
    """Check a GeoJSON FeatureCollection; raise ValidationError when the file itself is unusable
    (too large, not JSON, not a collection), otherwise return rows and per-feature rejections."""
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
    result, seen = AreaFile(), set[str]()
    for number, feature in enumerate(features, start=1):
        try:
            row = _row(feature)
        except ValidationError as error:
            result.rejections.append(
                _("Feature %(n)d: %(why)s") % {"n": number, "why": _why(error)}
            )
            continue
        if row.code in seen:
            result.rejections.append(
                _("Feature %(n)d: code “%(code)s” appears twice") % {"n": number, "code": row.code}
            )
        seen.add(row.code)
        result.rows.append(row)
    return result


def _why(error: ValidationError) -> str:
    return "; ".join(str(message) for message in error.messages)


def areas_import(*, actor: Actor, rows: list[AreaRow], filename: str) -> dict[str, int]:
    """Create or update every area of a checked file in one transaction; one summary event
    (``areas.imported``) besides the per-area events of ``area_upsert``."""
    created = updated = 0
    with transaction.atomic():
        existing = set(
            Area.objects.filter(code__in=[r.code for r in rows]).values_list("code", flat=True)
        )
        for row in rows:
            area_upsert(
                actor=actor,
                code=row.code,
                name=row.name,
                kind=row.kind,
                geometry=row.geometry,
                population=row.population,
            )
            if row.code in existing:
                updated += 1
            else:
                created += 1
        summary = {"created": created, "updated": updated, "file": filename[:200]}
        record_event(
            actor=actor, action="areas.imported", target=("core.area", "import"), data=summary
        )
    return {"created": created, "updated": updated}
