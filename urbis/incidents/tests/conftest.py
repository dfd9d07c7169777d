from __future__ import annotations

import pytest

from urbis.core import services as core_services
from urbis.core.models import Area, AreaKind


@pytest.fixture(autouse=True)
def english(settings):  # type: ignore[no-untyped-def]
    """Assertions read English messages; the nl/fr catalogues are checked separately."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _rectangle(lat0: float, lon0: float, dlat: float, dlon: float) -> dict[str, object]:
    ring = [[lon0, lat0], [lon0 + dlon, lat0], [lon0 + dlon, lat0 + dlat], [lon0, lat0 + dlat], [lon0, lat0]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def city(db: None) -> list[Area]:
    """Two neighbourhoods side by side in Mechelen: west 4.44–4.48, east 4.48–4.52, lat 51.00–51.05."""
    west = core_services.area_upsert(
        actor=None,
        code="T-W",
        name="West",
        kind=AreaKind.NEIGHBOURHOOD,
        geometry=_rectangle(51.0, 4.44, 0.05, 0.04),
        population=10000,
        population_year=2025,
    )
    east = core_services.area_upsert(
        actor=None,
        code="T-E",
        name="East",
        kind=AreaKind.NEIGHBOURHOOD,
        geometry=_rectangle(51.0, 4.48, 0.05, 0.04),
        population=5000,
        population_year=2025,
    )
    return [west, east]
