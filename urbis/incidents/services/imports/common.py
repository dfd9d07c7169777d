"""Shared by the imports: the result, the reasons, dates, numbers and the table reader."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from urbis.core.tabular import TabularError, read_table
from urbis.incidents import conf, rules

Progress = Callable[[int, int], None]


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


def _reason(code: str, **params: Any) -> str:
    messages = {
        rules.UNKNOWN_CATEGORY: _("unknown category “%(value)s”"),
        rules.WINDOW_REVERSED: _("the window ends before it starts"),
        rules.IN_FUTURE: _("the date lies in the future"),
        rules.WINDOW_TOO_LONG: _("the window is longer than the maximum of %(days)s days"),
        rules.OUTSIDE_CITY: _("the coordinates lie outside the city's extent"),
        rules.SWAPPED: _(
            "latitude and longitude look swapped (the point lies in the city with them exchanged)"
        ),
        rules.OUT_OF_RANGE: _("the coordinates are not WGS84 latitude/longitude"),
    }
    return messages[code] % params if params else messages[code]


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
                moment = dt.datetime.strptime(text, fmt)  # noqa: DTZ007 - a local clock time, made aware below
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
