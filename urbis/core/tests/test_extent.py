"""One city extent (URBIS_CITY_BBOX) for every app; the old URBIS_REPORTS_CITY_BBOX is a
deprecated alias read once by the settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from urbis.core import extent
from urbis.core import services as core_services
from urbis.core.models import AreaKind


@pytest.mark.parametrize(
    ("value", "box"),
    [
        ("4.39,50.98,4.56,51.08", (4.39, 50.98, 4.56, 51.08)),
        ((4.39, 50.98, 4.56, 51.08), (4.39, 50.98, 4.56, 51.08)),
        ("", None),
        ("4.56,50.98,4.39,51.08", None),  # min above max
        ("4.39,50.98,4.56", None),
        ("a,b,c,d", None),
        ("4.39,-95,4.56,51.08", None),
    ],
)
def test_parse(value, box) -> None:  # type: ignore[no-untyped-def]
    assert extent.parse(value) == box


@pytest.mark.django_db
def test_setting_then_areas_then_nothing(settings) -> None:  # type: ignore[no-untyped-def]
    settings.URBIS_CITY_BBOX = ""
    assert extent.city_bbox() is None
    ring = [[4.4, 51.0], [4.5, 51.0], [4.5, 51.1], [4.4, 51.1], [4.4, 51.0]]
    core_services.area_upsert(
        actor=None, code="A", name="A", kind=AreaKind.NEIGHBOURHOOD,
        geometry={"type": "Polygon", "coordinates": [ring]},
    )  # fmt: skip
    assert extent.city_bbox() == (4.4, 51.0, 4.5, 51.1)  # the cached "none" was forgotten
    settings.URBIS_CITY_BBOX = "4.0,50.0,5.0,52.0"
    assert extent.city_bbox() == (4.0, 50.0, 5.0, 52.0)
    assert extent.contains((4.0, 50.0, 5.0, 52.0), 51.0, 4.5)
    assert not extent.contains((4.0, 50.0, 5.0, 52.0), 51.0, 5.5)


def _settings_value(env: dict[str, str]) -> tuple[str, str]:
    """The settings as a fresh process reads them from the environment."""
    code = (
        "import os, warnings\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    from django.conf import settings\n"
        "    value = settings.URBIS_CITY_BBOX\n"
        "old = any('URBIS_REPORTS_CITY_BBOX' in str(w.message) for w in caught)\n"
        "print(value or '-', 'DEPRECATED' if old else 'quiet')\n"
    )
    clean = {k: v for k, v in os.environ.items() if "CITY_BBOX" not in k}
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, "URBIS_DEBUG": "1", **env},
        capture_output=True, text=True, cwd=Path(__file__).resolve().parents[3],
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    value, flag = result.stdout.split()[-2:]
    return value, flag


def test_old_name_is_a_deprecated_alias_read_once() -> None:
    assert _settings_value({"URBIS_REPORTS_CITY_BBOX": "50.98,4.39,51.08,4.56"}) == (
        "4.39,50.98,4.56,51.08",
        "DEPRECATED",
    )
    both = {"URBIS_CITY_BBOX": "4,50,5,52", "URBIS_REPORTS_CITY_BBOX": "50.98,4.39,51.08,4.56"}
    assert _settings_value(both) == ("4,50,5,52", "quiet")  # the new name wins, no warning
