"""numba kernels for the hot loops (compiled once, cached on disk with ``cache=True``)."""

from __future__ import annotations

import numpy as np
from numba import njit, prange


@njit(cache=True, inline="always")
def _band(value: float, breaks: np.ndarray, closed_left: bool) -> int:
    """Index of the band holding ``value``; -1 outside. Breaks are few: a linear scan wins."""
    last = breaks.size - 1
    if closed_left:
        if value < breaks[0] or value >= breaks[last]:
            return -1
        for m in range(last):
            if value < breaks[m + 1]:
                return m
        return -1
    if value < 0 or value > breaks[last]:
        return -1
    if value <= breaks[1]:
        return 0
    for m in range(1, last):
        if value <= breaks[m + 1]:
            return m
    return -1


@njit(cache=True, parallel=True)
def count_pairs_batch(  # type: ignore[no-untyped-def]
    pi, pj, sband, perms, t, time_breaks, closed_left, out
):
    """out[b, s, k] += pairs in space band s whose permuted time gap falls in time band k.

    ``perms[b]`` relabels the times: event e gets time ``t[perms[b, e]]``.
    """
    for b in prange(perms.shape[0]):
        perm = perms[b]
        for k in range(pi.size):
            gap = abs(t[perm[pi[k]]] - t[perm[pj[k]]])
            band = _band(gap, time_breaks, closed_left)
            if band >= 0:
                out[b, sband[k], band] += 1


@njit(cache=True)
def kde_accumulate(  # type: ignore[no-untyped-def]
    x, y, w, x0, y0, cell, rows, cols, bandwidth, kernel, out
):
    """Add each event's kernel to the cell centres within the bandwidth (compact kernels).

    kernel: 0 quartic, 1 epanechnikov, 2 uniform, 3 triangular.
    """
    reach = int(np.ceil(bandwidth / cell)) + 1
    h2 = bandwidth * bandwidth
    for e in range(x.size):
        col_c = int(np.floor((x[e] - x0) / cell))
        row_c = int(np.floor((y[e] - y0) / cell))
        for r in range(max(0, row_c - reach), min(rows, row_c + reach + 1)):
            cy = y0 + (r + 0.5) * cell
            dy = cy - y[e]
            for c in range(max(0, col_c - reach), min(cols, col_c + reach + 1)):
                cx = x0 + (c + 0.5) * cell
                dx = cx - x[e]
                d2 = dx * dx + dy * dy
                if d2 >= h2:
                    continue
                u2 = d2 / h2
                if kernel == 0:
                    value = (1.0 - u2) ** 2
                elif kernel == 1:
                    value = 1.0 - u2
                elif kernel == 2:
                    value = 1.0
                else:
                    value = 1.0 - np.sqrt(u2)
                out[r, c] += w[e] * value
