from __future__ import annotations

from typing import Any

import pytest

from urbis.reports import services
from urbis.reports.models import Team


@pytest.fixture(autouse=True)
def _in_english(english: None) -> None:
    """Assertions read English messages (the shared ``english`` fixture); nl and fr
    catalogues have their own tests."""


@pytest.fixture
def teams(db: None, public_space: Any, ascertainer: Any) -> dict[str, Team]:
    return {
        "cleaning": services.team_create(
            actor=None, code="cleaning", name="Cleaning", members=[public_space]
        ),
        "enforcement": services.team_create(
            actor=None,
            code="enforcement",
            name="Enforcement",
            members=[ascertainer],
            enforcement=True,
        ),
    }


DUMPING_ATTRIBUTES = [
    {
        "code": "volume",
        "datatype": "singlevaluelist",
        "description": "How much?",
        "required": True,
        "order": 1,
        "values": [{"key": "bag", "name": "a few bags"}, {"key": "van", "name": "a van load"}],
    },
    {
        "code": "kinds",
        "datatype": "multivaluelist",
        "description": "What?",
        "required": False,
        "order": 2,
        "values": [{"key": "wood", "name": "wood"}, {"key": "tyres", "name": "tyres"}],
    },
]


@pytest.fixture
def categories(teams: dict[str, Team]) -> dict[str, Any]:
    return {
        "littering": services.category_save(
            actor=None,
            code="littering",
            name_nl="Zwerfvuil",
            name_fr="Déchets",
            name_en="Littering",
            team=teams["cleaning"],
            sla_days=3,
            sla_working_days=True,
            gas_eligible=True,
            gas_article_code="ABP-15",
            group="cleanliness",
            keywords="litter,afval",
        ),
        "illegal-dumping": services.category_save(
            actor=None,
            code="illegal-dumping",
            name_nl="Sluikstort",
            name_fr="Dépôt",
            name_en="Illegal dumping",
            team=teams["cleaning"],
            sla_days=2,
            sla_working_days=True,
            gas_eligible=True,
            gas_article_code="ABP-12",
            attributes=DUMPING_ATTRIBUTES,
        ),
        "speeding": services.category_save(
            actor=None,
            code="speeding",
            name_nl="Te snel",
            name_fr="Vitesse",
            name_en="Speeding",
            team=teams["enforcement"],
            sla_days=20,
            speeding=True,
        ),
        "internal": services.category_save(
            actor=None,
            code="internal",
            name_nl="Intern",
            name_fr="Interne",
            name_en="Internal",
            team=teams["cleaning"],
            is_public=False,
        ),
    }


def file(code: str = "littering", **changes: Any) -> services.ReportInput:
    data: dict[str, Any] = {
        "category_code": code,
        "description": "Overflowing bin next to the bus stop",
        "lat": 51.0286,
        "lon": 4.4801,
        "address": "Bruul 12, 2800 Mechelen",
        "email": "an@example.org",
    }
    data.update(changes)
    return services.ReportInput(**data)


def jpeg_bytes(*, gps: bool = True) -> bytes:
    import io

    from PIL import Image

    image = Image.new("RGB", (40, 30), (200, 10, 10))
    buffer = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {2: (51.0, 1.0, 30.0)}  # GPSInfo
        exif[0x010F] = "PhoneMaker"
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()
