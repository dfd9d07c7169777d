"""`make bench`: Urbis analytics against named peers, measured in the same run.

Peers (installed only in .venv-bench): pointpats (Knox), esda + libpysal (Gi*), scikit-learn
(KDE). Two peers cannot be installed from PyPI and are compared with their published figures
on a 2-core machine (domain/analytics.md §4.3 and §4.6): tobydavies/NearRepeat's knox_test and
open_cp's ProspectiveHotSpot. Every figure and ratio is printed; nothing is asserted.

    .venv-bench/bin/python benchmarks/run.py [--quick] [--only knox,gi,kde,prospective,all]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from urbis.analytics import gi_star, grid_for, kde_grid, knox_test, prospective_hotspot  # noqa: E402

SHARED = Path(os.environ.get("URBIS_SHARED_DIR", ROOT.parent / "shared"))
DATA = SHARED / "data" / "crime" / "chicago_burglary_2014_2017.csv"
DAVIES_SECONDS_PER_99 = 15.7  # tobydavies knox_test, 2016, 4x3 bands, 99 permutations (§4.3)
OPEN_CP_PROSPECTIVE_SECONDS = 2.9  # open_cp ProspectiveHotSpot, 50,220 cells (§4.6)


def timed(func: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def load(year: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    if not DATA.is_file():
        sys.exit(f"bench: {DATA} not found (set URBIS_SHARED_DIR)")
    raw = np.loadtxt(DATA, delimiter=",", dtype=str, skiprows=1)
    days = np.array([f"{s[6:10]}-{s[3:5]}-{s[0:2]}" for s in raw[:, 2]], dtype="datetime64[D]")
    xy = raw[:, :2].astype(float)
    if year is None:
        return xy, days
    keep = (days >= np.datetime64(f"{year}-01-01")) & (days < np.datetime64(f"{year + 1}-01-01"))
    return xy[keep], days[keep]


def peak_mib() -> float:
    """Peak resident memory of this process in MiB (Linux /proc, else getrusage)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def row(name: str, ours: float, peer: float, peer_name: str, note: str = "") -> None:
    ratio = peer / ours if ours > 0 else float("inf")
    print(
        f"{name:<44} urbis {ours:>10.4f} s   {peer_name:<34} {peer:>10.4f} s   x{ratio:>8.1f}  {note}"
    )


def bench_knox(quick: bool) -> None:
    xy, t = load(2016)
    perms = 99 if quick else 999
    knox_test(xy[:200], t[:200], space_breaks=[0, 100], time_breaks=[0, 7], permutations=2)
    seconds, _result = timed(
        lambda: knox_test(
            xy,
            t,
            space_breaks=[0, 0.1, 200, 400, 600],
            time_breaks=[0, 7, 14, 21],
            metric="euclidean",
            closed="right",
            permutations=perms,
            rng=1,
        )
    )
    per_perm = seconds / perms
    row(
        "Knox 2016 (11,701) 4x3 bands, per permutation",
        per_perm,
        DAVIES_SECONDS_PER_99 / 99,
        "tobydavies knox_test (published)",
        f"{perms} perms in {seconds:.2f} s",
    )

    try:
        from pointpats.spacetime import Knox
    except ImportError:
        print("pointpats not installed: Knox single-band comparison skipped")
        return
    peer_perms = 19 if quick else 99
    s_coords, t_coords = xy, (t - t.min()).astype(float).reshape(-1, 1)
    np.random.seed(12345)
    peer_seconds, peer = timed(
        lambda: Knox(s_coords, t_coords, delta=200, tau=7, permutations=peer_perms)
    )
    ours_seconds, ours = timed(
        lambda: knox_test(
            xy,
            t,
            space_breaks=[0, 200],
            time_breaks=[0, 7],
            metric="euclidean",
            closed="right",
            permutations=peer_perms,
            rng=1,
        )
    )
    same = (
        "identical statistic"
        if int(ours.observed[0, 0]) == int(peer.statistic_)
        else (f"MISMATCH {ours.observed[0, 0]} vs {peer.statistic_}")
    )
    row(
        "Knox 2016 single band 200 m/7 d (whole test)",
        ours_seconds,
        peer_seconds,
        f"pointpats Knox ({peer_perms} perms)",
        same,
    )


