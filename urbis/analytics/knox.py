"""Knox space-time test for near-repeat victimisation, in bands (Knox 1964; Ratcliffe 2006).

Semantics follow the NearRepeat R package (domain/analytics.md §2.1): bands from break vectors,
``closed="left"`` bands [a, b), Manhattan distance by default, Monte Carlo permutation of the event
times with the spatial pair structure fixed, ``p = (1 + #{sim >= obs}) / (R + 1)``.

Memory stays far below O(n²): only pairs closer than the largest finite spatial break are
enumerated (KD-tree radius query). A trailing ``inf`` spatial band is counted by subtraction from
the time-band totals over all P = n(n-1)/2 pairs, which the permutation does not change (the
multiset of pairwise time gaps is invariant under relabelling), and those totals come from the
sorted times in O(n log n).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.spatial import cKDTree

from urbis.analytics._jit import get_num_threads
from urbis.analytics._kernels import count_pairs_float, count_pairs_lut, shuffled_columns
from urbis.analytics._validation import as_breaks, as_days, as_xy, check_metres

Metric = Literal["manhattan", "euclidean"]
Closed = Literal["left", "right"]
ProgressCallback = Callable[[int, int], None]

# Permutations counted together in one parallel call: the pairs are read once per batch, and
# few calls mean few thread barriers (each costs a scheduler time slice on a busy machine).
_BATCH = 256
_DRAW = 32  # permutations whose uniform draws are generated at once (32 x n floats)


@dataclass(frozen=True)
class KnoxResult:
    """Result of :func:`knox_test`; every table has shape (S, T) = (space bands, time bands).

    ``space_totals`` (N_s, shape (S,)) and ``time_totals`` (N_t, shape (T,)) count all P pairs
    in each band whatever the other gap, so ``expected = outer(N_s, N_t) / P`` and a single
    band gives pointpats' 2×2 table [[O, N_s − O], [N_t − O, P − N_s − N_t + O]].
    ``simulations`` holds every permutation's table, shape (R, S, T).
    """

    observed: NDArray[np.int64]
    expected: NDArray[np.float64]
    simulated_mean: NDArray[np.float64]
    simulated_median: NDArray[np.float64]
    ratio: NDArray[np.float64]
    ratio_median: NDArray[np.float64]
    p_value: NDArray[np.float64]
    space_labels: list[str]
    time_labels: list[str]
    permutations: int
    n_pairs: int
    n_events: int
    metric: str
    closed: str
    nrc_compat: bool
    space_totals: NDArray[np.int64]
    time_totals: NDArray[np.int64]
    simulations: NDArray[np.int64] = field(repr=False)

    def significant(self, alpha: float = 0.05, min_ratio: float = 1.2) -> NDArray[np.bool_]:
        """Cells to highlight: p < alpha and ratio >= min_ratio (Ratcliffe's NRC manual, p. 10)."""
        return (self.p_value < alpha) & (np.nan_to_num(self.ratio) >= min_ratio)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable summary (no per-permutation counts)."""

        def clean(array: NDArray[Any]) -> list[list[float | int | None]]:
            return [
                [None if isinstance(v, float) and not math.isfinite(v) else v for v in row]
                for row in array.tolist()
            ]

        return {
            "space_labels": self.space_labels,
            "time_labels": self.time_labels,
            "observed": self.observed.tolist(),
            "expected": clean(self.expected),
            "simulated_mean": clean(self.simulated_mean),
            "simulated_median": clean(self.simulated_median),
            "ratio": clean(self.ratio),
            "ratio_median": clean(self.ratio_median),
            "p_value": clean(self.p_value),
            "permutations": self.permutations,
            "n_pairs": self.n_pairs,
            "n_events": self.n_events,
            "metric": self.metric,
            "closed": self.closed,
            "nrc_compat": self.nrc_compat,
            "space_totals": self.space_totals.tolist(),
            "time_totals": self.time_totals.tolist(),
        }


def _fmt(value: float) -> str:
    return "inf" if math.isinf(value) else f"{value:g}"


def band_labels(breaks: NDArray[np.float64], closed: Closed) -> list[str]:
    """Interval notation for each band, as NearRepeat prints it."""
    labels = []
    for index, (low, high) in enumerate(itertools.pairwise(breaks)):
        if closed == "left":
            right = ")"
            labels.append(f"[{_fmt(low)}, {_fmt(high)}{right}")
        else:
            left = "[" if index == 0 else "("
            right = ")" if math.isinf(high) else "]"
            labels.append(f"{left}{_fmt(low)}, {_fmt(high)}{right}")
    return labels


def _band_of(values: NDArray[np.float64], breaks: NDArray[np.float64], closed: Closed) -> NDArray:
    """Band index per value; -1 when outside every band."""
    if closed == "left":
        index = np.searchsorted(breaks, values, side="right") - 1
    else:
        index = np.searchsorted(breaks, values, side="left") - 1
        index[values == 0] = 0
    index[(index < 0) | (index >= breaks.size - 1)] = -1
    return index.astype(np.int64)


def _pairs_within(
    xy: NDArray[Any], radius: float, metric: Metric
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.int32], NDArray[np.float64]]:
    """Pairs closer than ``radius`` (inclusive, with a little slack), with their distances.

    Events are relabelled in the KD-tree's leaf order (returned as ``order``: new label k is
    old event ``order[k]``) so that close events have close labels: the permutation loop then
    reads the permuted times of a pair from nearby memory. Pairs come as i < j in new labels,
    sorted by i then j.
    """
    p = 1 if metric == "manhattan" else 2
    tree = cKDTree(xy.astype(np.float64))
    slack = radius * 1e-6 + 1e-6
    pairs = tree.query_pairs(r=radius + slack, p=p, output_type="ndarray")
    order = np.asarray(tree.indices, dtype=np.int64)
    del tree
    rank = np.empty(order.size, dtype=np.int32)
    rank[order] = np.arange(order.size, dtype=np.int32)
    a = rank[pairs[:, 0]]
    b = rank[pairs[:, 1]]
    del pairs
    i = np.minimum(a, b)
    j = np.maximum(a, b)
    del a, b
    sort = np.lexsort((j, i))
    i, j = i[sort], j[sort]
    del sort
    # Distances recomputed in the coordinates' own precision (float32 in NRC mode, §2.1.3).
    moved = xy[order]
    dx = np.abs(moved[i, 0] - moved[j, 0])
    dy = np.abs(moved[i, 1] - moved[j, 1])
    distance = dx + dy if metric == "manhattan" else np.sqrt(dx * dx + dy * dy)
    return order, i, j, distance.astype(np.float64)


def _time_band_totals(
    t: NDArray[np.float64], breaks: NDArray[np.float64], closed: Closed
) -> NDArray[np.int64]:
    """Number of all P pairs in each time band, from the sorted times in O(n log n)."""
    ts = np.sort(t)
    n = ts.size
    positions = np.arange(n)
    total_pairs = n * (n - 1) // 2

    def within(limit: float, inclusive: bool) -> int:
        if math.isinf(limit):
            return total_pairs
        side: Literal["left", "right"] = "right" if inclusive else "left"
        return int(np.sum(np.searchsorted(ts, ts + limit, side=side) - positions - 1))

    totals = []
    for index, (low, high) in enumerate(itertools.pairwise(breaks)):
        if closed == "left":  # [low, high)
            totals.append(within(high, False) - (within(low, False) if low > 0 else 0))
        else:  # (low, high], the first band [0, high]
            totals.append(within(high, True) - (within(low, True) if index > 0 else 0))
    return np.asarray(totals, dtype=np.int64)


def _time_lookup(
    days: NDArray[np.float64], breaks: NDArray[np.float64], closed: Closed
) -> tuple[NDArray[np.int32], NDArray[np.int32], int] | None:
    """Whole-day times as int32 with a gap -> time band table, or None for fractional times.

    Dates (the usual case) give integer gaps, so the band of every gap up to the last finite
    break is tabulated once and the per-pair band search becomes one look-up.
    """
    if days.size == 0 or not np.all(days == np.floor(days)):
        return None
    origin = float(days.min())
    if float(days.max()) - origin > 2**30:
        return None
    finite = breaks[np.isfinite(breaks)]
    size = math.ceil(float(finite[-1])) + 1
    if size > 10_000_000:
        return None
    table = _band_of(np.arange(size, dtype=np.float64), breaks, closed).astype(np.int32)
    # Longer gaps fall in the last band only when it is open-ended (its break is inf).
    tail = breaks.size - 2 if math.isinf(breaks[-1]) else -1
    return (days - origin).astype(np.int32), table, tail


def _checked_inputs(
    xy: ArrayLike,
    t: ArrayLike,
    space_breaks: Sequence[float] | ArrayLike,
    time_breaks: Sequence[float] | ArrayLike,
    metric: str,
    closed: str,
    permutations: int,
    nrc_compat: bool,
) -> tuple[NDArray[Any], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """The validated points, days and band breaks of :func:`knox_test` (ValueError naming the
    argument otherwise)."""
    points = as_xy(xy, min_rows=2)
    days = as_days(t)
    if days.shape[0] != points.shape[0]:
        raise ValueError(f"t: has {days.shape[0]} times for {points.shape[0]} coordinates")
    space = as_breaks(space_breaks, "space_breaks")
    time = as_breaks(time_breaks, "time_breaks")
    if metric not in ("manhattan", "euclidean"):
        raise ValueError(f"metric: must be 'manhattan' or 'euclidean', got {metric!r}")
    if closed not in ("left", "right"):
        raise ValueError(f"closed: must be 'left' or 'right', got {closed!r}")
    least = 2 if nrc_compat else 1  # NRC's "iterations" I run I - 1 permutations
    if (
        isinstance(permutations, bool)
        or not isinstance(permutations, (int, np.integer))
        or permutations < least
    ):
        raise ValueError(f"permutations: must be a whole number >= {least}, got {permutations!r}")
    finite_space = space[np.isfinite(space)]
    check_metres(points, float(finite_space[-1]) if finite_space.size > 1 else math.inf)
    return points, days, space, time


def _nrc_inputs(
    points: NDArray[Any],
    days: NDArray[np.float64],
    space: NDArray[np.float64],
    time: NDArray[np.float64],
    closed: str,
) -> tuple[NDArray[Any], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """The Near Repeat Calculator 1.3's view of the inputs: float32 coordinates, whole days,
    a trailing [last, inf) band in space and in time."""
    if closed != "left":
        raise ValueError("closed: the Near Repeat Calculator's bands are [a, b); use 'left'")
    if math.isfinite(space[-1]):
        space = np.append(space, math.inf)
    if math.isfinite(time[-1]):
        time = np.append(time, math.inf)
    return points.astype(np.float32), np.floor(days), space, time


def knox_test(
    xy: ArrayLike,
    t: ArrayLike,
    *,
    space_breaks: Sequence[float] | ArrayLike,
    time_breaks: Sequence[float] | ArrayLike,
    metric: Metric = "manhattan",
    closed: Closed = "left",
    permutations: int = 999,
    rng: int | np.random.Generator | None = None,
    nrc_compat: bool = False,
    progress: ProgressCallback | None = None,
) -> KnoxResult:
    """Multi-band Knox test with Monte Carlo permutation of the event times.

    Parameters
    ----------
    xy : array_like, shape (n, 2)
        Projected coordinates in metres (see :func:`urbis.analytics.project_lonlat`).
    t : array_like, shape (n,)
        Event times in days (numbers) or ``datetime64`` values.
    space_breaks, time_breaks : sequence of float
        Band breaks, increasing from 0; the last may be ``math.inf``. With ``closed="left"``
        each band is [a, b); with ``closed="right"`` it is (a, b] and the first is [0, b].
        Pairs beyond the last finite break are not counted unless the last break is inf.
    metric : {"manhattan", "euclidean"}
        Spatial distance (NearRepeat's default is Manhattan).
    permutations : int
        Number of Monte Carlo permutations R. With ``nrc_compat`` it is the Near Repeat
        Calculator's "iterations" I, which runs I - 1 permutations.
    rng : int or numpy.random.Generator, optional
        Seed or generator: the same seed gives the same result.
    nrc_compat : bool
        Reproduce the Near Repeat Calculator 1.3 (domain/analytics.md §2.1.3): float32
        coordinates, a "same location" band of exactly 0 m split off the first band, a
        trailing [last, inf) band in space and in time, whole days, I - 1 permutations.
    progress : callable, optional
        ``progress(done, total)`` after each batch of permutations.

    Returns
    -------
    KnoxResult
        ``observed`` counts, ``expected`` = N_s·N_t/P (exact expectation under the permutation
        null), simulated mean and median, ``ratio`` = observed / simulated mean,
        ``ratio_median``, ``p_value`` = (1 + #{sim >= obs}) / (R + 1), interval labels.

    Examples
    --------
    >>> import numpy as np
    >>> xy = np.array([[0, 0], [50, 0], [1000, 0], [1050, 0]])
    >>> t = np.array([0, 3, 100, 101])
    >>> result = knox_test(xy, t, space_breaks=[0, 100], time_breaks=[0, 7],
    ...                    permutations=99, rng=1)
    >>> result.observed.tolist()
    [[2]]
    >>> result.space_labels, result.time_labels
    (['[0, 100)'], ['[0, 7)'])
    """
    points, days, space, time = _checked_inputs(
        xy, t, space_breaks, time_breaks, metric, closed, permutations, nrc_compat
    )
    if nrc_compat:
        points, days, space, time = _nrc_inputs(points, days, space, time, closed)
        n_sims = int(permutations) - 1  # NRC's "iterations" I run I - 1 permutations
        space_labels = [
            "0 (same location)",
            f"(0, {_fmt(space[1])})",
            *band_labels(space, "left")[1:],
        ]
    else:
        n_sims = int(permutations)
        space_labels = band_labels(space, closed)
    time_labels = band_labels(time, closed)

    n = points.shape[0]
    total_pairs = n * (n - 1) // 2
    finite_edges = space[:-1] if math.isinf(space[-1]) else space
    radius = float(finite_edges[-1])
    order, i, j, distance = _pairs_within(points, radius, metric)
    # From here on events carry their spatial (KD-tree) labels; the observed table and the
    # permutation null do not depend on labels, and the same seed still gives the same result.
    days = days[order]

    if nrc_compat:
        inner = _band_of(distance, space, "left")
        inner[(inner >= 0)] += 1
        inner[distance == 0] = 0
        n_space = space.size  # {0} plus the len(space) - 1 bands
    else:
        inner = _band_of(distance, space, closed)
        n_space = space.size - 1
    inf_row = n_space - 1 if math.isinf(space[-1]) else -1
    keep = (inner >= 0) & (inner != inf_row)
    pi, pj, sband = i[keep], j[keep], inner[keep].astype(np.int32)
    del i, j, distance, inner, keep
    n_time = time.size - 1
    n_cells = n_space * n_time
    offset = (sband * n_time).astype(np.int32)
    closed_left = closed == "left"
    # Pairs as CSR rows (partners of each event i), split into chunks of about equal pair
    # counts, one per thread.
    row_start = np.searchsorted(pi, np.arange(n + 1)).astype(np.int64)
    chunks = max(1, min(get_num_threads() * 4, n))
    chunk_rows = np.searchsorted(row_start, np.linspace(0, pi.size, chunks + 1)).astype(np.int64)
    chunk_rows[0], chunk_rows[-1] = 0, n
    del pi

    # N_s and N_t over all pairs, for the exact expectation and the inf-band subtraction.
    space_totals = np.bincount(sband, minlength=n_space).astype(np.int64)
    if inf_row >= 0:
        space_totals[inf_row] = total_pairs - int(space_totals.sum())
    del sband
    time_totals = _time_band_totals(days, time, closed)

    lut = _time_lookup(days, time, closed)
    values: NDArray[Any] = days if lut is None else lut[0]

    def count(times: NDArray[Any]) -> NDArray[np.int64]:
        """Tables for a batch of (n, B) permuted time columns."""
        flat = np.zeros((times.shape[1], n_cells), dtype=np.int64)
        if lut is not None:
            _t, table, tail = lut
            count_pairs_lut(row_start, pj, offset, chunk_rows, times, table, tail, flat)
        else:
            count_pairs_float(row_start, pj, offset, chunk_rows, times, time, closed_left, flat)
        out = flat.reshape(times.shape[1], n_space, n_time)
        if inf_row >= 0:
            out[:, inf_row, :] = time_totals[None, :] - out.sum(axis=1)
        return out

    observed = count(np.ascontiguousarray(values[:, None]))[0]

    generator = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    simulations = np.empty((n_sims, n_space, n_time), dtype=np.int64)
    batch = np.empty((n, min(_BATCH, n_sims)), dtype=values.dtype)
    done = 0
    while done < n_sims:
        size = min(_BATCH, n_sims - done)
        # Permuting the times over fixed locations (Knox 1964; NearRepeat's sample(time)),
        # with uniform draws taken _DRAW permutations at a time to bound their memory.
        for start in range(0, size, _DRAW):
            block = min(_DRAW, size - start)
            shuffled_columns(values, generator.random((block, n)), batch[:, start : start + block])
        simulations[done : done + size] = count(np.ascontiguousarray(batch[:, :size]))
        done += size
        if progress is not None:
            progress(done, n_sims)

    expected = np.outer(space_totals, time_totals).astype(np.float64) / total_pairs
    sim_mean = simulations.mean(axis=0)
    sim_median = np.median(simulations, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(sim_mean > 0, observed / sim_mean, np.nan)
        ratio_median = np.where(sim_median > 0, observed / sim_median, np.nan)
    p_value = (1 + (simulations >= observed[None]).sum(axis=0)) / (n_sims + 1)

    return KnoxResult(
        observed=observed,
        expected=expected,
        simulated_mean=sim_mean,
        simulated_median=sim_median,
        ratio=ratio,
        ratio_median=ratio_median,
        p_value=p_value,
        space_labels=space_labels,
        time_labels=time_labels,
        permutations=n_sims,
        n_pairs=total_pairs,
        n_events=n,
        metric=metric,
        closed=closed,
        nrc_compat=nrc_compat,
        space_totals=space_totals,
        time_totals=time_totals,
        simulations=simulations,
    )
