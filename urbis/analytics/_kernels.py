"""numba kernels for the hot loops (compiled once, cached on disk: see ``_jit``)."""

from __future__ import annotations

import numpy as np

from urbis.analytics._jit import CACHE, njit, prange


@njit(cache=CACHE, inline="always")
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


@njit(cache=CACHE)
def shuffled_columns(values, uniforms, out):
    """out[:, b] = a uniformly random permutation of ``values`` (Fisher–Yates, Knuth 1969).

    ``uniforms[b, k]`` in [0, 1) picks the swap partner of position k among 0..k, so the draws
    come from the caller's numpy Generator and the same seed gives the same permutations.
    """
    n = values.size
    work = np.empty_like(values)
    for b in range(out.shape[1]):
        for e in range(n):
            work[e] = values[e]
        for k in range(n - 1, 0, -1):
            other = int(uniforms[b, k] * (k + 1))
            if other > k:  # guards against rounding at the top of [0, 1)
                other = k
            tmp = work[k]
            work[k] = work[other]
            work[other] = tmp
        for e in range(n):
            out[e, b] = work[e]


@njit(cache=CACHE, parallel=True)
def count_pairs_lut(row_start, pj, cell_offset, chunk_rows, times, lut, tail_band, out):
    """out[b, c] += pairs with cell c = (space band, time band) under permutation b.

    Whole-day times: ``times`` is (n, B) int32, event-major, so the B permuted times of an
    event are contiguous and the pairs (CSR: partners ``pj[row_start[i]:row_start[i+1]]`` of
    event i) are read once per batch of B permutations rather than once per permutation.
    ``lut[g]`` is the time band of a gap of g days (-1: none) for g < lut.size, ``tail_band``
    the band of longer gaps (-1 unless the last time break is inf); ``cell_offset[k]`` is the
    space band of pair k times the number of time bands. Rows are split into chunks of about
    equal pair counts (``chunk_rows``), one per thread, each with its own counters.
    """
    chunks = chunk_rows.size - 1
    n_batch = times.shape[1]
    n_cells = out.shape[1]
    limit = lut.size
    partial = np.zeros((chunks, n_batch, n_cells), dtype=np.int64)
    for c in prange(chunks):
        counts = partial[c]
        for i in range(chunk_rows[c], chunk_rows[c + 1]):
            ti = times[i]
            for k in range(row_start[i], row_start[i + 1]):
                tj = times[pj[k]]
                offset = cell_offset[k]
                for b in range(n_batch):
                    gap = ti[b] - tj[b]
                    if gap < 0:
                        gap = -gap
                    band = lut[gap] if gap < limit else tail_band
                    if band >= 0:
                        counts[b, offset + band] += 1
    for c in range(chunks):
        out += partial[c]


@njit(cache=CACHE, parallel=True)
def count_pairs_float(row_start, pj, cell_offset, chunk_rows, times, time_breaks, closed_left, out):
    """As :func:`count_pairs_lut` for fractional times (float64), with a band search per gap."""
    chunks = chunk_rows.size - 1
    n_batch = times.shape[1]
    n_cells = out.shape[1]
    partial = np.zeros((chunks, n_batch, n_cells), dtype=np.int64)
    for c in prange(chunks):
        counts = partial[c]
        for i in range(chunk_rows[c], chunk_rows[c + 1]):
            ti = times[i]
            for k in range(row_start[i], row_start[i + 1]):
                tj = times[pj[k]]
                offset = cell_offset[k]
                for b in range(n_batch):
                    band = _band(abs(ti[b] - tj[b]), time_breaks, closed_left)
                    if band >= 0:
                        counts[b, offset + band] += 1
    for c in range(chunks):
        out += partial[c]


@njit(cache=CACHE)
def _kde_events(x, y, w, first, step, x0, y0, cell, bandwidth, kernel, grid):
    """Serial part of :func:`kde_accumulate`: events first, first + step, ... into ``grid``.

    Kept out of the parallel loop so that numba compiles it as a plain loop nest (inside a
    prange body the same code ran about three times slower).
    """
    rows, cols = grid.shape
    reach = int(np.ceil(bandwidth / cell)) + 1
    inv_h2 = 1.0 / (bandwidth * bandwidth)
    span = 2 * reach + 1
    dx2 = np.empty(span)
    dy2 = np.empty(span)
    for e in range(first, x.size, step):
        # Squared offsets, in bandwidths², of the cell centres c0 - reach .. c0 + reach.
        fx = (x[e] - x0) / cell - 0.5
        fy = (y[e] - y0) / cell - 0.5
        c0 = int(np.floor(fx))
        r0 = int(np.floor(fy))
        for k in range(span):
            ox = (c0 - reach + k - fx) * cell
            oy = (r0 - reach + k - fy) * cell
            dx2[k] = ox * ox * inv_h2
            dy2[k] = oy * oy * inv_h2
        weight = w[e]
        for kr in range(span):
            ry = dy2[kr]
            r = r0 - reach + kr
            if ry >= 1.0 or r < 0 or r >= rows:
                continue
            for kc in range(span):
                c = c0 - reach + kc
                u2 = dx2[kc] + ry
                if u2 >= 1.0 or c < 0 or c >= cols:
                    continue
                if kernel == 0:
                    value = (1.0 - u2) * (1.0 - u2)
                elif kernel == 1:
                    value = 1.0 - u2
                elif kernel == 2:
                    value = 1.0
                else:
                    value = 1.0 - np.sqrt(u2)
                grid[r, c] += weight * value


@njit(cache=CACHE, parallel=True)
def kde_accumulate(x, y, w, x0, y0, cell, rows, cols, bandwidth, kernel, threads, out):
    """Add each event's kernel to the cell centres within the bandwidth (compact kernels).

    kernel: 0 quartic, 1 epanechnikov, 2 uniform, 3 triangular. Per event the squared x and y
    offsets to the nearby cell centres are computed once, so the inner loop is an addition, a
    comparison and a multiply-add. Events are split into one chunk per thread, each with its
    own grid, summed at the end (no write races).
    """
    chunks = min(threads, max(1, x.size))
    # The first chunk writes into ``out`` itself: one grid fewer to clear and to add.
    partial = np.zeros((chunks - 1, rows, cols))
    for chunk in prange(chunks):
        if chunk == 0:
            _kde_events(x, y, w, 0, chunks, x0, y0, cell, bandwidth, kernel, out)
        else:
            _kde_events(x, y, w, chunk, chunks, x0, y0, cell, bandwidth, kernel, partial[chunk - 1])
    for chunk in range(chunks - 1):
        out += partial[chunk]