def bench_knox_all(quick: bool) -> None:
    perms = 99 if quick else 999
    # Peak memory from /proc (VmHWM): ru_maxrss would carry the parent's peak across exec.
    code = (
        "import sys, time, numpy as np; sys.path.insert(0, %r);"
        "from benchmarks.run import load, peak_mib; from urbis.analytics import knox_test;"
        "xy, t = load(); base = peak_mib(); s = time.perf_counter();"
        "knox_test(xy, t, space_breaks=[0, 0.1, 200, 400, 600], time_breaks=[0, 7, 14, 21],"
        " permutations=%d, rng=1);"
        "print(time.perf_counter() - s, base, peak_mib())"
    ) % (str(ROOT), perms)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, base, peak = (float(v) for v in out.stdout.split())
    dense_gib = 45319 * 45318 // 2 * 8 * 2 / 2**30
    print(
        f"{'Knox all 45,319 events, 4x3 bands':<44} urbis {seconds:>10.2f} s   "
        f"{perms} permutations; peak memory {peak:.0f} MiB for the process, {peak - base:.0f} MiB "
        f"above the loaded data (two dense pair vectors would need {dense_gib:.0f} GiB)"
    )


def bench_gi(quick: bool) -> None:
    size = 300 if quick else 1000
    rng = np.random.default_rng(0)
    counts = rng.poisson(1.5, (size, size)).astype(float)
    ours_seconds, ours = timed(lambda: gi_star(counts), repeat=3)
    try:
        from esda import G_Local
        from libpysal.weights import lat2W
    except ImportError:
        print("esda/libpysal not installed: Gi* comparison skipped")
        return

    def peer() -> Any:
        w = lat2W(size, size, rook=False)
        return G_Local(
            counts.ravel(), w, transform="B", star=True, permutations=0, keep_simulations=False
        )

    peer_seconds, result = timed(peer)
    diff = float(np.max(np.abs(result.Zs - ours.z.ravel())))
    row(
        f"Gi* {size}x{size} grid (weights included)",
        ours_seconds,
        peer_seconds,
        "esda G_Local + lat2W",
        f"max |dz| = {diff:.1e}",
    )


def bench_kde(quick: bool) -> None:
    xy, _t = load()
    size = 150 if quick else 500
    h = 300.0
    grid = grid_for(xy, 1.0)
    cell = max(grid.extent[2] - grid.extent[0], grid.extent[3] - grid.extent[1]) / size
    extent = (
        grid.extent[0],
        grid.extent[1],
        grid.extent[0] + cell * size,
        grid.extent[1] + cell * size,
    )
    kde_grid(xy[:100], cell_size=cell, bandwidth=h, kernel="epanechnikov", extent=extent)
    ours_seconds, ours = timed(
        lambda: kde_grid(xy, cell_size=cell, bandwidth=h, kernel="epanechnikov", extent=extent),
        repeat=5,
    )
    try:
        from sklearn.neighbors import KernelDensity
    except ImportError:
        print("scikit-learn not installed: KDE comparison skipped")
        return
    xs, ys = ours.grid.centres()
    gx, gy = np.meshgrid(xs, ys)
    centres = np.column_stack([gx.ravel(), gy.ravel()])

    def peer() -> np.ndarray:
        model = KernelDensity(kernel="epanechnikov", bandwidth=h, rtol=0.0, atol=0.0).fit(xy)
        return np.exp(model.score_samples(centres)) * xy.shape[0] * 1e6

    peer_seconds, density = timed(peer, repeat=3)
    theirs = density.reshape(ours.density.shape)
    big = theirs > theirs.max() * 1e-9
    rel = float(np.max(np.abs(ours.density[big] - theirs[big]) / theirs[big]))
    row(
        f"KDE 45,319 points on {size}x{size} grid",
        ours_seconds,
        peer_seconds,
        "scikit-learn KernelDensity",
        f"max relative diff {rel:.1e}",
    )


def bench_prospective(quick: bool) -> None:
    xy, t = load(2016)
    grid = grid_for(xy, 150)
    train = t < np.datetime64("2016-07-01")
    history = (xy[train], t[train])
    ours_seconds, _ = timed(
        lambda: prospective_hotspot(*history, at=np.datetime64("2016-07-01"), grid=grid), repeat=5
    )
    row(
        f"Prospective hotspot, {grid.rows * grid.cols:,} cells, one day",
        ours_seconds,
        OPEN_CP_PROSPECTIVE_SECONDS,
        "open_cp ProspectiveHotSpot (published)",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer permutations")
    parser.add_argument("--only", default="knox,gi,kde,prospective,all")
    args = parser.parse_args()
    selected = set(args.only.split(","))
    print(
        f"Urbis analytics benchmark ({'quick' if args.quick else 'full'}), "
        f"{os.cpu_count()} cores, numpy {np.__version__}"
    )
    print("ratio = peer time / Urbis time (higher is faster)")
    print()
    # The all-events run goes first, in a fresh subprocess, while this process is still small.
    for key, func in (
        ("all", bench_knox_all),
        ("knox", bench_knox),
        ("gi", bench_gi),
        ("kde", bench_kde),
        ("prospective", bench_prospective),
    ):
        if key in selected:
            func(args.quick)
    print(f"\nbench process peak memory: {peak_mib():.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
