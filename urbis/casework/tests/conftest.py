from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from urbis.casework import services
from urbis.casework.models import Case, ConsultationTable
from urbis.casework.tables_seed import seed_tables
from urbis.core.models import Organisation, OrganisationKind
from urbis.core.roles import Role
from urbis.core.testing.fixtures import create_user


@pytest.fixture(autouse=True)
def _in_english(english: None) -> None:
    """Assertions read English messages (the shared ``english`` fixture)."""


@pytest.fixture
def orgs(db: None) -> dict[str, Organisation]:
    names = {
        "FJC": OrganisationKind.JUSTICE,
        "OCMW": OrganisationKind.WELFARE,
        "Preventie": OrganisationKind.CITY_DEPARTMENT,
        "PZ MeWi": OrganisationKind.POLICE_ZONE,
    }
    return {
        short: Organisation.objects.create(name=f"{short} (test)", short_name=short, kind=kind)
        for short, kind in names.items()
    }


@pytest.fixture
def tables(orgs: dict[str, Organisation]) -> dict[str, ConsultationTable]:
    seed_tables()
    return {t.code: t for t in ConsultationTable.objects.all()}


@pytest.fixture
def director(orgs: dict[str, Organisation]) -> Any:
    return create_user(Role.CASEWORKER, username="director", organisation=orgs["FJC"],
                       first_name="Dana", last_name="Director")  # fmt: skip


@pytest.fixture
def partner(orgs: dict[str, Organisation]) -> Any:
    return create_user(Role.CASEWORKER, username="partner1", organisation=orgs["OCMW"],
                       first_name="Paul", last_name="Partner")  # fmt: skip


@pytest.fixture
def third(orgs: dict[str, Organisation]) -> Any:
    return create_user(Role.CASEWORKER, username="partner2", organisation=orgs["Preventie"],
                       first_name="Tess", last_name="Third")  # fmt: skip


@pytest.fixture
def fjc_case(tables: dict[str, ConsultationTable], director: Any, partner: Any) -> Case:
    case = services.case_open(
        actor=director, table=tables["veilig-huis"], risk_level="high",
        opened_on=dt.date(2026, 3, 2),
    )  # fmt: skip
    services.subject_add(
        actor=director, case=case, role="victim", first_name="Lena", last_name="Verhaegen",
        national_number="88040212345",
    )  # fmt: skip
    services.participant_add(actor=director, case=case, user_id=partner.pk)
    return case


@pytest.fixture
def livc_case(tables: dict[str, ConsultationTable], orgs: Any, partner: Any) -> Case:
    member = create_user(Role.CASEWORKER, username="livcchair", organisation=orgs["Preventie"])
    case = services.case_open(actor=member, table=tables["livc-r"], risk_level="medium")
    services.participant_add(actor=member, case=case, user_id=partner.pk)
    return case
