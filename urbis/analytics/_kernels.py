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
    n = perms.shape[1]
    for b in prange(perms.shape[0]):
        perm = perms[b]
        # Gather the permuted times once: the pair loop then reads one array, in pair order.
        permuted = np.empty(n)
        for e in range(n):
            permuted[e] = t[perm[e]]
        counts = out[b]
        for k in range(pi.size):
            gap = abs(permuted[pi[k]] - permuted[pj[k]])
            band = _band(gap, time_breaks, closed_left)
            if band >= 0:
                counts[sband[k], band] += 1


@njit(cache=True, parallel=True)
def kde_accumulate(  # type: ignore[no-untyped-def]
    x, y, w, x0, y0, cell, rows, cols, bandwidth, kernel, threads, out
):
    """Add each event's kernel to the cell centres within the bandwidth (compact kernels).

    kernel: 0 quartic, 1 epanechnikov, 2 uniform, 3 triangular. Per event the squared x and y
    offsets to the nearby cell centres are computed once, so the inner loop is two additions
    and a multiplication. Events are split into one chunk per thread, each with its own grid,
    summed at the end (no write races).
    """
    reach = int(np.ceil(bandwidth / cell)) + 1
    inv_h2 = 1.0 / (bandwidth * bandwidth)
    chunks = min(threads, max(1, x.size))
    partial = np.zeros((chunks, rows, cols))
    span = 2 * reach + 1
    for chunk in prange(chunks):
        grid = partial[chunk]
        dx2 = np.empty(span)
        dy2 = np.empty(span)
        for e in range(chunk, x.size, chunks):
            # Offsets of the cell centres c0 - reach .. c0 + reach from the event, in metres².
            fx = (x[e] - x0) / cell - 0.5
            fy = (y[e] - y0) / cell - 0.5
            c0 = int(np.floor(fx))
            r0 = int(np.floor(fy))
            for k in range(span):
                ox = (c0 - reach + k - fx) * cell
                oy = (r0 - reach + k - fy) * cell
                dx2[k] = ox * ox * inv_h2
                dy2[k] = oy * oy * inv_h2
            k_lo_r = max(0, reach - r0)
            k_hi_r = min(span, rows - r0 + reach)
            k_lo_c = max(0, reach - c0)
            k_hi_c = min(span, cols - c0 + reach)
            weight = w[e]
            for kr in range(k_lo_r, k_hi_r):
                ry = dy2[kr]
                if ry >= 1.0:
                    continue
                row = grid[r0 - reach + kr]
                for kc in range(k_lo_c, k_hi_c):
                    u2 = dx2[kc] + ry
                    if u2 >= 1.0:
                        continue
                    if kernel == 0:
                        value = (1.0 - u2) * (1.0 - u2)
                    elif kernel == 1:
                        value = 1.0 - u2
                    elif kernel == 2:
                        value = 1.0
                    else:
                        value = 1.0 - np.sqrt(u2)
                    row[c0 - reach + kc] += weight * value
    for chunk in range(chunks):
        out += partial[chunk]
