"""urbis.analytics imports neither Django nor any other urbis app (also an import contract)."""

from __future__ import annotations

import subprocess
import sys

import urbis.analytics as analytics

MODULES = [
    "cli",
    "etas",
    "evaluation",
    "grid",
    "hotspots",
    "io",
    "kde",
    "knox",
    "projection",
    "prospective",
    "warm",
]


def test_importing_analytics_loads_no_django() -> None:
    imports = "; ".join(f"import urbis.analytics.{name}" for name in MODULES)
    code = (
        f"import sys; {imports}; "
        "bad = [m for m in sys.modules "
        "if m.startswith(('django', 'rest_framework')) or "
        "(m.startswith('urbis.') and not m.startswith('urbis.analytics'))]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_public_name_resolves() -> None:
    """The lazy re-exports (PEP 562) list exactly __all__, and each one imports."""
    assert sorted(analytics._EXPORTS) == analytics.__all__
    for name in analytics.__all__:
        assert getattr(analytics, name) is not None
    assert set(analytics.__all__) <= set(dir(analytics))
