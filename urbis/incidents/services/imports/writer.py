"""Writing checked incidents: new ones by COPY (PostgreSQL) or executemany, changed ones
updated, the audit event, the cache and the cocoon watches of new burglaries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from urbis.core.audit import record_event
from urbis.core.types import Actor
from urbis.incidents import cache, conf, spatial
from urbis.incidents.arrays import city_tz, local_seconds
from urbis.incidents.models import Category, Incident
from urbis.incidents.services.cocoon import watches_for_new
from urbis.incidents.services.imports.common import BATCH, ImportResult

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
