"""factory-boy factories for core records that other apps' tests build on."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from urbis.core.models import Area, AreaKind, Organisation, OrganisationKind


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.CITY_DEPARTMENT


def _square(lon: float, lat: float) -> dict[str, object]:
    """A small GeoJSON square (WGS84) with its south-west corner at ``lon``, ``lat``."""
    ring = [[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


class AreaFactory(DjangoModelFactory):
    """A neighbourhood: a small square (bounding box filled in to match)."""

    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"N{n:02d}")
    name = factory.LazyAttribute(lambda o: f"Neighbourhood {o.code}")
    kind = AreaKind.NEIGHBOURHOOD
    geometry = factory.Sequence(lambda n: _square(4.40 + 0.01 * (n % 50), 51.00))
    min_lon = factory.LazyAttribute(lambda o: o.geometry["coordinates"][0][0][0])
    min_lat = factory.LazyAttribute(lambda o: o.geometry["coordinates"][0][0][1])
    max_lon = factory.LazyAttribute(lambda o: o.geometry["coordinates"][0][2][0])
    max_lat = factory.LazyAttribute(lambda o: o.geometry["coordinates"][0][2][1])
    population = 5000
