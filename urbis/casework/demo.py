"""Demo casework: the five tables, a second partner caseworker, one Veilig Huis case."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from urbis.casework import services
from urbis.casework.models import Case, ConsultationTable
from urbis.casework.tables_seed import seed_tables
from urbis.core import services as core_services
from urbis.core.demo.city import DEMO_PASSWORD
from urbis.core.models import Organisation, User
from urbis.core.roles import Role
from urbis.core.types import Actor


def load_casework_demo(actor: Actor) -> str:
    created = seed_tables()
    if Case.objects.exists():
        return f"{created} table(s); cases already there"
    owner = User.objects.filter(username="caseworker").first()
    if owner is None:
        return f"{created} table(s)"
    partner = User.objects.filter(username="partner").first()
    if partner is None:
        partner = User.objects.create_user(
            username="partner",
            password=DEMO_PASSWORD,
            first_name="Youssef",
            last_name="Bakkali",
            organisation=Organisation.objects.filter(short_name="OCMW").first(),
        )
        core_services.user_set_roles(actor=None, user=partner, roles=[Role.CASEWORKER])

    with transaction.atomic():
        table = ConsultationTable.objects.get(code="veilig-huis")
        case = services.case_open(
            actor=owner, table=table, risk_level="medium", referrer="Police zone (demo)",
            goals="Safety plan for the family; stable housing.",
        )  # fmt: skip
        services.subject_add(
            actor=owner, case=case, role="victim", first_name="Demo", last_name="Person",
            birth_date=dt.date(1988, 4, 2), national_number="88040212345",
        )  # fmt: skip
        services.participant_add(actor=owner, case=case, user_id=partner.pk)
    return f"{created} table(s), 1 demo case (partner login: partner)"
