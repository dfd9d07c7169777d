"""`make bench`: Urbis analytics against named peers, measured in the same run, and the GAS
volume figures (issue 3: bulk intake, letters, a million cases; see benchmarks/gas_bench.py).

Peers installed only in .venv-bench (``uv sync --group bench``): pointpats (Knox), esda +
libpysal (Gi*), scikit-learn (KDE). tobydavies/NearRepeat's knox_test and open_cp's
ProspectiveHotSpot are not on PyPI: their published 2-core figures are used
(domain/analytics.md §4.3, §4.6). Each section runs in a fresh process, so one peer's memory or
threads cannot slow the next, and reports its own peak memory. Nothing is asserted: every
figure, ratio (peer time / Urbis time) and the issue's target are printed.

    .venv-bench/bin/python benchmarks/run.py [--quick] [--only knox,pointpats,all,gi,kde,prospective,
        cold,gas_intake,gas_letters,gas_queries,incidents_import_sqlite,incidents_import_pg,
        incidents_hotspot,incidents_cocoon,reports_open311,reports_queries,
        gdpr_subject_access,gdpr_access_log]

``cold`` puts each analytics call's cold time (a fresh process, imports included) beside its warm
time, for Urbis and its peer (benchmarks/cold_bench.py).
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SECTIONS = {
    "knox": ("benchmarks.knox_bench", "davies"),
    "pointpats": ("benchmarks.knox_bench", "pointpats"),
    "all": ("benchmarks.knox_bench", "all_events"),
    "gi": ("benchmarks.hotspots_bench", "gi"),
    "kde": ("benchmarks.hotspots_bench", "kde"),
    "prospective": ("benchmarks.hotspots_bench", "prospective"),
    "cold": ("benchmarks.cold_bench", "cold"),
    "gas_intake": ("benchmarks.gas_bench", "intake"),
    "gas_letters": ("benchmarks.gas_bench", "letters"),
    "gas_queries": ("benchmarks.gas_bench", "queries"),
    "incidents_import_sqlite": ("benchmarks.incidents_bench", "import_sqlite"),
    "incidents_import_pg": ("benchmarks.incidents_bench", "import_postgresql"),
    "incidents_hotspot": ("benchmarks.incidents_bench", "hotspot"),
    "incidents_cocoon": ("benchmarks.incidents_bench", "cocoon"),
    "reports_open311": ("benchmarks.reports_bench", "open311"),
    "reports_queries": ("benchmarks.reports_bench", "queries"),
    "gdpr_subject_access": ("benchmarks.gdpr_bench", "subject_access"),
    "gdpr_access_log": ("benchmarks.gdpr_bench", "access_log"),
}


def run_section(name: str, quick: bool) -> None:
    from benchmarks.common import peak_mib

    module, function = SECTIONS[name]
    getattr(importlib.import_module(module), function)(quick)
    print(f"{'':<46} (section peak memory {peak_mib():.0f} MiB)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer permutations")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument("--section", help=argparse.SUPPRESS)  # internal: run one, in-process
    args = parser.parse_args()
    if args.section:
        run_section(args.section, args.quick)
        return 0
    selected = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(selected) - set(SECTIONS))
    if unknown:
        parser.error(f"--only: unknown section(s) {', '.join(unknown)}")

    import numpy as np

    print(
        f"Urbis benchmark ({'quick' if args.quick else 'full'}): {os.cpu_count()} "
        f"cores, Python {sys.version.split()[0]}, numpy {np.__version__}",
        flush=True,
    )
    print(
        "ratio = peer time / Urbis time (higher is faster); targets from issues 3 and 4\n",
        flush=True,
    )
    start = time.perf_counter()
    failed = []
    for name in selected:
        command = [sys.executable, __file__, "--section", name]
        if args.quick:
            command.append("--quick")
        if subprocess.run(command, check=False).returncode != 0:
            failed.append(name)
    print(f"\nbench finished in {time.perf_counter() - start:.0f} s", flush=True)
    if failed:
        print(f"sections that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
