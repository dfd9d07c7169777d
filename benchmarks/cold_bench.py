"""Cold and warm, side by side: what a user of one command waits for, and what a long-running
process pays per call, for Urbis and for the peers doing the same work (issue 10).

Each measurement starts a fresh interpreter. *cold* is the wall time from starting it to the end
of the first call: interpreter start, imports (numba, scipy, esda, scikit-learn ...), loading the
compiled kernels (or compiling them), the call itself. *warm* is the best of three further calls
in that process. Both tools get the same data from one ``.npz`` file, so the interpreter start,
numpy and the file read are the same on both sides. Urbis is also run once with an empty numba
cache (``NUMBA_CACHE_DIR`` in a temporary folder): what a first run would cost without the
compilation that ``make install`` does (``python -m urbis.analytics.warm``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.common import ROOT, load

CHILD = """
import json, time
import numpy as np
data = np.load({path!r})
{setup}
def call():
{call}
call()
print("first", time.process_time(), flush=True)
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    call()
    best = min(best, time.perf_counter() - start)
print(json.dumps({{"warm": best}}), flush=True)
"""

OURS = {
    "knox": (
        "from urbis.analytics import knox_test",
        "    knox_test(data['xy'], data['days'], space_breaks=[0, 200], time_breaks=[0, 7],"
        " metric='euclidean', closed='right', permutations=99, rng=1)",
    ),
    "gi": ("from urbis.analytics import gi_star", "    gi_star(data['counts'])"),
    "kde": (
        "from urbis.analytics import kde_grid",
        "    kde_grid(data['xy'], cell_size=float(data['cell']), bandwidth=300.0,"
        " kernel='epanechnikov', extent=tuple(data['extent']))",
    ),
}
PEERS = {
    "knox": (
        "pointpats Knox",
        "from pointpats.spacetime import Knox\nnp.random.seed(12345)",
        "    Knox(data['xy'], data['days'].reshape(-1, 1), delta=200, tau=7, permutations=99)",
    ),
    "gi": (
        "esda G_Local + libpysal lat2W",
        "from esda import G_Local\nfrom libpysal.weights import lat2W",
        "    size = data['counts'].shape[0]\n"
        "    G_Local(data['counts'].ravel(), lat2W(size, size, rook=False), transform='B',"
        " star=True, permutations=0, keep_simulations=False)",
    ),
    "kde": (
        "scikit-learn KernelDensity",
        "from sklearn.neighbors import KernelDensity",
        "    model = KernelDensity(kernel='epanechnikov', bandwidth=300.0, rtol=0.0, atol=0.0)"
        "\n    np.exp(model.fit(data['xy']).score_samples(data['centres']))",
    ),
}


def _fresh(
    path: Path, setup: str, call: str, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """(cold wall, cold CPU, warm) seconds of ``call`` in a new interpreter.

    The CPU time (all threads, up to the end of the first call) is what the cold start costs
    whatever else the machine is doing; the wall time is what a user waits for here.
    """
    code = CHILD.format(path=str(path), setup=setup, call=call)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    cold = time.perf_counter() - start
    rest = child.stdout.read()
    if child.wait() != 0 or not first.startswith("first "):
        raise RuntimeError(f"benchmark child failed: {first}{rest}")
    cpu = float(first.split()[1])
    return cold, cpu, float(json.loads(rest.strip().splitlines()[-1])["warm"])


def _peer_installed(setup: str) -> bool:
    code = "\n".join(line for line in setup.splitlines() if line.startswith(("from", "import")))
    return (
        subprocess.run([sys.executable, "-c", code], capture_output=True, check=False).returncode
        == 0
    )


def _data(quick: bool, folder: Path) -> dict[str, tuple[str, Path]]:
    xy, t = load(2016)
    n = 500 if quick else 1000
    days = (t[:n] - t[:n].min()).astype(float)
    knox = folder / "knox.npz"
    np.savez(knox, xy=xy[:n], days=days)
    size = 100 if quick else 300
    gi = folder / "gi.npz"
    np.savez(gi, counts=np.random.default_rng(0).poisson(1.5, (size, size)).astype(float))
    points = 2000 if quick else 10_000
    grid = 60 if quick else 150
    sample = xy[np.random.default_rng(1).choice(len(xy), points, replace=False)]
    (xmin, ymin) = sample.min(axis=0)
    cell = float((sample.max(axis=0) - sample.min(axis=0)).max() / grid)
    extent = np.array([xmin, ymin, xmin + cell * grid, ymin + cell * grid])
    centres_x = xmin + cell * (np.arange(grid) + 0.5)
    centres_y = ymin + cell * (np.arange(grid) + 0.5)
    gx, gy = np.meshgrid(centres_x, centres_y)
    kde = folder / "kde.npz"
    np.savez(
        kde,
        xy=sample,
        cell=cell,
        extent=extent,
        centres=np.column_stack([gx.ravel(), gy.ravel()]),
    )
    return {
        "knox": (f"Knox {n:,} events, 200 m / 7 days, 99 perm.", knox),
        "gi": (f"Gi* {size}x{size} grid (weights included)", gi),
        "kde": (f"KDE {points:,} points on {grid}x{grid} grid", kde),
    }


def _ratio(peer: float, ours: float) -> str:
    return f"x{peer / ours:>6.1f}" if ours > 0 else "   inf"


def cold(quick: bool) -> None:
    print(
        f"{'cold = fresh process, imports included':<46} cold wall: urbis | peer | ratio"
        "   cold CPU: urbis | peer | ratio   warm (best of 3 more calls): urbis | peer | ratio",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="urbis-bench-") as tmp:
        folder = Path(tmp)
        for key, (name, path) in _data(quick, folder).items():
            ours_cold, ours_cpu, ours_warm = _fresh(path, *OURS[key])
            empty = folder / f"numba-{key}"
            no_cache, _, _ = _fresh(path, *OURS[key], env={"NUMBA_CACHE_DIR": str(empty)})
            peer_name, setup, call = PEERS[key]
            if not _peer_installed(setup):
                print(
                    f"{name:<46} urbis cold {ours_cold:.2f} s, warm {ours_warm:.4f} s; "
                    f"peer {peer_name} is not installed here",
                    flush=True,
                )
                continue
            peer_cold, peer_cpu, peer_warm = _fresh(path, setup, call)
            print(
                f"{name:<46} {ours_cold:>6.2f} s | {peer_cold:>6.2f} s | "
                f"{_ratio(peer_cold, ours_cold)}   {ours_cpu:>6.2f} s | {peer_cpu:>6.2f} s | "
                f"{_ratio(peer_cpu, ours_cpu)}   {ours_warm:>8.4f} s | {peer_warm:>8.4f} s | "
                f"{_ratio(peer_warm, ours_warm)}  ({peer_name}; urbis cold without the "
                f"install-time compilation {no_cache:.2f} s)",
                flush=True,
            )
        _command_line(folder, quick)


def _command_line(folder: Path, quick: bool) -> None:
    """``urbis analytics``: the answer to --help, and a whole Knox run on 1,000 events."""
    xy, t = load(2016)
    n = 500 if quick else 1000
    csv = folder / "events.csv"
    with csv.open("w") as out:
        out.write("x,y,date\n")
        for (x, y), day in zip(xy[:n], t[:n], strict=True):
            out.write(f"{x:.2f},{y:.2f},{day}\n")
    urbis = [sys.executable, "-m", "urbis.analytics"]
    runs = {
        "urbis analytics --help": [*urbis, "--help"],
        f"urbis analytics knox, {n:,} events, 99 perm.": [
            *urbis,
            "knox",
            str(csv),
            "--x",
            "x",
            "--y",
            "y",
            "--date",
            "date",
            "--space",
            "0,100,200,400",
            "--time",
            "0,7,14,21",
            "--permutations",
            "99",
        ],
    }
    for name, command in runs.items():
        best, best_cpu = float("inf"), float("inf")
        for _ in range(3):
            before = os.times()
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
            best = min(best, time.perf_counter() - start)
            after = os.times()
            cpu = (after.children_user - before.children_user) + (
                after.children_system - before.children_system
            )
            best_cpu = min(best_cpu, cpu)
        print(
            f"{name:<46} {best:>6.2f} s wall, {best_cpu:.2f} s CPU (whole command, fresh "
            "process, best of 3)",
            flush=True,
        )
