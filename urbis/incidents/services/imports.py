"""Import of police exports (incidents) and address registers: valid rows in, every rejected
row listed with its line and reason, nothing half-written."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.tabular import TabularError, read_table
from urbis.core.types import Actor
from urbis.incidents import cache, conf, rules, spatial
from urbis.incidents.arrays import city_tz, local_seconds
from urbis.incidents.models import AddressPoint, Category, Incident, Precision
from urbis.incidents.services.cocoon import watches_for_new
from urbis.incidents.services.reasons import reason as _reason

Progress = Callable[[int, int], None]

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
BATCH = 2000
FORMULA_PREFIXES = ("=", "+", "@", "\t", "\r")


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    watches: int = 0
    written: bool = True

    @property
    def valid(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        return f"imported {self.created + self.updated}, rejected {len(self.rejected)}"


def _local_tz() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def parse_moment(value: str, *, end: bool, tz: dt.tzinfo) -> dt.datetime:
    """ISO 8601 (with or without time or offset) or dd/mm/yyyy [HH:MM[:SS]]; naive times are
    the city's local time. A date alone is the start of that day, or its end for ``end``."""
    text = value.strip()
    date_only = len(text) <= 10
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        for fmt in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d-%m-%Y"):
            try:
                moment = dt.datetime.strptime(text, fmt).replace(tzinfo=tz)
                break
            except ValueError:
                continue
        else:
            raise ValueError(text) from None
    if date_only and end:
        moment = moment.replace(hour=23, minute=59, second=59)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment


def _float(value: str) -> float:
    number = float(value.replace(",", ".").strip())
    if not np.isfinite(number):
        raise ValueError(value)
    return number


def _read(
    data: bytes, filename: str, columns: tuple[str, ...], aliases: dict[str, str], mapping: Any
) -> Any:
    names = dict(aliases)
    for target, source in (mapping or {}).items():
        if target in columns and source:
            names[str(source)] = target
    try:
        return read_table(
            data,
            filename=filename,
            max_bytes=int(conf.get("URBIS_INCIDENTS_MAX_BYTES")),
            max_rows=int(conf.get("URBIS_INCIDENTS_MAX_ROWS")),
            aliases=names,
        )
    except TabularError as error:
        raise ValidationError({"file": [str(error)]}) from None


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
    has_latlon = _check_layout(table.columns)
    source_crs = None if has_latlon else _source_crs(crs)
    result = ImportResult(total=len(table.rows))
    result.rejected.extend((r.line, r.reason) for r in table.rejected)
    checks = _RowChecks(
        has_latlon=has_latlon,
        tz=_local_tz(),
        now=timezone.now(),
        max_days=float(conf.get("URBIS_INCIDENTS_MAX_WINDOW_DAYS")),
        categories=_categories(),
        precisions=set(Precision.values),
    )
    parsed: list[list[Any]] = []  # [line, ref, category, from, to, a, b, precision]
    for index, row in enumerate(table.rows):
        if progress and index % 5000 == 0:
            progress(index, result.total)
        record = checks.parse(row.line, row.values)
        if isinstance(record, str):
            result.rejected.append((row.line, record))
        else:
            parsed.append(record)
    parsed = _located(parsed, source_crs, result)
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


def _check_layout(columns: list[str]) -> bool:
    """Whether the file locates by lat/lon (else x/y); ValidationError on ``file`` when
    required columns are missing."""
    has_latlon = "lat" in columns and "lon" in columns
    has_xy = "x" in columns and "y" in columns
    missing = [c for c in ("reference", "category", "occurred_from") if c not in columns]
    if missing or not (has_latlon or has_xy):
        needed = ", ".join(missing + ([] if has_latlon or has_xy else ["lat/lon or x/y"]))
        raise ValidationError(
            {
                "file": [
                    _(
                        "This file has another layout: missing %(missing)s (found: %(found)s). "
                        "Map the columns on the import page."
                    )
                    % {"missing": needed, "found": ", ".join(columns) or "-"}
                ]
            }
        )
    return has_latlon


