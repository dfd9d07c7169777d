"""Gi* on a 1000 x 1000 grid against esda (weights included) and KDE of 45k points on a
500 x 500 grid against scikit-learn, both run here; prospective hotspot against open_cp's
figure (domain/analytics.md §4.6)."""

from __future__ import annotations

from typing import Any

import numpy as np

from benchmarks.common import load, peer_missing, row, timed
from urbis.analytics import gi_star, grid_for, hit_rate, kde_grid, prospective_hotspot

# open_cp ProspectiveHotSpot, 279 x 180 = 50,220 cells of 150 m, Chicago 2016 up to 1 July,
# one prediction on a 2-core machine (§4.6); open_cp is not on PyPI.
OPEN_CP_SECONDS = 2.9
OPEN_CP_HIT_RATES = [0.0699, 0.2926, 0.4847, 0.8297]


def gi(quick: bool) -> None:
    size = 300 if quick else 1000
    counts = np.random.default_rng(0).poisson(1.5, (size, size)).astype(float)
    gi_star(counts[:10, :10])
    ours_seconds, ours = timed(lambda: gi_star(counts), repeat=7)
    try:
        from esda import G_Local
        from libpysal.weights import lat2W
    except ImportError:
        peer_missing(f"Gi* {size}x{size} grid", "esda/libpysal")
        return

    def peer() -> Any:
        w = lat2W(size, size, rook=False)  # queen contiguity, as gi_star's default
        return G_Local(
            counts.ravel(), w, transform="B", star=True, permutations=0, keep_simulations=False
        )

    peer_seconds, result = timed(peer)
    diff = float(np.max(np.abs(result.Zs - ours.z.ravel())))
    row(
        f"Gi* {size}x{size} grid (weights included)",
        ours_seconds,
        peer_seconds,
        "esda G_Local + libpysal lat2W",
        None if quick else 200,
        f"max |z difference| = {diff:.1e}",
    )


def kde(quick: bool) -> None:
    xy, _t = load()
    size = 150 if quick else 500
    h = 300.0
    (xmin, ymin, xmax, ymax) = grid_for(xy, 1.0).extent
    cell = max(xmax - xmin, ymax - ymin) / size
    extent = (xmin, ymin, xmin + cell * size, ymin + cell * size)
    kde_grid(xy[:100], cell_size=cell, bandwidth=h, kernel="epanechnikov", extent=extent)
    ours_seconds, ours = timed(
        lambda: kde_grid(xy, cell_size=cell, bandwidth=h, kernel="epanechnikov", extent=extent),
        repeat=20,
    )
    try:
        from sklearn.neighbors import KernelDensity
    except ImportError:
        peer_missing(f"KDE {len(xy):,} points on {size}x{size} grid", "scikit-learn")
        return
    xs, ys = ours.grid.centres()
    gx, gy = np.meshgrid(xs, ys)
    centres = np.column_stack([gx.ravel(), gy.ravel()])

    def peer() -> np.ndarray:
        # Exact (rtol = atol = 0) Epanechnikov density at the cell centres, per km².
        model = KernelDensity(kernel="epanechnikov", bandwidth=h, rtol=0.0, atol=0.0).fit(xy)
        return np.exp(model.score_samples(centres)) * xy.shape[0] * 1e6

    peer_seconds, density = timed(peer, repeat=3)
    theirs = density.reshape(ours.density.shape)
    big = theirs > theirs.max() * 1e-9
    rel = float(np.max(np.abs(ours.density[big] - theirs[big]) / theirs[big]))
    row(
        f"KDE {len(xy):,} points on {size}x{size} grid",
        ours_seconds,
        peer_seconds,
        "scikit-learn KernelDensity",
        None if quick else 100,
        f"max relative density difference {rel:.1e}",
    )


def prospective(quick: bool) -> None:
    xy, t = load(2016)
    grid = grid_for(xy, 150)
    at = np.datetime64("2016-07-01")
    history = t <= at
    prospective_hotspot(xy[:50], t[:50], at=at, cell_size=150)
    seconds, risk = timed(
        lambda: prospective_hotspot(xy[history], t[history], at=at, grid=grid, include_at=True),
        repeat=10,
    )
    test = (t >= at) & (t < at + 7)
    rates = np.atleast_1d(hit_rate(risk.risk, grid.counts(xy[test]), [0.01, 0.05, 0.10, 0.20]))
    same = np.allclose(rates, OPEN_CP_HIT_RATES, atol=5e-5)
    row(
        f"Prospective hotspot, {grid.rows * grid.cols:,} cells, one day",
        seconds,
        OPEN_CP_SECONDS,
        "open_cp ProspectiveHotSpot (§4.6)",
        10,
        "hit rates "
        + " / ".join(f"{r:.4f}" for r in rates)
        + (" = open_cp's" if same else " DIFFER from open_cp's"),
    )
