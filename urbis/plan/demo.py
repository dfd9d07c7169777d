"""Demo plan for the sample Mechelen: the five federal phenomena, objectives, actions tagged
with Bjørgo's mechanisms (with deliberate gaps), indicators and a synthetic safety survey."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from urbis.core.models import Area, Organisation
from urbis.core.types import Actor
from urbis.plan import services
from urbis.plan.models import (
    AlignmentCode,
    BenchmarkPoint,
    Objective,
    Phenomenon,
    Plan,
    SurveyResponse,
)

PHENOMENA = [
    (
        "cleanliness",
        "Netheid en leefbaarheid",
        "Propreté et qualité de vie",
        "Cleanliness and liveability",
        "federal",
    ),
    (
        "violence",
        "Geweld, incl. intrafamiliaal geweld en radicalisering",
        "Violence, y compris intrafamiliale et radicalisation",
        "Violence incl. domestic violence and radicalisation",
        "federal",
    ),
    ("burglary", "Inbraak en diefstal", "Cambriolage et vol", "Burglary and theft", "federal"),
    (
        "insecurity",
        "Onveiligheidsgevoelens",
        "Sentiment d'insécurité",
        "Feelings of insecurity",
        "federal",
    ),
    ("drugs", "Drugs", "Drogues", "Drugs", "federal"),
    ("shoplifting", "Winkeldiefstal", "Vol à l'étalage", "Shoplifting", "local"),
]

# phenomenon: (objective text, [(action title, owner short name, budget, [(mechanism, why)])])
ACTIONS: dict[str, tuple[str, list[tuple[str, str, int, list[tuple[str, str]]]]]] = {
    "cleanliness": (
        "Minder meldingen van zwerfvuil en sluikstorten per 1.000 inwoners",
        [
            (
                "Straatcoaches en snelle opruiming",
                "Preventie",
                120000,
                [
                    ("NORM", "Zichtbare zorg herstelt de norm dat er voor de straat gezorgd wordt"),
                    ("PROTECT", "Snel herstel neemt de prikkel tot meer sluikstorten weg"),
                ],
            ),
            (
                "GAS-boetes voor sluikstorten",
                "GAS",
                30000,
                [("DETER", "Een snelle administratieve geldboete verhoogt de verwachte kost")],
            ),
        ],
    ),
    "burglary": (
        "Minder woninginbraken",
        [
            (
                "Buurtbrieven na een inbraak (near-repeat)",
                "PZ MeWi",
                15000,
                [
                    (
                        "PROTECT",
                        "Buren met een verhoogd risico beveiligen enkele weken deuren en ramen",
                    )
                ],
            ),
            (
                "Inbraakpreventiepremie",
                "Preventie",
                50000,
                [
                    ("PROTECT", "Betere sloten maken het doelwit moeilijker"),
                    ("REWARD", "Gemerkte goederen zijn moeilijker te verkopen"),
                ],
            ),
        ],
    ),
    "violence": (
        "Vroeger hulp bij intrafamiliaal geweld",
        [
            (
                "Casusoverleg Family Justice Center",
                "FJC",
                200000,
                [
                    ("HARM", "Slachtoffers worden sneller beschermd en ondersteund"),
                    ("DESIST", "Daderprogramma's verminderen herhaald geweld"),
                ],
            ),
        ],
    ),
    "insecurity": (
        "Onveiligheidsgevoelens onder het nationale niveau",
        [
            (
                "Buurtwandelingen met bewoners",
                "Preventie",
                20000,
                [("NORM", "Bewoners en stad leggen samen normen vast voor hun straten")],
            ),
        ],
    ),
    "drugs": (
        "Minder drugsoverlast",
        [
            (
                "Outreachend werk met jongeren",
                "JOC",
                90000,
                [
                    (
                        "RECRUIT",
                        "Jongeren krijgen alternatieven voor ze gerekruteerd worden",
                    )
                ],
            ),
        ],
    ),
}


def _survey(areas: list[Area]) -> list[SurveyResponse]:
    rng = random.Random(2026)  # noqa: S311 - synthetic demo data, not security
    responses = []
    for year, unsafe in ((2018, 0.05), (2021, 0.07), (2024, 0.045)):
        for index in range(600):
            area = areas[index % len(areas)] if areas else None
            draw = rng.random()
            answer = (
                "always"
                if draw < unsafe / 3
                else "often"
                if draw < unsafe
                else "sometimes"
                if draw < 0.3
                else "rarely"
                if draw < 0.6
                else "never"
            )
            responses.append(
                SurveyResponse(
                    edition=year,
                    respondent=f"D{year}-{index:04d}",
                    area=area,
                    weight=round(rng.uniform(0.6, 1.6), 3),
                    insecurity=answer,
                    pride=rng.choice(["often", "always", "always", "sometimes"]),
                    avoid_dark=rng.choice(["never", "rarely", "sometimes", "often"]),
                    avoid_places=rng.choice(["never", "rarely", "sometimes"]),
                )
            )
    return responses


def load_plan_demo(actor: Actor) -> str:
    if Plan.objects.filter(code="SVPP-2026").exists():
        return "already loaded"
    organisations = {o.short_name: o for o in Organisation.objects.all()}
    if "Preventie" not in organisations:
        return "skipped: load the core demo first"
    with transaction.atomic():
        phenomena = {}
        for code, nl, fr, en, source in PHENOMENA:
            phenomena[code], _created = Phenomenon.objects.get_or_create(
                code=code,
                defaults={"label_nl": nl, "label_fr": fr, "label_en": en, "source": source},
            )
        plan = services.plan_create(
            actor=actor,
            code="SVPP-2026",
            title="Strategisch Veiligheids- en Preventieplan Mechelen 2026–2031 (demo)",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2031, 12, 31),
        )
        actions = 0
        for rank, (code, (objective_text, items)) in enumerate(ACTIONS.items(), start=1):
            priority = services.priority_add(
                actor=actor, plan=plan, phenomenon=phenomena[code], rank=rank
            )
            general = services.objective_create(
                actor=actor, priority=priority, level="general", code=f"{rank}", text=objective_text
            )
            strategic = services.objective_create(
                actor=actor,
                priority=priority,
                level="strategic",
                code=f"{rank}.1",
                text=objective_text,
                parent=general,
            )
            operational = services.objective_create(
                actor=actor,
                priority=priority,
                level="operational",
                code=f"{rank}.1.1",
                text=objective_text,
                parent=strategic,
                owner=organisations["Preventie"],
                due_date=dt.date(2031, 12, 31),
            )
            for title, owner, budget, tags in items:
                services.action_create(
                    actor=actor,
                    objective=operational,
                    title=title,
                    owner=organisations[owner],
                    budget=Decimal(budget),
                    status="running",
                    start=dt.date(2026, 1, 1),
                    # The owner leads; the prevention service coordinates the plan, not each action.
                    mechanisms=[services.MechanismTag(m, why) for m, why in tags],
                )
                actions += 1
            if code == "cleanliness":
                # The mayor's aim, faster sanctioning: computed nightly from the GAS cases.
                lead_time = services.indicator_create(
                    actor=actor,
                    objective=operational,
                    code="GAS-LT",
                    name="Doorlooptijd GAS, van vaststelling tot beslissing",
                    kind="process",
                    definition="Mediaan aantal dagen van vaststelling tot beslissing, lopend jaar",
                    unit="dagen",
                    direction="down",
                    data_source="Urbis GAS-dossiers",
                    provider_code="gas.lead_time_median_days",
                )
                services.target_set(
                    actor=actor, indicator=lead_time, year=2026, value=Decimal("60")
                )
                # The objective's own indicator, computed nightly from real reports (issue 12).
                services.indicator_create(
                    actor=actor,
                    objective=operational,
                    code="CLEAN-1",
                    name="Meldingen van zwerfvuil en sluikstorten per 1.000 inwoners",
                    kind="outcome",
                    definition="Meldingen van burgers en partners over zwerfvuil en sluikstorten, "
                    "lopend jaar, per 1.000 inwoners",
                    unit="per 1.000",
                    direction="down",
                    data_source="Urbis-meldingen publieke ruimte",
                    provider_code="reports.littering_dumping_per_1000",
                )
            if code == "burglary":
                # Fewer domestic burglaries: computed nightly from the incidents app
                # (urbis.core.indicators provider "incidents.burglaries_per_1000_dwellings").
                burglaries = services.indicator_create(
                    actor=actor,
                    objective=operational,
                    code="BURG-1",
                    name="Woninginbraken per 1.000 woningen",
                    kind="outcome",
                    definition="Woninginbraken en pogingen per 1.000 woningen, lopend jaar",
                    unit="per 1.000 woningen",
                    population_base="woningen",
                    direction="down",
                    data_source="Urbis-incidenten (politie-exports)",
                    provider_code="incidents.burglaries_per_1000_dwellings",
                )
                services.target_set(
                    actor=actor, indicator=burglaries, year=2026, value=Decimal("8")
                )
            if code == "insecurity":
                indicator = services.indicator_create(
                    actor=actor,
                    objective=operational,
                    code="INSEC-1",
                    name="Inwoners die zich vaak of altijd onveilig voelen",
                    kind="outcome",
                    definition="Gewogen aandeel dat vaak of altijd antwoordt, inwoners 15+",
                    unit="%",
                    population_base="inwoners 15+",
                    direction="down",
                    baseline=Decimal("5.0"),
                    baseline_year=2018,
                    data_source="Veiligheidsbevraging",
                    benchmark_series="Veiligheidsmonitor (nationaal)",
                )
                for year in (2026, 2027, 2028):
                    services.target_set(
                        actor=actor, indicator=indicator, year=year, value=Decimal("4.5")
                    )
                services.measurement_record(
                    actor=actor,
                    indicator=indicator,
                    period_start=dt.date(2024, 1, 1),
                    period_end=dt.date(2024, 12, 31),
                    value=Decimal("4.6"),
                    base_n=600,
                    source="Synthetische demobevraging 2024",
                )
        # Alignment with the Framework note on integral security 2022–2024 (domain §1.3).
        kiv = {
            "KIV-3": "Drugs",
            "KIV-6": "Geweldscriminaliteit, aantasting van de persoonlijke integriteit",
            "KIV-7": "Georganiseerde eigendomscriminaliteit",
            "KIV-10": "Overlast",
        }
        links = {
            "KIV-3": "drugs",
            "KIV-6": "violence",
            "KIV-7": "burglary",
            "KIV-10": "cleanliness",
        }
        for code, label in kiv.items():
            alignment, _created = AlignmentCode.objects.get_or_create(
                framework="kiv", code=code, defaults={"label": label}
            )
            alignment.objectives.add(
                *Objective.objects.filter(
                    priority__plan=plan, priority__phenomenon__code=links[code], level="general"
                )
            )
        areas = list(Area.objects.filter(kind="neighbourhood"))
        SurveyResponse.objects.bulk_create(_survey(areas))
        for year, value in ((2018, "6.00"), (2021, "9.00")):
            BenchmarkPoint.objects.get_or_create(
                series="Veiligheidsmonitor (nationaal)",
                year=year,
                defaults={
                    "value": Decimal(value),
                    "item": "insecurity",
                    "population_base": "inwoners 15+",
                    "definition": "Aandeel inwoners van 15+ dat zich vaak of altijd onveilig voelt",
                    "source": "https://www.knack.be/nieuws/belgie/bijna-een-op-de-tien-belgen-voelt-zich-vaak-of-altijd-onveilig/",
                },
            )
    return f"plan with {len(ACTIONS)} priorities and {actions} actions, 1,800 survey responses"
