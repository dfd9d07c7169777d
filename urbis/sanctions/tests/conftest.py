from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from urbis.sanctions.catalogue_seed import seed_catalogue
from urbis.sanctions.services.intake import AscertainmentData, OffenderData


@pytest.fixture
def catalogue(db: None) -> None:
    seed_catalogue()


@pytest.fixture(autouse=True)
def _in_english(english: None) -> None:
    """Assertions read English messages (the shared ``english`` fixture); nl and fr
    catalogues have their own tests."""


def adult(**changes: object) -> OffenderData:
    data = {
        "kind": "natural",
        "name": "Peeters",
        "first_name": "Jan",
        "national_number": "85.07.30-033.28",
        "street": "Grote Markt 1",
        "postcode": "2800",
        "city": "Mechelen",
        "language": "nl",
    }
    data.update(changes)
    return OffenderData(**data)  # type: ignore[arg-type]


def report(
    article: str = "ABP-12", on: dt.date = dt.date(2026, 9, 1), **changes: object
) -> AscertainmentData:
    data = {
        "kind": "municipal",
        "reference": "BV/2026/0042",
        "offence_at": timezone.make_aware(dt.datetime.combine(on, dt.time(14, 30))),
        "ascertained_on": on,
        "received_on": on + dt.timedelta(days=3),
        "article_code": article,
        "offender": adult(),
        "description": "Two bags of household waste left next to the glass container",
        "address": "Veemarkt 20, Mechelen",
        "lat": 51.0259,
        "lon": 4.4776,
    }
    data.update(changes)
    return AscertainmentData(**data)  # type: ignore[arg-type]
