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
    has_latlon = "lat" in table.columns and "lon" in table.columns
    has_xy = "x" in table.columns and "y" in table.columns
    missing = [
        c for c in ("street", "number", "postcode", "municipality") if c not in table.columns
    ]
    if missing or not (has_latlon or has_xy):
        raise ValidationError(
            {
                "file": [
                    _("This file has another layout: missing %(missing)s (found: %(found)s).")
                    % {
                        "missing": ", ".join(missing or ["lat/lon or x/y"]),
                        "found": ", ".join(table.columns) or "-",
                    }
                ]
            }
        )
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
    limits = {"street": 150, "number": 20, "box": 20, "postcode": 10, "municipality": 100}
    for row in table.rows:
        v = row.values
        key = (v.get("postcode", ""), v.get("street", ""), v.get("number", ""), v.get("box", ""))
        too_long = [k for k, n in limits.items() if len(v.get(k, "")) > n]
        if not all(key[:3]) or not v.get("municipality"):
            result.rejected.append(
                (row.line, _("street, number, postcode and municipality are required"))
            )
            continue
        if too_long:
            result.rejected.append((row.line, _("too long: %(f)s") % {"f": ", ".join(too_long)}))
            continue
        if key in seen:
            result.rejected.append((row.line, _("duplicate address in the file")))
            continue
        try:
            a = _float(v.get("lat" if has_latlon else "x", ""))
            b = _float(v.get("lon" if has_latlon else "y", ""))
        except ValueError:
            result.rejected.append((row.line, _("the coordinates are not numbers")))
            continue
        seen.add(key)
        rows.append([row.line, key, v["municipality"], a, b])
    bbox = spatial.city_bbox()
    if rows:
        first, second = np.array([r[3] for r in rows]), np.array([r[4] for r in rows])
        lon, lat = spatial.to_lonlat(first, second, source_crs) if source_crs else (second, first)
        keep = []
        for record, la, lo in zip(
            rows, np.asarray(lat).tolist(), np.asarray(lon).tolist(), strict=True
        ):
            problem = rules.check_location(la, lo, bbox)
            if problem:
                result.rejected.append((record[0], _reason(problem)))
                continue
            record[3], record[4] = la, lo
            keep.append(record)
        rows = keep
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
