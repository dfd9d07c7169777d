"""`make run` (scripts/run-dev.sh) takes its port from PORT and refuses a bad one up front."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "run-dev.sh"


@pytest.mark.parametrize("port", ["abc", "80a", "8000;rm"])
def test_a_port_that_is_not_a_number_stops_before_anything_runs(port: str) -> None:
    result = subprocess.run(
        ["bash", str(SCRIPT)],
        env={**os.environ, "PORT": port},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "PORT must be a number" in result.stderr
    # Nothing ran: no migration output.
    assert "Applying" not in result.stdout
