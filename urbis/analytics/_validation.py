"""Input checks shared by the kernels: every error names the argument and the problem."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray


def as_xy(xy: ArrayLike, name: str = "xy", *, min_rows: int = 1) -> NDArray[np.float64]:
    """Return ``xy`` as a float64 (n, 2) array of finite projected coordinates."""
    try:
        array = np.asarray(xy, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: must be numeric coordinates ({exc})") from exc
    if array.ndim != 2 or array.shape[1] != 2:
        raise ValueError(f"{name}: must have shape (n, 2), got {array.shape}")
    if array.shape[0] < min_rows:
        raise ValueError(f"{name}: needs at least {min_rows} events, got {array.shape[0]}")
    if not np.all(np.isfinite(array)):
        bad = int(np.flatnonzero(~np.all(np.isfinite(array), axis=1))[0])
        raise ValueError(f"{name}: row {bad} has a NaN or infinite coordinate")
    return array


def as_days(t: ArrayLike, name: str = "t") -> NDArray[np.float64]:
    """Times in days as float64: numbers are taken as days, datetime64 as days since the epoch."""
    array = np.asarray(t)
    if np.issubdtype(array.dtype, np.datetime64):
        if np.any(np.isnat(array)):
            raise ValueError(f"{name}: contains NaT (missing dates)")
        days = (array - np.datetime64("1970-01-01", "s")) / np.timedelta64(1, "D")
        return np.asarray(days, dtype=np.float64)
    try:
        values = np.asarray(array, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: must be numbers (days) or datetime64 ({exc})") from exc
    if values.ndim != 1:
        raise ValueError(f"{name}: must be one-dimensional, got shape {values.shape}")
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{name}: contains NaN or infinite times")
    return values


def as_breaks(breaks: Sequence[float] | ArrayLike, name: str) -> NDArray[np.float64]:
    """Band breaks: at least two, starting at 0, strictly increasing; only the last may be inf."""
    try:
        array = np.asarray(breaks, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: must be numbers ({exc})") from exc
    if array.ndim != 1 or array.size < 2:
        raise ValueError(f"{name}: needs at least two breaks, e.g. [0, 100]")
    if np.any(np.isnan(array)):
        raise ValueError(f"{name}: contains NaN")
    if array[0] != 0:
        raise ValueError(f"{name}: must start at 0, got {array[0]:g}")
    if np.any(np.diff(array) <= 0):
        raise ValueError(f"{name}: must be strictly increasing, got {array.tolist()}")
    if np.any(np.isinf(array[:-1])):
        raise ValueError(f"{name}: only the last break may be inf")
    return array


def positive(value: float, name: str) -> float:
    if not isinstance(value, (int, float, np.floating, np.integer)) or not math.isfinite(value):
        raise ValueError(f"{name}: must be a finite number, got {value!r}")
    if value <= 0:
        raise ValueError(f"{name}: must be positive, got {value:g}")
    return float(value)


def bounds(xy: NDArray[np.float64]) -> tuple[tuple[float, float], tuple[float, float]]:
    """((xmin, xmax), (ymin, ymax)), column by column (fast for (n, 2) arrays)."""
    x = xy[:, 0]
    y = xy[:, 1]
    return (float(x.min()), float(x.max())), (float(y.min()), float(y.max()))


def check_metres(xy: NDArray[np.float64], scale: float, name: str = "xy") -> None:
    """Refuse longitude/latitude where metres are expected.

    Coordinates that all lie in the degree ranges and span far less than the analysis scale
    (a band, bandwidth or cell size in metres) are almost certainly degrees.
    """
    if not math.isfinite(scale) or xy.size == 0:
        return
    # Column by column: numpy's min/max along axis 0 of an (n, 2) array is ~20x slower.
    (xmin, xmax), (ymin, ymax) = bounds(xy)
    in_degree_range = max(-xmin, xmax) <= 180 and max(-ymin, ymax) <= 90
    extent = max(xmax - xmin, ymax - ymin)
    if in_degree_range and extent > 0 and extent * 10 < scale:
        raise ValueError(
            f"{name}: coordinates look like longitude/latitude degrees (extent {extent:.4g}) but "
            f"metres are expected (scale {scale:g} m); project them first, e.g. with "
            "urbis.analytics.project_lonlat"
        )
