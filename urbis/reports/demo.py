"""Demo data: teams, the ten categories of issue 12, routing rules, a partner key, reports."""

from __future__ import annotations

from typing import Any

from urbis.core.models import User
from urbis.core.types import Actor
from urbis.reports import services
from urbis.reports.models import Category, Open311Key, Report, Team

YES_NO = [{"key": "yes", "name": "yes"}, {"key": "no", "name": "no"}]

# code, nl, fr, en, group, keywords, team, SLA days, working?, GAS article, public, extra
CATEGORIES: list[tuple[Any, ...]] = [
    (
        "littering",
        "Zwerfvuil",
        "Déchets sauvages",
        "Littering",
        "cleanliness",
        "litter,afval,déchets",
        "cleaning",
        3,
        True,
        "ABP-15",
        True,
        [],
    ),
    (
        "illegal-dumping",
        "Sluikstort",
        "Dépôt clandestin",
        "Illegal dumping",
        "cleanliness",
        "sluikstort,dumping,dépôt",
        "cleaning",
        2,
        True,
        "ABP-12",
        True,
        [
            {
                "code": "volume",
                "datatype": "singlevaluelist",
                "description": "How much?",
                "names": {"nl": "Hoeveel?", "fr": "Combien ?"},
                "required": True,
                "order": 1,
                "values": [
                    {"key": "bag", "name": "a few bags"},
                    {"key": "van", "name": "a van load"},
                ],
            },
            {
                "code": "hazardous",
                "datatype": "singlevaluelist",
                "description": "Hazardous waste?",
                "names": {"nl": "Gevaarlijk afval?", "fr": "Déchets dangereux ?"},
                "required": False,
                "order": 2,
                "values": YES_NO,
            },
        ],
    ),
    (
        "dog-fouling",
        "Hondenpoep",
        "Déjections canines",
        "Dog fouling",
        "cleanliness",
        "hond,chien,dog",
        "cleaning",
        5,
        True,
        "",
        True,
        [],
    ),
    (
        "graffiti",
        "Graffiti",
        "Graffiti",
        "Graffiti",
        "cleanliness",
        "graffiti,tag",
        "cleaning",
        10,
        True,
        "SW-526",
        True,
        [],
    ),
    (
        "street-light",
        "Defecte straatverlichting",
        "Éclairage public en panne",
        "Broken street light",
        "infrastructure",
        "lamp,licht,éclairage",
        "works",
        10,
        True,
        "",
        True,
        [
            {
                "code": "pole_number",
                "datatype": "string",
                "description": "Number on the pole",
                "names": {"nl": "Nummer op de paal", "fr": "Numéro sur le poteau"},
                "required": False,
                "order": 1,
            }
        ],
    ),
    (
        "abandoned-bike",
        "Achtergelaten fiets",
        "Vélo abandonné",
        "Abandoned bike",
        "infrastructure",
        "fiets,vélo,bike",
        "works",
        20,
        True,
        "",
        True,
        [],
    ),
    (
        "parking-nuisance",
        "Parkeeroverlast",
        "Stationnement gênant",
        "Parking nuisance",
        "traffic",
        "parkeren,stationnement",
        "enforcement",
        2,
        True,
        "PARK-1",
        True,
        [],
    ),
    (
        "speeding",
        "Te snel rijden in woonstraat",
        "Vitesse excessive en rue résidentielle",
        "Speeding in a residential street",
        "traffic",
        "snelheid,vitesse,speed",
        "enforcement",
        20,
        True,
        "",
        True,
        [
            {
                "code": "time_of_day",
                "datatype": "singlevaluelist",
                "description": "When mostly?",
                "names": {"nl": "Wanneer vooral?", "fr": "Surtout quand ?"},
                "required": False,
                "order": 1,
                "values": [{"key": "day", "name": "day"}, {"key": "night", "name": "night"}],
            }
        ],
    ),
    (
        "noise",
        "Geluidsoverlast",
        "Nuisances sonores",
        "Noise",
        "nuisance",
        "lawaai,bruit,noise",
        "enforcement",
        5,
        True,
        "ABP-31",
        True,
        [],
    ),
    (
        "drug-litter",
        "Spuiten en drugsafval",
        "Seringues et déchets de drogue",
        "Drug litter (needles)",
        "cleanliness",
        "spuit,seringue,needle",
        "cleaning",
        1,
        False,
        "",
        True,
        [],
    ),
]


def load_reports_demo(actor: Actor) -> str:
    publicspace = User.objects.filter(username="publicspace").first()
    ascertainer = User.objects.filter(username="ascertainer").first()
    teams = {
        "cleaning": services.team_create(
            actor=actor,
            code="cleaning",
            name="Netheidsteam",
            members=[u for u in [publicspace] if u],
        ),
        "works": services.team_create(
            actor=actor,
            code="works",
            name="Openbare werken",
            members=[u for u in [publicspace] if u],
        ),
        "enforcement": services.team_create(
            actor=actor,
            code="enforcement",
            name="Handhavingsteam",
            members=[u for u in [ascertainer] if u],
            enforcement=True,
        ),
    }
    for order, row in enumerate(CATEGORIES, start=1):
        (code, nl, fr, en, group, keywords, team, days, working, article, public, extra) = row
        services.category_save(
            actor=actor,
            code=code,
            order=order,
            name_nl=nl,
            name_fr=fr,
            name_en=en,
            group=group,
            keywords=keywords,
            team=teams[team],
            sla_days=days,
            sla_working_days=working,
            gas_eligible=bool(article),
            gas_article_code=article,
            is_public=public,
            attributes=extra,
            speeding=code == "speeding",
        )
    if not Team.objects.filter(code="night").exists():
        night = services.team_create(
            actor=actor, code="night", name="Nachtpatrouille", enforcement=True
        )
        services.routing_rule_create(
            actor=actor,
            order=10,
            team=night,
            category=Category.objects.get(code="noise"),
            start_time=__import__("datetime").time(22, 0),
            end_time=__import__("datetime").time(6, 0),
        )
    if not Open311Key.objects.filter(name="demo-partner").exists():
        services.open311_key_create(actor=actor, name="demo-partner")
    if not Report.objects.exists():
        samples = [
            ("littering", 51.0286, 4.4801, "Bruul 12, 2800 Mechelen", "Overvolle vuilbak"),
            (
                "illegal-dumping",
                51.0312,
                4.4702,
                "Nekkerspoelstraat 3, 2800 Mechelen",
                "Matras en zakken naast de glasbol",
            ),
            (
                "speeding",
                51.0201,
                4.4850,
                "Hanswijkvaart 40, 2800 Mechelen",
                "Auto's rijden 's avonds veel te snel",
            ),
            ("speeding", 51.0203, 4.4852, "Hanswijkvaart 52, 2800 Mechelen", "Te snel, elke dag"),
            ("graffiti", 51.0270, 4.4770, "Grote Markt 1, 2800 Mechelen", "Tag op de gevel"),
        ]
        for code, lat, lon, address, description in samples:
            services.report_submit(
                actor=None,
                data=services.ReportInput(
                    category_code=code,
                    lat=lat,
                    lon=lon,
                    address=address,
                    description=description,
                    attributes={"volume": ["bag"]} if code == "illegal-dumping" else {},
                ),
            )
    return f"{Category.objects.count()} report categories, {Report.objects.count()} reports"
