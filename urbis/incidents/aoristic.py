"""Aoristic weights: an incident known only as a window counts fractionally in each hour it
covers (Ratcliffe 2002, "Aoristic signatures and the spatio-temporal analysis of high volume
crime patterns"). Pure numpy; no Django.

For point-time kernels (Knox, prospective) a window is reduced to its midpoint, and windows
longer than a limit are left out and counted (never silently placed at ``occurred_from``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

HOUR = 3600.0


def week_hour_weights(
    starts: Sequence[float] | Any, ends: Sequence[float] | Any, *, weekday_of_epoch: int = 3
) -> NDArray[np.float64]:
    """A 7 × 24 table (Monday first) of aoristic weights; each incident adds 1 in total.

    ``starts``/``ends`` are local times in seconds since the epoch (local wall clock, so the
    day and hour are the city's). An exact time puts its whole weight in one hour. Windows of a
    week or more spread evenly. ``weekday_of_epoch``: 1970-01-01 was a Thursday (3).

    Examples
    --------
    >>> w = week_hour_weights([0.0], [7200.0])  # Thursday 00:00-02:00
    >>> float(w[3, 0]), float(w[3, 1]), float(w.sum())
    (0.5, 0.5, 1.0)
    """
    table = np.zeros(7 * 24, dtype=np.float64)
    for start, end in zip(starts, ends, strict=True):
        length = end - start
        if length <= 0:
            slot = int(start // HOUR)
            table[(slot + weekday_of_epoch * 24) % 168] += 1.0
            continue
        if length >= 7 * 24 * HOUR:
            table += 1.0 / 168
            continue
        first = int(start // HOUR)
        last = int(np.ceil(end / HOUR))
        for slot in range(first, last):
            overlap = min(end, (slot + 1) * HOUR) - max(start, slot * HOUR)
            if overlap > 0:
                table[(slot + weekday_of_epoch * 24) % 168] += overlap / length
    return table.reshape(7, 24)


def midpoints(
    starts: Sequence[float] | Any, ends: Sequence[float] | Any, *, max_hours: float
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Window midpoints, and which windows are short enough (≤ ``max_hours``) to use.

    Examples
    --------
    >>> mid, ok = midpoints([0.0, 0.0], [3600.0, 10 * 86400.0], max_hours=72)
    >>> mid.tolist(), ok.tolist()
    ([1800.0, 432000.0], [True, False])
    """
    s = np.asarray(starts, dtype=np.float64)
    e = np.asarray(ends, dtype=np.float64)
    return (s + e) / 2.0, (e - s) <= max_hours * HOUR
