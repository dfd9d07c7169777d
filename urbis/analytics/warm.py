"""Compile every numba kernel into the on-disk cache, so no user's first call pays for it.

``python -m urbis.analytics.warm`` (run by ``make install``) calls the public functions on tiny
inputs that reach each kernel with every argument type the package passes it: Knox with
whole-day times (the look-up table kernel, int32 permutations) and with fractional days (the
band-search kernel, float64 permutations), each with few and many permutations; the KDE
accumulator; the ETAS E-step. numba keys its cache by argument types (and array layouts), so a
kernel warmed with other types would still compile on first use. It prints one line: where the
cache is, or that no folder is writable (then nothing is kept).
"""

from __future__ import annotations

import sys
import time

import numpy as np

from urbis.analytics import _jit
from urbis.analytics.etas import GridETAS
from urbis.analytics.kde import kde_grid
from urbis.analytics.knox import knox_test


def warm() -> list[str]:
    """Run each kernel once on tiny data; return the names of the calls made."""
    xy = np.array([[0.0, 0.0], [30.0, 40.0], [60.0, 10.0], [90.0, 80.0], [15.0, 95.0]])
    days = np.array([0.0, 2.0, 5.0, 9.0, 12.0])
    done = []
    space, time_bands = [0.0, 50.0, 100.0], [0.0, 7.0, 14.0]
    # Up to 32 permutations the shuffle writes a whole (contiguous) batch, beyond it column
    # slices: numba compiles each layout apart, so both are warmed.
    for permutations in (3, 40):
        for t in (days, days + 0.1 * np.arange(5)):  # count_pairs_lut (int32), _float (float64)
            knox_test(xy, t, space_breaks=space, time_breaks=time_bands, permutations=permutations)
    done += ["knox (whole and fractional days)"]
    kde_grid(xy, cell_size=25.0, bandwidth=50.0)  # kde_accumulate, _kde_events
    done.append("kde")
    GridETAS(cell_size=50.0, max_iterations=2).fit(xy, days, end=20.0)  # _e_step
    done.append("etas")
    return done


def main() -> int:
    start = time.perf_counter()
    done = warm()
    seconds = time.perf_counter() - start
    where = f"cached in {_jit.CACHE_DIR}" if _jit.CACHE else "NOT cached: no writable folder"
    print(f"analytics kernels warmed ({', '.join(done)}) in {seconds:.1f} s, {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
