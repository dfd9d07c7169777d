"""The address register import (``urbis addresses import``, the address page)."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.types import Actor
from urbis.incidents import rules, spatial
from urbis.incidents.models import AddressPoint
from urbis.incidents.services.imports.common import (
    BATCH,
    ImportResult,
    Progress,
    _float,
    _read,
    _reason,
    swapped_xy,
)

ADDRESS_COLUMNS = ("street", "number", "box", "postcode", "municipality", "lat", "lon", "x", "y")
ADDRESS_ALIASES = {
    "straatnaam": "street",
    "straat": "street",
    "rue": "street",
    "huisnummer": "number",
    "housenumber": "number",
    "numero": "number",
    "busnummer": "box",
    "boite": "box",
    "postcode": "postcode",
    "code_postal": "postcode",
    "gemeente": "municipality",
    "gemeentenaam": "municipality",
    "commune": "municipality",
    "latitude": "lat",
    "longitude": "lon",
}


def addresses_import(
    *,
    actor: Actor,
    data: bytes,
    filename: str,
    crs: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import an address register (street, number, box, postcode, municipality, lat/lon or
    x/y in ``crs``). The address (postcode, street, number, box) is the key."""
    table = _read(data, filename, ADDRESS_COLUMNS, ADDRESS_ALIASES, None)
    has_latlon = _check_address_layout(table.columns)
    source_crs = None
    if not has_latlon:
        try:
            source_crs = spatial.valid_crs(crs or "EPSG:31370")
        except ValueError:
            raise ValidationError({"crs": [_("Unknown CRS %(crs)s.") % {"crs": crs}]}) from None
    result = ImportResult(total=len(table.rows))
    result.rejected.extend((r.line, r.reason) for r in table.rejected)
    rows: list[list[Any]] = []
    seen: set[tuple[str, str, str, str]] = set()
    for row in table.rows:
        record = _address_row(row.line, row.values, has_latlon, seen)
        if isinstance(record, str):
            result.rejected.append((row.line, record))
            continue
        seen.add(record[1])
        rows.append(record)
    rows = _located(rows, source_crs, result)
    result.rejected.sort()
    if progress:
        progress(result.total, result.total)
    if not rows:
        return result
    xs, ys = spatial.to_metric([r[3] for r in rows], [r[4] for r in rows])
    with transaction.atomic():
        existing = {
            (a.postcode, a.street, a.number, a.box): a
            for a in AddressPoint.objects.filter(postcode__in={r[1][0] for r in rows})
        }
        new, changed = [], []
        for record, x, y in zip(rows, xs.tolist(), ys.tolist(), strict=True):
            _line, (postcode, street, number, box), municipality, la, lo = record
            current = existing.get(record[1])
            if current is None:
                new.append(
                    AddressPoint(
                        street=street,
                        number=number,
                        box=box,
                        postcode=postcode,
                        municipality=municipality,
                        lat=la,
                        lon=lo,
                        x=x,
                        y=y,
                    )
                )
            elif (current.municipality, current.lat, current.lon) == (municipality, la, lo):
                result.unchanged += 1
            else:
                current.municipality, current.lat, current.lon = municipality, la, lo
                current.x, current.y = x, y
                changed.append(current)
        AddressPoint.objects.bulk_create(new, batch_size=BATCH)
        AddressPoint.objects.bulk_update(
            changed, ["municipality", "lat", "lon", "x", "y"], batch_size=500
        )
        result.created, result.updated = len(new), len(changed)
        record_event(
            actor=actor,
            action="incidents.addresses_import",
            target=("incidents.addresspoint", filename[:100]),
            data={
                "created": result.created,
                "updated": result.updated,
                "rejected": len(result.rejected),
            },
        )
    return result


def _check_address_layout(columns: list[str]) -> bool:
    """True for lat/lon, False for x/y; refuses a file without the address columns."""
    has_latlon = "lat" in columns and "lon" in columns
    has_xy = "x" in columns and "y" in columns
    missing = [c for c in ("street", "number", "postcode", "municipality") if c not in columns]
    if missing or not (has_latlon or has_xy):
        raise ValidationError(
            {
                "file": [
                    _("This file has another layout: missing %(missing)s (found: %(found)s).")
                    % {
                        "missing": ", ".join(missing or ["lat/lon or x/y"]),
                        "found": ", ".join(columns) or "-",
                    }
                ]
            }
        )
    return has_latlon


ADDRESS_LIMITS = {"street": 150, "number": 20, "box": 20, "postcode": 10, "municipality": 100}


def _address_row(
    line: int, v: dict[str, str], has_latlon: bool, seen: set[tuple[str, str, str, str]]
) -> list[Any] | str:
    """``[line, key, municipality, a, b]`` for one register row, or the reason it is refused."""
    key = (v.get("postcode", ""), v.get("street", ""), v.get("number", ""), v.get("box", ""))
    too_long = [k for k, n in ADDRESS_LIMITS.items() if len(v.get(k, "")) > n]
    if not all(key[:3]) or not v.get("municipality"):
        return _("street, number, postcode and municipality are required")
    if too_long:
        return _("too long: %(f)s") % {"f": ", ".join(too_long)}
    if key in seen:
        return _("duplicate address in the file")
    try:
        a = _float(v.get("lat" if has_latlon else "x", ""))
        b = _float(v.get("lon" if has_latlon else "y", ""))
    except ValueError:
        return _("the coordinates are not numbers")
    return [line, key, v["municipality"], a, b]


def _located(rows: list[list[Any]], source_crs: Any, result: ImportResult) -> list[list[Any]]:
    """The rows inside the city, their coordinates as lat/lon; the others rejected."""
    if not rows:
        return rows
    bbox = spatial.city_bbox()
    first, second = np.array([r[3] for r in rows]), np.array([r[4] for r in rows])
    lon, lat = spatial.to_lonlat(first, second, source_crs) if source_crs else (second, first)
    keep = []
    refused: list[tuple[int, str]] = []
    for index, (record, la, lo) in enumerate(
        zip(rows, np.asarray(lat).tolist(), np.asarray(lon).tolist(), strict=True)
    ):
        problem = rules.check_location(la, lo, bbox)
        if problem:
            refused.append((index, problem))
            continue
        record[3], record[4] = la, lo
        keep.append(record)
    swapped = swapped_xy(first, second, [i for i, _p in refused], source_crs, bbox)
    result.rejected.extend(
        (rows[i][0], _reason(rules.XY_SWAPPED if i in swapped else problem))
        for i, problem in refused
    )
    return keep
