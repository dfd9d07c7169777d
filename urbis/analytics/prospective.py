"""Prospective hotspotting (Bowers, Johnson & Pease 2004, Br. J. Criminol. 44:641).

Risk of cell c at prediction time T (domain/analytics.md §2.4):
R_c = Σ_i 1/(1 + d_i) · 1/(1 + w_i) over past events with d_i < space_bandwidth and
w_i < time_bandwidth, where w_i = floor((T − t_i) / 1 week) is the number of whole weeks
elapsed and d_i the distance between the event's cell and c in grid cells. The distance norm
is a parameter: "chebyshev" (diagonals count as 1; open_cp's default), "manhattan" or
"euclidean". Defaults follow open_cp's ClassicWeight (8 cells, 8 weeks).

Because the weight factorises into a time part and a space part, the risk is a single
convolution of the time-weighted event counts with the space kernel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import ndimage

from urbis.analytics._validation import as_days, as_xy, check_metres, positive
from urbis.analytics.grid import Grid, grid_for

Distance = Literal["chebyshev", "manhattan", "euclidean"]


@dataclass(frozen=True)
class RiskGrid:
    risk: NDArray[np.float64]  # shape grid.shape, row 0 = south
    grid: Grid
    at: float  # prediction time in days


def space_kernel(bandwidth: int, distance: Distance) -> NDArray[np.float64]:
    """1/(1 + d) for grid distances d < bandwidth, else 0."""
    offsets = np.arange(-(bandwidth - 1), bandwidth)
    dr, dc = np.meshgrid(offsets, offsets, indexing="ij")
    if distance == "chebyshev":
        d = np.maximum(np.abs(dr), np.abs(dc)).astype(np.float64)
    elif distance == "manhattan":
        d = (np.abs(dr) + np.abs(dc)).astype(np.float64)
    elif distance == "euclidean":
        d = np.sqrt(dr**2 + dc**2)
    else:
        raise ValueError(
            f"distance: must be 'chebyshev', 'manhattan' or 'euclidean', got {distance!r}"
        )
    return np.where(d < bandwidth, 1.0 / (1.0 + d), 0.0)


def prospective_hotspot(
    xy: ArrayLike,
    t: ArrayLike,
    *,
    at: float | np.datetime64,
    cell_size: float = 50.0,
    grid: Grid | None = None,
    extent: tuple[float, float, float, float] | None = None,
    space_bandwidth: int = 8,
    time_bandwidth: int = 8,
    distance: Distance = "chebyshev",
    time_unit: float = 7.0,
    include_at: bool = False,
) -> RiskGrid:
    """Risk surface for time ``at`` from the events before it (Bowers, Johnson & Pease 2004).

    Parameters
    ----------
    xy, t : array_like
        Event coordinates in metres and times (days or datetime64).
    at : float or datetime64
        Prediction time (same unit as ``t``).
    cell_size : float
        Grid cell in metres (ignored when ``grid`` is given).
    space_bandwidth : int
        Cells: events at grid distance >= this do not count.
    time_bandwidth : int
        Whole time units (weeks): events this many units old or older do not count.
    distance : {"chebyshev", "manhattan", "euclidean"}
    time_unit : float
        Days per time unit (7: weeks, as Bowers et al.).
    include_at : bool
        Also use events timed exactly at ``at``. open_cp's ``events_before(cutoff)`` keeps
        ``t <= cutoff``, so with daily dates the prediction day's own events feed its forecast;
        this reproduces open_cp's figures (domain/analytics.md §4.6) but leaks test events into
        the prediction. Leave it off for honest forecasts.

    Examples
    --------
    >>> import numpy as np
    >>> xy = np.array([[25.0, 25.0], [125.0, 25.0]])
    >>> result = prospective_hotspot(xy, [0.0, 6.0], at=7.0, cell_size=50,
    ...                              extent=(0, 0, 200, 100))
    >>> float(result.risk[0, 0])  # own cell 1/(1+0)/(1+1) + other at 2 cells 1/3/(1+0)
    0.8333333333333333
    """
    points = as_xy(xy)
    days = as_days(t)
    if days.shape[0] != points.shape[0]:
        raise ValueError(f"t: has {days.shape[0]} times for {points.shape[0]} coordinates")
    when = float(as_days(np.asarray([at]))[0])
    if not isinstance(space_bandwidth, (int, np.integer)) or space_bandwidth < 1:
        raise ValueError(
            f"space_bandwidth: must be a whole number of cells >= 1, got {space_bandwidth!r}"
        )
    if not isinstance(time_bandwidth, (int, np.integer)) or time_bandwidth < 1:
        raise ValueError(f"time_bandwidth: must be a whole number >= 1, got {time_bandwidth!r}")
    unit = positive(time_unit, "time_unit")
    if grid is None:
        size = positive(cell_size, "cell_size")
        check_metres(points, size)
        grid = grid_for(points, size, extent=extent)
    kernel = space_kernel(int(space_bandwidth), distance)

    past = days <= when if include_at else days < when
    age = np.floor((when - days[past]) / unit)
    recent = age < time_bandwidth
    weights = 1.0 / (1.0 + age[recent])
    weighted = grid.counts(points[past][recent], weights)
    risk = ndimage.correlate(weighted, kernel, mode="constant", cval=0.0)
    return RiskGrid(risk=risk, grid=grid, at=when)
