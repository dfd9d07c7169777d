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

EPOCH = dt.datetime(1970, 1, 1)


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


def events(queryset: QuerySet[Incident]) -> Events:
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    rows = list(queryset.values_list("pk", "x", "y", "occurred_from", "occurred_to"))
    if not rows:
        empty = np.zeros(0)
        return Events(np.zeros(0, dtype=np.int64), np.zeros((0, 2)), empty, empty)
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    xy = np.array([(r[1], r[2]) for r in rows], dtype=np.float64)
    start = np.fromiter((local_seconds(r[3], tz) for r in rows), dtype=np.float64, count=len(rows))
    end = np.fromiter((local_seconds(r[4], tz) for r in rows), dtype=np.float64, count=len(rows))
    return Events(ids, xy, start, end)


def day_number(day: dt.date) -> float:
    """A local date as days since 1970-01-01 (the unit of ``Events.point_times``)."""
    return float((day - EPOCH.date()).days)
