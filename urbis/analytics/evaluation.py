"""Forecast evaluation: hit rate, PAI and PEI over a study-area mask (domain/analytics.md §2.6).

Tie rule (stated, as open_cp's ``top_slice``): for coverage c, exactly k = ⌊N·c⌋ cells are
flagged, N being the number of cells inside the study-area mask; cells are ranked by risk,
highest first, and equal risks keep row-major cell order (a stable sort), so the result is
deterministic. Events and cells outside the mask count for nothing — never the bounding box.

* hit rate = n/N_events, the share of test events in flagged cells;
* PAI = (n/N_events) / (a/A) with a/A = k/N (Chainey, Tompson & Uhlig 2008);
* PEI = n / n*, n* being the most events any k cells capture (Hunt 2016).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray


def _prepare(
    risk: ArrayLike, events: ArrayLike, mask: ArrayLike | None
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r = np.asarray(risk, dtype=np.float64)
    e = np.asarray(events, dtype=np.float64)
    if r.shape != e.shape:
        raise ValueError(f"events: shape {e.shape} differs from risk {r.shape}")
    inside = np.ones(r.shape, dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
    if inside.shape != r.shape:
        raise ValueError(f"mask: shape {inside.shape} differs from risk {r.shape}")
    if not inside.any():
        raise ValueError("mask: selects no cell")
    if np.any(~np.isfinite(r[inside])):
        raise ValueError("risk: contains NaN or infinite values inside the study area")
    if np.any(e < 0):
        raise ValueError("events: counts cannot be negative")
    return r[inside].ravel(), e[inside].ravel()


def _coverages(coverage: float | Sequence[float]) -> NDArray[np.float64]:
    values = np.atleast_1d(np.asarray(coverage, dtype=np.float64))
    if np.any(~np.isfinite(values)) or np.any((values <= 0) | (values > 1)):
        raise ValueError(f"coverage: each value must lie in (0, 1], got {values.tolist()}")
    return values


def _evaluate(
    risk: ArrayLike, events: ArrayLike, coverage: float | Sequence[float], mask: ArrayLike | None
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], float, int]:
    r, e = _prepare(risk, events, mask)
    cov = _coverages(coverage)
    order = np.argsort(-r, kind="stable")
    captured = np.concatenate([[0.0], np.cumsum(e[order])])
    best = np.concatenate([[0.0], np.cumsum(np.sort(e)[::-1])])
    k = np.floor(cov * r.size + 1e-9).astype(np.int64)
    return captured[k], best[k], k.astype(np.float64), float(e.sum()), r.size


def _shape(values: NDArray[np.float64], coverage: float | Sequence[float]) -> float | NDArray:
    return float(values[0]) if np.ndim(coverage) == 0 else values


def hit_rate(
    risk: ArrayLike,
    events: ArrayLike,
    coverage: float | Sequence[float],
    *,
    mask: ArrayLike | None = None,
) -> float | NDArray[np.float64]:
    """Share of the test events (a count grid) in the top ``coverage`` share of cells.

    Examples
    --------
    >>> hit_rate([[3, 2], [1, 0]], [[1, 0], [2, 1]], 0.5)
    0.25
    """
    n, _best, _k, total, _cells = _evaluate(risk, events, coverage, mask)
    if total == 0:
        raise ValueError("events: no test event inside the study area")
    return _shape(n / total, coverage)


def pai(
    risk: ArrayLike,
    events: ArrayLike,
    coverage: float | Sequence[float],
    *,
    mask: ArrayLike | None = None,
) -> float | NDArray[np.float64]:
    """Predictive Accuracy Index: hit rate divided by the flagged share of the study area.

    Examples
    --------
    >>> pai([[3, 2], [1, 0]], [[1, 0], [2, 1]], 0.5)
    0.5
    """
    n, _best, k, total, cells = _evaluate(risk, events, coverage, mask)
    if total == 0:
        raise ValueError("events: no test event inside the study area")
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(k > 0, (n / total) / (k / cells), np.nan)
    return _shape(values, coverage)


def pei(
    risk: ArrayLike,
    events: ArrayLike,
    coverage: float | Sequence[float],
    *,
    mask: ArrayLike | None = None,
) -> float | NDArray[np.float64]:
    """Predictive Efficiency Index: events captured / the most any equal set of cells captures.

    Examples
    --------
    >>> round(pei([[3, 2], [1, 0]], [[1, 0], [2, 1]], 0.5), 4)
    0.3333
    """
    n, best, _k, _total, _cells = _evaluate(risk, events, coverage, mask)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(best > 0, n / best, np.nan)
    return _shape(values, coverage)
