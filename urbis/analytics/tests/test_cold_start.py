"""numba and scipy take seconds to import: only a command that runs a kernel may load them.
Each case is a fresh interpreter, which reports the heavy modules it ended up with."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

HEAVY = ("numba", "scipy", "matplotlib", "llvmlite")
REPORT = f"import sys; print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"


def loaded_after(code: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\n{REPORT}"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "code",
    [
        "import urbis.analytics",
        "import urbis.analytics.cli",
        "from urbis.analytics import Grid, hit_rate, pai, pei",
        # --help and a bad option answer without the kernels.
        "from urbis.analytics.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n"
        "    pass",
        "from urbis.analytics.cli import main\nassert main(['knox', '--no-such-option']) == 2",
    ],
    ids=["package", "cli-module", "light-names", "cli-help", "cli-bad-option"],
)
def test_light_uses_load_neither_numba_nor_scipy(code: str) -> None:
    assert loaded_after(code) == "[]"


def test_django_startup_loads_neither_numba_nor_scipy() -> None:
    code = (
        "import django\ndjango.setup()\n"
        "from django.urls import get_resolver\nget_resolver().url_patterns"
    )
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", "URBIS_DEBUG": "1"}
    assert loaded_after(code, env) == "[]"


def test_running_knox_does_load_them() -> None:
    """The check above can fail: a kernel run brings numba and scipy in."""
    code = (
        "from urbis.analytics import knox_test\n"
        "knox_test([[0, 0], [10, 0], [50, 0]], [0, 1, 3], space_breaks=[0, 20],"
        " time_breaks=[0, 2], permutations=2, rng=0)"
    )
    assert loaded_after(code) == "['llvmlite', 'numba', 'scipy']"
