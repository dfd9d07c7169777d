"""Pure rules of the incidents app: row checks, and the cocoon-watch zone from a Knox table.

No Django import (an import-linter contract enforces it). These are analytical conventions,
not law; the thresholds marked BELIEVED are settings (docs/incidents.md).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

BBox = tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat


def inside(bbox: BBox, lat: float, lon: float) -> bool:
    return bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]


# Reason codes of a rejected row; the service turns them into translated messages.
UNKNOWN_CATEGORY = "unknown_category"
WINDOW_REVERSED = "window_reversed"
IN_FUTURE = "in_future"
WINDOW_TOO_LONG = "window_too_long"
OUTSIDE_CITY = "outside_city"
SWAPPED = "swapped"
OUT_OF_RANGE = "out_of_range"
TOO_OLD = "too_old"
XY_SWAPPED = "xy_swapped"

#: Earliest year of an occurrence window: older dates are typing errors (0001-01-01 is a
#: spreadsheet's empty date), and years near 1 overflow the time-zone conversion.
MIN_YEAR = 1900


def check_window(
    occurred_from: dt.datetime, occurred_to: dt.datetime, *, now: dt.datetime, max_days: float
) -> str | None:
    """The occurrence window must not start before ``MIN_YEAR``, must not end before it starts
    (an impossible record), must not lie in the future (a police record describes the past),
    and must not be longer than
    ``max_days`` (BELIEVED default 31 days: a longer window says nothing about time)."""
    if occurred_from.year < MIN_YEAR or occurred_to.year < MIN_YEAR:
        return TOO_OLD
    if occurred_to < occurred_from:
        return WINDOW_REVERSED
    if occurred_from > now or occurred_to > now:
        return IN_FUTURE
    if (occurred_to - occurred_from).total_seconds() > max_days * 86400:
        return WINDOW_TOO_LONG
    return None


def check_location(lat: float, lon: float, bbox: BBox | None) -> str | None:
    """WGS84 range, then the city's extent; a point that fits only with latitude and longitude
    exchanged is reported as swapped (a common export mistake)."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        if -90 <= lon <= 90 and -180 <= lat <= 180 and bbox and inside(bbox, lon, lat):
            return SWAPPED
        return OUT_OF_RANGE
    if bbox is None or inside(bbox, lat, lon):
        return None
    if inside(bbox, lon, lat):
        return SWAPPED
    return OUTSIDE_CITY


# --- Cocoon watch -----------------------------------------------------------------------


@dataclass(frozen=True)
class Zone:
    radius_m: float
    days: int
    from_knox: bool
    cells: tuple[tuple[int, int], ...] = ()


def zone_from_knox(
    space_breaks: Sequence[float],
    time_breaks: Sequence[float],
    ratio: Sequence[Sequence[float]],
    p_value: Sequence[Sequence[float]],
    *,
    alpha: float,
    min_ratio: float,
    default_radius_m: float,
    default_days: int,
) -> Zone:
    """The risk zone after a burglary from the city's own near-repeat (Knox) table.

    A band counts when the observed/expected ratio is above ``min_ratio`` (1: "significantly
    above 1"; Ratcliffe's NRC highlights at 1.2) with p < ``alpha`` (one-sided permutation
    p, domain/analytics.md §2.1). The radius is the outer edge of the farthest significant
    spatial band and the window the outer edge of the latest significant time band, over
    finite bands only (the [last, ∞) band says "anywhere"). No significant band: the
    configured default (BELIEVED 200 m and 14 days, after Johnson et al. 2007's ~200 m for
    1–2 weeks), flagged ``from_knox=False`` so the page says so.
    """
    cells = []
    for s in range(len(space_breaks) - 1):
        for t in range(len(time_breaks) - 1):
            if not (math.isfinite(space_breaks[s + 1]) and math.isfinite(time_breaks[t + 1])):
                continue
            r, p = ratio[s][t], p_value[s][t]
            if r is None or p is None or not math.isfinite(r):
                continue
            if r > min_ratio and p < alpha:
                cells.append((s, t))
    if not cells:
        return Zone(float(default_radius_m), int(default_days), False)
    radius = max(space_breaks[s + 1] for s, _t in cells)
    days = max(time_breaks[t + 1] for _s, t in cells)
    return Zone(float(radius), math.ceil(days), True, tuple(cells))


def suppress(count: int, minimum: int) -> int | None:
    """Small-cell suppression for public outputs: counts below ``minimum`` (BELIEVED 5, the
    common statistical-disclosure threshold) are withheld, never rounded."""
    return None if 0 < count < minimum else count
