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
        "Fewer littering and dumping reports per 1,000 inhabitants",
        [
            (
                "Street coaches and quick clean-up",
                "Prevention",
                120000,
                [
                    ("NORM", "Visible care restores the norm that the street is looked after"),
                    ("PROTECT", "Quick repair removes the cue that invites more dumping"),
                ],
            ),
            (
                "GAS fines for dumping",
                "GAS",
                30000,
                [("DETER", "A prompt administrative fine raises the expected cost")],
            ),
        ],
    ),
    "burglary": (
        "Fewer domestic burglaries",
        [
            (
                "Near-repeat letters after a burglary",
                "PZ MeWi",
                15000,
                [("PROTECT", "Neighbours at raised risk secure doors and windows for a few weeks")],
            ),
            (
                "Burglary prevention premium",
                "Prevention",
                50000,
                [
                    ("PROTECT", "Better locks make the target harder"),
                    ("REWARD", "Property marking makes stolen goods harder to sell"),
                ],
            ),
        ],
    ),
    "violence": (
        "Earlier help in domestic violence",
        [
            (
                "Family Justice Centre case consultation",
                "FJC",
                200000,
                [
                    ("HARM", "Victims are protected and supported sooner"),
                    ("DESIST", "Perpetrator programmes reduce repeat violence"),
                ],
            ),
        ],
    ),
    "insecurity": (
        "A feeling of insecurity below the national level",
        [
            (
                "Neighbourhood walks with residents",
                "Prevention",
                20000,
                [("NORM", "Residents and city set shared norms for their streets")],
            ),
        ],
    ),
    "drugs": (
        "Less drug-related nuisance",
        [
            (
                "Outreach work with young people",
                "Open youth centre",
                90000,
                [("RECRUIT", "Young people are offered alternatives before they are drawn in")],
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
    if "Prevention" not in organisations:
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
            title="Strategic Safety and Prevention Plan Mechelen 2026–2031 (demo)",
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
                owner=organisations["Prevention"],
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
                    name="GAS lead time, ascertainment to decision",
                    kind="process",
                    definition="Median days from ascertainment to decision, year to date",
                    unit="days",
                    direction="down",
                    data_source="Urbis GAS cases",
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
                    name="Littering and dumping reports per 1,000 inhabitants",
                    kind="outcome",
                    definition="Citizen and partner reports of littering and illegal dumping, "
                    "year to date, per 1,000 inhabitants",
                    unit="per 1,000",
                    direction="down",
                    data_source="Urbis public-space reports",
                    provider_code="reports.littering_dumping_per_1000",
                )
            if code == "burglary":
                # Fewer domestic burglaries: computed nightly from the incidents app
                # (urbis.core.indicators provider "incidents.burglaries_per_1000_dwellings").
                burglaries = services.indicator_create(
                    actor=actor,
                    objective=operational,
                    code="BURG-1",
                    name="Domestic burglaries per 1,000 dwellings",
                    kind="outcome",
                    definition="Dwelling burglaries and attempts per 1,000 dwellings, year to date",
                    unit="per 1,000 dwellings",
                    population_base="dwellings",
                    direction="down",
                    data_source="Urbis incidents (police exports)",
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
                    name="Residents who often or always feel unsafe",
                    kind="outcome",
                    definition="Weighted share answering often or always, residents 15+",
                    unit="%",
                    population_base="residents 15+",
                    direction="down",
                    baseline=Decimal("5.0"),
                    baseline_year=2018,
                    data_source="Safety survey",
                    benchmark_series="Veiligheidsmonitor (national)",
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
                    source="Synthetic demo survey 2024",
                )
        # Alignment with the Framework note on integral security 2022–2024 (domain §1.3).
        kiv = {
            "KIV-3": "Drugs",
            "KIV-6": "Violent crime, attacks on personal integrity",
            "KIV-7": "Organised property crime",
            "KIV-10": "Nuisance",
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
                series="Veiligheidsmonitor (national)",
                year=year,
                defaults={
                    "value": Decimal(value),
                    "item": "insecurity",
                    "population_base": "residents 15+",
                    "definition": "Share of residents 15+ who often or always feel unsafe",
                    "source": "https://www.knack.be/nieuws/belgie/bijna-een-op-de-tien-belgen-voelt-zich-vaak-of-altijd-onveilig/",
                },
            )
    return f"plan with {len(ACTIONS)} priorities and {actions} actions, 1,800 survey responses"
