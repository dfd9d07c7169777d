"""Shared helpers for the benchmarks: the Chicago data, timing, peak memory, one output row."""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("URBIS_SHARED_DIR", ROOT.parent / "shared"))
DATA = SHARED / "data" / "crime" / "chicago_burglary_2014_2017.csv"


def timed(func: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall-clock time of ``repeat`` runs, and the last result.

    The best of several runs (as timeit does) measures the code rather than whatever else the
    machine is doing; our runs are short, so they are repeated more than the peers' long ones.
    """
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def load(year: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """D1 (domain/analytics.md §3): x, y in EPSG:26971 metres and datetime64[D] dates."""
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
    """Peak resident memory of this process in MiB (Linux /proc VmHWM, else getrusage)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def row(
    name: str,
    ours: float,
    peer: float,
    peer_name: str,
    target: float | None,
    note: str = "",
) -> None:
    """One comparison: our time, the peer's, the ratio peer/ours and the issue's target.

    ``target`` is None when the run is not the issue's setting (``--quick`` sizes).
    """
    ratio = peer / ours if ours > 0 else float("inf")
    if target is None:
        verdict = "quick size: the target is for the full run"
    else:
        verdict = f"{'meets' if ratio >= target else 'BELOW'} target x{target:g}"
    print(
        f"{name:<46} urbis {ours:>9.4f} s | {peer_name:<36} {peer:>9.4f} s | "
        f"x{ratio:>7.1f} ({verdict}) {note}",
        flush=True,
    )


def peer_missing(what: str, package: str) -> None:
    print(f"{what:<46} peer {package} is not installed in this environment: comparison skipped")
