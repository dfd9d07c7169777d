"""Areas: GeoJSON validation, point-in-area lookup, per-1,000 rates."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from urbis.core import selectors, services
from urbis.core.rates import per_1000

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[4.0, 51.0], [4.1, 51.0], [4.1, 51.1], [4.0, 51.1], [4.0, 51.0]]],
}
INNER = {
    "type": "Polygon",
    "coordinates": [[[4.0, 51.0], [4.05, 51.0], [4.05, 51.05], [4.0, 51.05], [4.0, 51.0]]],
}


def test_point_in_area_prefers_the_smallest(coordinator) -> None:
    big = services.area_upsert(
        actor=None, code="N1", name="Big", kind="neighbourhood", geometry=SQUARE, population=1000
    )
    small = services.area_upsert(
        actor=None, code="S1", name="Small", kind="statistical_sector", geometry=INNER, parent=big
    )
    assert selectors.area_at(51.02, 4.02) == small
    assert selectors.area_at(51.02, 4.02, kind="neighbourhood") == big
    assert selectors.area_at(51.08, 4.08) == big
    assert selectors.area_at(52.0, 4.02) is None


@pytest.mark.parametrize(
    "geometry, message",
    [
        ({"type": "Point", "coordinates": [4, 51]}, "Polygon"),
        (
            {"type": "Polygon", "coordinates": [[[4, 51], [5, 52], [4, 52], [5, 51], [4, 51]]]},
            "crosses",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [[150000, 200000], [150100, 200000], [150100, 200100], [150000, 200000]]
                ],
            },
            "WGS84",
        ),
    ],
)
def test_invalid_geometry_is_refused(geometry: dict[str, object], message: str) -> None:
    with translation.override("en"), pytest.raises(ValidationError, match=message):
        services.area_upsert(
            actor=None, code="X", name="X", kind="neighbourhood", geometry=geometry
        )


@pytest.mark.parametrize(
    "count, population, expected",
    [(5, 1000, 5.0), (3, 87000, 0.034), (0, 500, 0.0), (4, 0, None), (4, None, None)],
)
def test_per_1000(count: int, population: int | None, expected: float | None) -> None:
    result = per_1000(count, population)
    assert result == (None if expected is None else pytest.approx(expected, abs=1e-3))


def test_areas_geojson_for_staff_only(analyst, outsider) -> None:
    services.area_upsert(actor=None, code="N1", name="Big", kind="neighbourhood", geometry=SQUARE)
    assert len(selectors.areas_geojson(analyst)["features"]) == 1
    assert selectors.areas_geojson(outsider)["features"] == []
