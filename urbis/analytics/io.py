"""Reading event files for the command line: CSV with or without a header, dates to days."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
from numpy.typing import NDArray

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y", "%m/%d/%Y")
DATETIME_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M")
EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class Events:
    xy: NDArray[np.float64]
    days: NDArray[np.float64] | None  # whole days since 1970-01-01 in the city's time zone
    rows: int


def _column(header: list[str] | None, name: str, option: str) -> int:
    if header is None:
        try:
            return int(name)
        except ValueError:
            raise ValueError(f"{option}: the file has no header, give a column number") from None
    if name in header:
        return header.index(name)
    if name.isdigit() and int(name) < len(header):
        return int(name)
    raise ValueError(f"{option}: no column {name!r} (columns: {', '.join(header)})")


def parse_day(text: str, tz: ZoneInfo, fmt: str | None = None) -> int:
    """Days since 1970-01-01 of a date or a timestamp, taken in the city's time zone.

    A timestamp with an offset (e.g. ``2016-03-01T23:30:00+00:00``) is converted to local time
    before flooring to the day (domain/analytics.md §5.3).
    """
    value = text.strip()
    formats = (fmt,) if fmt else DATE_FORMATS + DATETIME_FORMATS
    for candidate in formats:
        try:
            # a wall-clock time in the city's zone, of which only the day is kept
            parsed = datetime.strptime(value, candidate)  # noqa: DTZ007
        except ValueError:
            continue
        return (parsed.date() - EPOCH).days
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"unreadable date {value!r}") from None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(tz)
    return (stamp.date() - EPOCH).days


def read_events(
    path: str | Path,
    *,
    x: str,
    y: str,
    date_column: str | None = None,
    header: bool = True,
    date_format: str | None = None,
    tz: str = "Europe/Brussels",
) -> Events:
    """Read x, y (and a date) from a CSV file; every bad row is reported by its line number."""
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"--tz: unknown time zone {tz!r}") from None
    file = Path(path)
    if not file.is_file():
        raise ValueError(f"FILE: {path} does not exist")
    with file.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        names = next(reader, None) if header else None
        if header and names is None:
            raise ValueError(f"FILE: {path} is empty")
        cx = _column(names, x, "--x")
        cy = _column(names, y, "--y")
        cd = _column(names, date_column, "--date") if date_column else None
        xs: list[float] = []
        ys: list[float] = []
        days: list[int] = []
        for line_number, row in enumerate(reader, start=2 if header else 1):
            if not row or all(not cell.strip() for cell in row):
                continue
            try:
                xs.append(float(row[cx]))
                ys.append(float(row[cy]))
                if cd is not None:
                    days.append(parse_day(row[cd], zone, date_format))
            except (ValueError, IndexError) as exc:
                raise ValueError(f"FILE: line {line_number}: {exc}") from None
    xy = np.column_stack([xs, ys]) if xs else np.empty((0, 2))
    return Events(
        xy=xy,
        days=np.asarray(days, dtype=np.float64) if cd is not None else None,
        rows=len(xs),
    )