def _source_crs(crs: str | None) -> Any:
    if not crs:
        raise ValidationError({"crs": [_("x/y columns need --crs (e.g. EPSG:31370).")]})
    try:
        return spatial.valid_crs(crs)
    except ValueError:
        raise ValidationError({"crs": [_("Unknown CRS %(crs)s.") % {"crs": crs}]}) from None


@dataclass
class _RowChecks:
    """The checks of one incident row, in the order a rejected row names the first failure."""

    has_latlon: bool
    tz: dt.tzinfo
    now: dt.datetime
    max_days: float
    categories: dict[str, int]
    precisions: set[str]
    seen: dict[str, int] = field(default_factory=dict)

    def parse(self, line: int, values: dict[str, str]) -> list[Any] | str:
        """The parsed record, or the reason the row is rejected."""
        reference = values.get("reference", "")
        problem = self._reference_problem(reference)
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
            a, b = self._coordinates(values)
        except ValueError:
            return _("the coordinates are not numbers")
        precision = values.get("precision", "").lower() or Precision.EXACT
        if precision not in self.precisions:
            return _("unknown precision “%(value)s”") % {"value": precision[:30]}
        return [line, reference, category, start, end, a, b, precision]

    def _reference_problem(self, reference: str) -> str | None:
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
        return None

    def _window(self, values: dict[str, str]) -> tuple[dt.datetime, dt.datetime] | str:
        try:
            start = parse_moment(values.get("occurred_from", ""), end=False, tz=self.tz)
            end_text = values.get("occurred_to", "")
            if end_text:
                end = parse_moment(end_text, end=True, tz=self.tz)
            elif len(values["occurred_from"].strip()) <= 10:
                end = parse_moment(values["occurred_from"], end=True, tz=self.tz)
            else:
                end = start
        except ValueError:
            return _("unreadable date (use YYYY-MM-DD HH:MM or dd/mm/yyyy HH:MM)")
        problem = rules.check_window(start, end, now=self.now, max_days=self.max_days)
        if problem:
            return _reason(problem, days=f"{self.max_days:g}")
        return start, end

    def _coordinates(self, values: dict[str, str]) -> tuple[float, float]:
        if self.has_latlon:
            return _float(values.get("lat", "")), _float(values.get("lon", ""))
        return _float(values.get("x", "")), _float(values.get("y", ""))


def _located(
    parsed: list[list[Any]], source_crs: Any, result: ImportResult, *, at: int = 5
) -> list[list[Any]]:
    """The records with WGS84 lat/lon (at ``at`` and ``at + 1``) inside the city; the others
    rejected. Coordinates in ``source_crs`` are x/y and become lat/lon."""
    if not parsed:
        return parsed
    bbox = spatial.city_bbox()
    first, second = np.array([p[at] for p in parsed]), np.array([p[at + 1] for p in parsed])
    if source_crs:
        lon, lat = spatial.to_lonlat(first, second, source_crs)
    else:
        lat, lon = first, second
    keep: list[list[Any]] = []
    for record, la, lo in zip(
        parsed, np.asarray(lat).tolist(), np.asarray(lon).tolist(), strict=True
    ):
        problem = rules.check_location(la, lo, bbox)
        if problem:
            result.rejected.append((record[0], _reason(problem)))
            continue
        record[at], record[at + 1] = la, lo
        keep.append(record)
    return keep


INSERT_FIELDS = (
    "reference",
    "category_id",
    "occurred_from",
    "occurred_to",
    "lat",
    "lon",
    "x",
    "y",
    "precision",
    "area_id",
    "source",
    "is_synthetic",
    "created_at",
    "updated_at",
    "t_from",
    "t_to",
)


