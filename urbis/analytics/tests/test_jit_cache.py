"""The compiled kernels are kept on disk where the installation can write, and their absence
there is no error (urbis/analytics/_jit.py). Each case runs in a fresh interpreter, as numba
reads its cache folder once per process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# A tiny Knox run, then where the cache went (its numba kernels compile here: seconds).
SCRIPT = """
import numpy as np
from urbis.analytics import _jit
from urbis.analytics.knox import knox_test
xy = np.array([[0.0, 0.0], [30.0, 40.0], [60.0, 10.0], [90.0, 80.0]])
result = knox_test(xy, [0, 2, 5, 9], space_breaks=[0, 50, 100], time_breaks=[0, 7, 14],
                   permutations=3, rng=0)
print(int(result.observed.sum()), _jit.CACHE, _jit.CACHE_DIR)
"""


def run(cache_dir: str, debug: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NUMBA_CACHE_DIR": cache_dir}
    env.pop("NUMBA_DEBUG_CACHE", None)
    if debug:
        env["NUMBA_DEBUG_CACHE"] = "1"
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=600
    )


def test_kernels_compiled_once_are_loaded_from_the_cache_by_the_next_process(
    tmp_path: Path,
) -> None:
    first = run(str(tmp_path))
    assert first.returncode == 0, first.stderr
    # 4 events, 6 pairs: 3 closer than 100 m (Manhattan), all 3 within 14 days.
    assert first.stdout.split() == ["3", "True", str(tmp_path)]
    assert list(tmp_path.rglob("*count_pairs_lut*.nbi")), "no cache index written"
    second = run(str(tmp_path), debug=True)
    assert second.returncode == 0, second.stderr
    assert "data loaded" in second.stdout and "data saved" not in second.stdout


def test_an_unwritable_cache_folder_means_no_cache_and_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run(str(blocker / "numba"))  # cannot be created, even by root
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["3", "False", "None"]
    assert not (blocker.parent / "numba").exists()
