"""urbis.analytics imports neither Django nor any other urbis app (also an import contract)."""

from __future__ import annotations

import subprocess
import sys


def test_importing_analytics_loads_no_django() -> None:
    code = (
        "import sys, urbis.analytics, urbis.analytics.cli; "
        "bad = [m for m in sys.modules "
        "if m.startswith(('django', 'urbis.core', 'rest_framework'))]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
