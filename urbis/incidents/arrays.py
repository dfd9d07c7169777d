"""Incidents as numpy arrays for the kernels (metres, local times), with the window rule."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db.models import QuerySet
from numpy.typing import NDArray

from urbis.incidents import aoristic, conf
from urbis.incidents.models import Incident

# Wall-clock seconds in the city's zone: the epoch is naive on purpose (a local midnight).
EPOCH = dt.datetime(1970, 1, 1)  # noqa: DTZ001


@dataclass(frozen=True)
class Events:
    ids: NDArray[np.int64]
    xy: NDArray[np.float64]  # metres in the city's metric CRS
    start: NDArray[np.float64]  # local wall-clock seconds since 1970-01-01
    end: NDArray[np.float64]

    @property
    def n(self) -> int:
        return int(self.ids.size)

    def point_times(self) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
        """Midpoints in days and which windows are short enough to be used as points
        (URBIS_INCIDENTS_AORISTIC_MAX_HOURS); never ``occurred_from`` alone."""
        mid, ok = aoristic.midpoints(
            self.start, self.end, max_hours=float(conf.get("URBIS_INCIDENTS_AORISTIC_MAX_HOURS"))
        )
        return mid / 86400.0, ok


def local_seconds(moment: dt.datetime, tz: dt.tzinfo) -> float:
    return (moment.astimezone(tz).replace(tzinfo=None) - EPOCH).total_seconds()


def city_tz() -> dt.tzinfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _floats(queryset: QuerySet[Incident], *fields: str) -> list[tuple[float, ...]]:
    """The rows of ``fields`` straight from the cursor: they are plain numbers, so the ORM's
    per-row converters (a third of a layer's time over 50,000 incidents) are skipped."""
    from django.core.exceptions import EmptyResultSet
    from django.db import connections

    try:
        sql, params = queryset.values_list(*fields).query.sql_with_params()
    except EmptyResultSet:  # e.g. .none() for a user without a role
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def events(queryset: QuerySet[Incident]) -> Events:
    rows = _floats(queryset, "pk", "x", "y", "t_from", "t_to")
    if not rows:
        empty = np.zeros(0)
        return Events(np.zeros(0, dtype=np.int64), np.zeros((0, 2)), empty, empty)
    table = np.array(rows, dtype=np.float64)
    return Events(table[:, 0].astype(np.int64), table[:, 1:3], table[:, 3], table[:, 4])


def points(queryset: QuerySet[Incident]) -> NDArray[np.float64]:
    """Only the coordinates (metres): what the spatial layers need."""
    return np.array(_floats(queryset, "x", "y"), dtype=np.float64).reshape(-1, 2)


def day_number(day: dt.date) -> float:
    """A local date as days since 1970-01-01 (the unit of ``Events.point_times``)."""
    return float((day - EPOCH.date()).days)
