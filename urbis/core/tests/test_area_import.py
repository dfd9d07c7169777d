"""Area import updates only what the file gives (/manage/areas/, urbis.core.area_import)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from urbis.core import services
from urbis.core.models import Area, AuditEvent
from urbis.core.testing.fixtures import verified_client

pytestmark = pytest.mark.django_db


def square(lon: float, lat: float, size: float = 0.01) -> dict[str, Any]:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def upload(client: Client, *features: dict[str, Any]) -> Any:
    data = json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()
    file = SimpleUploadedFile("areas.geojson", data)
    return client.post(reverse("core:manage_areas"), {"file": file})


def feature(code: str, geometry: dict[str, Any] | None = None, **properties: Any) -> dict:
    return {
        "type": "Feature",
        "geometry": geometry or square(4.47, 51.02),
        "properties": {"code": code, **properties},
    }


@pytest.fixture
def stored() -> dict[str, Area]:
    city = services.area_upsert(
        actor=None, code="M1", name="Mechelen", kind="municipality", geometry=square(4.4, 51.0, 0.2)
    )
    other = services.area_upsert(
        actor=None, code="M2", name="Other", kind="municipality", geometry=square(4.0, 51.0, 0.2)
    )
    north = services.area_upsert(
        actor=None,
        code="N1",
        name="North",
        kind="neighbourhood",
        geometry=square(4.47, 51.02),
        population=4200,
        population_year=2023,
        parent=city,
        is_sample=True,
    )
    return {"city": city, "other": other, "north": north}


def test_a_file_with_only_the_geometry_keeps_every_other_field(admin_user, stored) -> None:
    moved = square(4.48, 51.03, 0.02)
    response = upload(verified_client(admin_user), feature("N1", moved))
    assert response.status_code == 302
    north = Area.objects.get(code="N1")
    assert north.geometry == moved and north.max_lat == pytest.approx(51.05)
    assert (north.name, north.kind, north.parent, north.population) == (
        "North",
        "neighbourhood",
        stored["city"],
        4200,
    )
    assert north.population_year == 2023 and north.is_sample is True
    event = AuditEvent.objects.get(action="area.updated", object_id=str(north.pk))
    assert event.data["fields"] == ["geometry"]


def test_the_same_file_again_changes_nothing_and_records_no_area_event(admin_user, stored) -> None:
    response = upload(verified_client(admin_user), feature("N1", stored["north"].geometry))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="area.updated").exists()
    assert AuditEvent.objects.get(action="areas.imported").data["updated"] == 1


def test_given_properties_change_and_null_clears_population_and_parent(admin_user, stored) -> None:
    client = verified_client(admin_user)
    assert upload(client, feature("N1", parent="M2", population=5000)).status_code == 302
    north = Area.objects.get(code="N1")
    assert north.parent == stored["other"] and north.population == 5000
    assert north.population_year == 2023 and north.name == "North"
    response = upload(client, feature("N1", parent=None, population=None, is_sample=False))
    assert response.status_code == 302
    north.refresh_from_db()
    assert north.parent is None and north.population is None and north.is_sample is False
    assert north.population_year == 2023


def test_a_parent_may_be_a_feature_later_in_the_same_file(admin_user) -> None:
    response = upload(
        verified_client(admin_user),
        feature("S1", name="Sector", kind="statistical_sector", parent="NEW"),
        feature("NEW", square(4.4, 51.0, 0.2), name="New", kind="neighbourhood"),
    )
    assert response.status_code == 302
    assert Area.objects.get(code="S1").parent == Area.objects.get(code="NEW")


def test_unknown_parent_cycle_and_bad_values_are_rejected_rows(admin_user, stored) -> None:
    response = upload(
        verified_client(admin_user),
        feature("S9", name="S", kind="statistical_sector", parent="NOPE"),  # 1
        feature("M1", parent="N1"),  # 2: N1's parent is M1
        feature("M2", parent="M2"),  # 3
        feature("NEW"),  # 4: a new code needs name and kind
        feature("N1b", name=None, kind="neighbourhood"),  # 5
        feature("M3", name="X", kind="municipality", is_sample=None),  # 6
        feature("M4", name="X", kind="municipality", population_year=99),  # 7
        feature("M5", name="X", kind="municipality", population=12),  # 8: fine
    )
    assert response.status_code == 400
    rejections = response.context["rejections"]
    numbers = [line.split(":")[0] for line in rejections]
    assert numbers == [f"Feature {n}" for n in (1, 2, 3, 4, 4, 5, 6, 7)]
    assert "NOPE" in rejections[0]
    north = Area.objects.get(code="N1")
    assert north.parent == stored["city"]
    assert not Area.objects.filter(code__in=["M5", "NEW"]).exists()
    assert not AuditEvent.objects.filter(action__startswith="area", actor=admin_user).exists()