def _insert(rows: list[tuple[Any, ...]]) -> None:
    """Insert new incidents in batches with ``executemany`` inside the caller's transaction.

    Django's ``bulk_create`` spends most of an import preparing each field of each row
    (about 80 % of the time in a profile of 20,000 rows); here the values are already
    validated and typed, so only the datetimes need the backend's adaptation.
    """
    from django.db import connection

    table = connection.ops.quote_name(Incident._meta.db_table)
    concrete = {f.attname: f.column for f in Incident._meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(concrete[name]) for name in INSERT_FIELDS)
    placeholders = ", ".join(["%s"] * len(INSERT_FIELDS))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from the model
    if connection.vendor == "sqlite":
        utc = dt.UTC

        def moment(value: dt.datetime) -> str:
            return value.astimezone(utc).replace(tzinfo=None).isoformat(" ")
    else:
        moment = connection.ops.adapt_datetimefield_value  # type: ignore[assignment]
    if connection.vendor == "postgresql":
        # COPY is PostgreSQL's bulk path (psycopg 3 ``Cursor.copy``): one stream, no per-row
        # statement; it runs inside the same transaction as the rest of the import.
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    with connection.cursor() as cursor:
        for offset in range(0, len(rows), BATCH):
            batch = [
                (
                    *row[:2],
                    moment(row[2]),
                    moment(row[3]),
                    *row[4:12],
                    moment(row[12]),
                    moment(row[13]),
                    *row[14:],
                )
                for row in rows[offset : offset + BATCH]
            ]
            cursor.executemany(sql, batch)


def _write_incidents(
    *, actor: Actor, parsed: list[list[Any]], source: str, result: ImportResult, filename: str
) -> None:
    lat = np.array([p[5] for p in parsed])
    lon = np.array([p[6] for p in parsed])
    xs, ys = spatial.to_metric(lat, lon)
    areas = spatial.assign_areas(lat, lon)
    references = [p[1] for p in parsed]
    fields = ("category_id", "occurred_from", "occurred_to", "lat", "lon", "precision", "source")
    now = timezone.now()

    tz = city_tz()
    with transaction.atomic():
        from django.db import connection

        size = max(100, min(5000, (connection.features.max_query_params or 5000) - 10))
        existing: dict[str, tuple[Any, ...]] = {}
        for chunk in range(0, len(references), size):
            for row in Incident.objects.filter(
                reference__in=references[chunk : chunk + size]
            ).values_list("reference", "pk", *fields):
                existing[row[0]] = row[1:]
        new: list[tuple[Any, ...]] = []
        changed: list[Incident] = []
        for record, x, y, area in zip(parsed, xs.tolist(), ys.tolist(), areas, strict=True):
            _line, reference, category, start, end, la, lo, precision = record
            values = (category, start, end, la, lo, precision, source)
            current = existing.get(reference)
            if current is None:
                new.append(
                    (
                        reference,
                        category,
                        start,
                        end,
                        la,
                        lo,
                        x,
                        y,
                        precision,
                        area,
                        source,
                        False,
                        now,
                        now,
                        local_seconds(start, tz),
                        local_seconds(end, tz),
                    )
                )
                continue
            if current[1:] == values:
                result.unchanged += 1
                continue
            incident = Incident(
                pk=current[0],
                reference=reference,
                x=x,
                y=y,
                area_id=area,
                updated_at=now,
                t_from=local_seconds(start, tz),
                t_to=local_seconds(end, tz),
            )
            for name, value in zip(fields, values, strict=True):
                setattr(incident, name, value)
            changed.append(incident)
        _insert(new)
        if changed:
            Incident.objects.bulk_update(
                changed,
                [*fields, "x", "y", "area_id", "updated_at", "t_from", "t_to"],
                batch_size=500,
            )
        result.created, result.updated = len(new), len(changed)
        record_event(
            actor=actor,
            action="incidents.import",
            target=("incidents.incident", filename[:100]),
            data={
                "file": filename[:200],
                "source": source,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "rejected": len(result.rejected),
            },
        )
        if result.created or result.updated:
            cache.bump()

        triggering = set(Category.objects.filter(triggers_cocoon=True).values_list("pk", flat=True))
        horizon = now - dt.timedelta(days=int(conf.get("URBIS_INCIDENTS_COCOON_DAYS")))
        result.watches = watches_for_new(
            actor=actor,
            references=[row[0] for row in new if row[1] in triggering and row[3] >= horizon],
            now=now,
        )


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
    rows = _located(rows, source_crs, result, at=3)
    result.rejected.sort()
    if progress:
        progress(result.total, result.total)
    if not rows:
        return result
    _write_addresses(actor=actor, rows=rows, filename=filename, result=result)
    return result


def _check_address_layout(columns: list[str]) -> bool:
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


def _write_addresses(
    *, actor: Actor, rows: list[list[Any]], filename: str, result: ImportResult
) -> None:
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
