"""Shared by the imports: the result, the reasons, dates, numbers and the table reader."""

from __future__ import annotations

import codecs
import datetime as dt
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from urbis.core.tabular import FORMULA_STARTS, TabularError, read_table
from urbis.incidents import conf, rules, spatial
from urbis.incidents.services.reasons import reason

Progress = Callable[[int, int], None]


BATCH = 2000
FORMULA_PREFIXES = FORMULA_STARTS  # =, +, -, @, TAB, CR (OWASP "CSV Injection")


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
    """The translated reason of a rule's code (one list, shared with the hand entry)."""
    return reason(code, **params)


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


_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _broken_utf8_line(data: bytes) -> int | None:
    """The line of the first byte that breaks UTF-8 in a text file that otherwise holds UTF-8
    characters (a broken or concatenated export), or None. A file without any UTF-8 character
    is left to the reader's fallback to Windows-1252 (the older Belgian exports); reading such
    a mixed file as Windows-1252 would silently garble every accented letter."""
    if data.startswith((b"PK\x03\x04", b"\xff\xfe", b"\xfe\xff")):
        return None
    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 1 << 20
    for offset in range(0, len(data), step):
        try:
            decoder.decode(data[offset : offset + step], final=offset + step >= len(data))
        except UnicodeDecodeError as error:
            position = offset + error.start
            break
    else:
        return None
    if not _UTF8_MULTIBYTE.search(data):
        return None
    return data.count(b"\n", 0, max(position, 0)) + 1


def _read(
    data: bytes, filename: str, columns: tuple[str, ...], aliases: dict[str, str], mapping: Any
) -> Any:
    names = dict(aliases)
    for target, source in (mapping or {}).items():
        if target in columns and source:
            names[str(source)] = target
    broken = _broken_utf8_line(data)
    if broken:
        raise ValidationError(
            {
                "file": [
                    _(
                        "The file mixes UTF-8 with another encoding: line %(line)s has bytes "
                        "that are not UTF-8. Save the file again as UTF-8."
                    )
                    % {"line": broken}
                ]
            }
        )
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


def swapped_xy(first: Any, second: Any, rows: list[int], source_crs: Any, bbox: Any) -> set[int]:
    """Of the refused ``rows``, those whose x and y exchanged fall in the city: a common export
    mistake, reported as such rather than as "outside the city"."""
    if not (source_crs and bbox and rows):
        return set()
    lon, lat = spatial.to_lonlat(np.asarray(second)[rows], np.asarray(first)[rows], source_crs)
    return {
        i
        for i, la, lo in zip(rows, np.asarray(lat).tolist(), np.asarray(lon).tolist(), strict=True)
        if rules.check_location(la, lo, bbox) is None
    }
