"""Core demo data: organisations the strategy names, sample neighbourhoods, one user per role."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from urbis.core import services
from urbis.core.models import Area, AreaKind, Organisation, OrganisationKind, User
from urbis.core.roles import Role

DEMO_PASSWORD = "urbis-demo"  # noqa: S105 - documented demo password, DEBUG only

# (name, short name, kind, prevention levels) — from the seed interview and plan-casework.md.
# A Flemish city's own names are Dutch (Organisation has no translated name); the short name is
# what the plan and the Bjørgo matrix show beside an action.
ORGANISATIONS: list[tuple[str, str, str, list[str]]] = [
    (
        "Stad Mechelen – Preventiedienst",
        "Preventie",
        OrganisationKind.CITY_DEPARTMENT,
        ["primary", "secondary"],
    ),
    ("Stad Mechelen – GAS-dienst", "GAS", OrganisationKind.CITY_DEPARTMENT, ["sanction"]),
    (
        "Stad Mechelen – Stadsontwikkeling",
        "Stadsontw.",
        OrganisationKind.CITY_DEPARTMENT,
        ["primary"],
    ),
    (
        "Stad Mechelen – Handhavingsteam publieke ruimte",
        "Handhaving",
        OrganisationKind.CITY_DEPARTMENT,
        ["sanction"],
    ),
    (
        "Stad Mechelen – Dienst Publieke Ruimte",
        "Publieke ruimte",
        OrganisationKind.CITY_DEPARTMENT,
        ["primary"],
    ),
    (
        "Lokale Politie Mechelen-Willebroek",
        "PZ MeWi",
        OrganisationKind.POLICE_ZONE,
        ["secondary", "sanction"],
    ),
    (
        "Regionaal Jeugdontmoetingscentrum",
        "JOC",
        OrganisationKind.YOUTH,
        ["primary", "secondary"],
    ),
    ("Vrijetijdsvereniging voor jongeren", "Jeugdwerk", OrganisationKind.YOUTH, ["primary"]),
    ("Family Justice Center Mechelen", "FJC", OrganisationKind.JUSTICE, ["secondary", "tertiary"]),
    (
        "Centrum voor Geestelijke Gezondheidszorg",
        "CGG",
        OrganisationKind.WELFARE,
        ["secondary", "tertiary"],
    ),
    ("Scholennetwerk Mechelen", "Scholen", OrganisationKind.EDUCATION, ["primary"]),
    ("Justitiehuis Mechelen", "Justitiehuis", OrganisationKind.JUSTICE, ["tertiary", "sanction"]),
    (
        "Openbaar Centrum voor Maatschappelijk Welzijn (OCMW)",
        "OCMW",
        OrganisationKind.WELFARE,
        ["secondary", "tertiary"],
    ),
    (
        "Parket Antwerpen – afdeling Mechelen",
        "Parket",
        OrganisationKind.JUSTICE,
        ["sanction"],
    ),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str


USERS: list[DemoUser] = [
    DemoUser("coordinator", "Ann", "Peeters", Role.COORDINATOR, "Preventie"),
    DemoUser("sanctioner", "Marc", "Janssens", Role.SANCTIONING_OFFICER, "GAS"),
    DemoUser("gasstaff", "Sofie", "Maes", Role.GAS_STAFF, "GAS"),
    DemoUser("ascertainer", "Karim", "El Amrani", Role.ASCERTAINER, "Handhaving"),
    DemoUser("planner", "Lotte", "Wouters", Role.PLANNER, "Stadsontw."),
    DemoUser("cpted", "Bart", "Claes", Role.CPTED_ADVISOR, "Preventie"),
    DemoUser("analyst", "Nadia", "Mertens", Role.ANALYST, "PZ MeWi"),
    DemoUser("caseworker", "Eva", "Goossens", Role.CASEWORKER, "FJC"),
    DemoUser("publicspace", "Tom", "Verlinden", Role.PUBLIC_SPACE, "Publieke ruimte"),
    DemoUser("dpo", "Pieter", "De Smet", Role.DPO, "Preventie"),
    DemoUser("admin", "Ines", "Willems", Role.ADMIN, "Preventie"),
]

# Sample neighbourhoods: a 3×3 grid over Mechelen named after real districts. The outlines are
# illustrative, NOT official boundaries (is_sample=True, shown as such on the map).
NEIGHBOURHOODS = [
    ("Nekkerspoel", 9800),
    ("Kauwenberg", 8600),
    ("Battel", 6100),
    ("Ragheno", 10400),
    ("Binnenstad", 14200),
    ("Arsenaal", 9100),
    ("Tervuursesteenweg", 8900),
    ("Heffen-Leest", 9700),
    ("Muizen", 10200),
]
ORIGIN_LAT, ORIGIN_LON = 51.0000, 4.4350  # south-west corner of the sample grid
STEP_LAT, STEP_LON = 0.0180, 0.0290


def _rectangle(lat0: float, lon0: float, dlat: float, dlon: float) -> dict[str, object]:
    ring = [
        [round(lon0, 6), round(lat0, 6)],
        [round(lon0 + dlon, 6), round(lat0, 6)],
        [round(lon0 + dlon, 6), round(lat0 + dlat, 6)],
        [round(lon0, 6), round(lat0 + dlat, 6)],
        [round(lon0, 6), round(lat0, 6)],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def load_core_demo(actor: User | None) -> str:
    """Idempotent: creates only what is missing. Returns a one-line summary."""
    created = {"organisations": 0, "areas": 0, "users": 0}
    with transaction.atomic():
        for name, short, kind, levels in ORGANISATIONS:
            if not Organisation.objects.filter(name=name).exists():
                services.organisation_create(
                    actor=actor, name=name, short_name=short, kind=kind, prevention_levels=levels
                )
                created["organisations"] += 1
        for index, (name, population) in enumerate(NEIGHBOURHOODS):
            row, col = 2 - index // 3, index % 3
            lat0, lon0 = ORIGIN_LAT + row * STEP_LAT, ORIGIN_LON + col * STEP_LON
            code = f"MEC-N{index + 1:02d}"
            if not Area.objects.filter(code=code).exists():
                parent = services.area_upsert(
                    actor=actor,
                    code=code,
                    name=name,
                    kind=AreaKind.NEIGHBOURHOOD,
                    geometry=_rectangle(lat0, lon0, STEP_LAT, STEP_LON),
                    population=population,
                    population_year=2025,
                    is_sample=True,
                )
                created["areas"] += 1
                for quarter in range(4):
                    qrow, qcol = divmod(quarter, 2)
                    services.area_upsert(
                        actor=actor,
                        code=f"{code}-S{quarter + 1}",
                        name=f"{name} {chr(ord('A') + quarter)}",
                        kind=AreaKind.STATISTICAL_SECTOR,
                        geometry=_rectangle(
                            lat0 + qrow * STEP_LAT / 2,
                            lon0 + qcol * STEP_LON / 2,
                            STEP_LAT / 2,
                            STEP_LON / 2,
                        ),
                        population=population // 4,
                        population_year=2025,
                        parent=parent,
                        is_sample=True,
                    )
                    created["areas"] += 1
        by_short = {org.short_name: org for org in Organisation.objects.all()}
        for demo in USERS:
            user = User.objects.filter(username=demo.username).first()
            if user is None:
                user = User(
                    username=demo.username,
                    first_name=demo.first_name,
                    last_name=demo.last_name,
                    email=f"{demo.username}@demo.urbis.invalid",
                    organisation=by_short.get(demo.organisation),
                )
                user.set_password(DEMO_PASSWORD)
                user.save()
                services.user_set_roles(actor=actor, user=user, roles=[demo.role])
                created["users"] += 1
    return ", ".join(f"{count} {what} created" for what, count in created.items())
