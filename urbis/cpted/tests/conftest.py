from __future__ import annotations

import pytest

from urbis.core.models import Organisation, OrganisationKind
from urbis.cpted import services
from urbis.cpted.models import ChecklistTemplate, InvestmentProject


@pytest.fixture(autouse=True)
def _in_english(english: None) -> None:
    """Assertions read English messages (the shared ``english`` fixture); nl and fr
    catalogues have their own tests."""


@pytest.fixture
def department(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Urban development", short_name="Urban dev.", kind=OrganisationKind.CITY_DEPARTMENT
    )


@pytest.fixture
def housing(planner, department) -> InvestmentProject:  # type: ignore[no-untyped-def]
    planner.organisation = department
    planner.save()
    return services.project_create(
        actor=planner,
        name="Vijfhoek housing",
        department=department,
        project_leader=planner,
        project_type="housing",
        dwellings=24,
        location={"type": "Point", "coordinates": [4.48, 51.03]},
        phase="preliminary_design",
    )


@pytest.fixture
def template(db: None) -> ChecklistTemplate:
    return services.checklist_default()


HOUSING_ANSWERS = {
    "T15": False,
    "T2": "new_build",
    "T1": ["housing"],
    "T4": 24,
}
