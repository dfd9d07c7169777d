"""numba, with its on-disk cache of compiled kernels placed where this installation can write.

The kernels are compiled once and kept (numba ``cache=True``): a fresh process loads the machine
code instead of compiling it again, and ``make install`` does the first compilation
(``python -m urbis.analytics.warm``). Where the cache lives is chosen here, before numba is
imported:

* ``NUMBA_CACHE_DIR``, when the operator sets it;
* else ``<environment>/var/numba-cache`` in the virtual environment (``sys.prefix``): one cache
  per installation, so a new environment with another numba or LLVM never reads code compiled
  by the old one, and no file is written beside the sources or in a home folder (a service
  account may have none).

When that folder cannot be written (a read-only installation), the kernels are compiled in each
process instead, silently: slower first call, same results. numba itself would refuse
``cache=True`` with no writable folder, at import.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        return False
    return True


def _choose_cache_dir() -> Path | None:
    chosen = os.environ.get("NUMBA_CACHE_DIR", "").strip()
    folder = Path(chosen) if chosen else Path(sys.prefix) / "var" / "numba-cache"
    return folder if _writable(folder) else None


CACHE_DIR: Path | None = _choose_cache_dir()
CACHE: bool = CACHE_DIR is not None
if CACHE_DIR is not None:
    # Read by numba at import, and again whenever its NUMBA_* environment changes.
    os.environ["NUMBA_CACHE_DIR"] = str(CACHE_DIR)
else:
    os.environ.pop("NUMBA_CACHE_DIR", None)  # an unwritable choice would make numba fail

import numba  # noqa: E402  (after NUMBA_CACHE_DIR is settled)
from numba import get_num_threads, njit, prange  # noqa: E402

# numba may have been imported before this module (by the caller): set its config too.
numba.config.CACHE_DIR = str(CACHE_DIR) if CACHE_DIR is not None else ""  # type: ignore[attr-defined]

__all__ = ["CACHE", "CACHE_DIR", "get_num_threads", "njit", "prange"]
