"""factory-boy factories for the plan: tests build the records they assert on, never the demo.

``operational_objective()`` builds the general → strategic → operational chain of one priority
(KB 3 July 2019), which most plan rules need; ``small_plan()`` builds a whole plan for the page
and report tests (two priorities, tagged actions with a deliberate gap, a measured indicator,
an alignment code and two neighbourhoods for survey rows).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from urbis.core.models import Area, Organisation
from urbis.core.tests.factories import AreaFactory, OrganisationFactory
from urbis.plan import services
from urbis.plan.models import (
    Action,
    ActionMechanism,
    ActionPartner,
    AlignmentCode,
    BenchmarkPoint,
    Direction,
    Indicator,
    IndicatorKind,
    Measurement,
    Objective,
    ObjectiveLevel,
    PartnerRole,
    Phenomenon,
    PhenomenonSource,
    Plan,
    Priority,
    SurveyResponse,
    Target,
)


class PhenomenonFactory(DjangoModelFactory):
    class Meta:
        model = Phenomenon
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"phenomenon-{n}")
    label_nl = factory.LazyAttribute(lambda o: f"{o.code} (nl)")
    label_fr = factory.LazyAttribute(lambda o: f"{o.code} (fr)")
    label_en = factory.LazyAttribute(lambda o: f"{o.code} (en)")
    source = PhenomenonSource.LOCAL


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    code = factory.Sequence(lambda n: f"PLAN-{n}")
    title = "Safety and prevention plan"
    period_start = dt.date(2026, 1, 1)
    period_end = dt.date(2031, 12, 31)


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    phenomenon = factory.SubFactory(PhenomenonFactory)
    rationale = "From the local safety diagnostic"


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective

    priority = factory.SubFactory(PriorityFactory)
    level = ObjectiveLevel.GENERAL
    code = factory.Sequence(lambda n: f"O{n}")
    text = factory.LazyAttribute(lambda o: f"Objective {o.code}")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    objective = factory.SubFactory(ObjectiveFactory, level=ObjectiveLevel.OPERATIONAL)
    code = factory.Sequence(lambda n: f"IND-{n}")
    name = factory.LazyAttribute(lambda o: f"Indicator {o.code}")
    kind = IndicatorKind.OUTCOME
    definition = "Share of residents who answer 'often' or 'always'"
    unit = "%"
    direction = Direction.DOWN
    data_source = "Safety survey"


def operational_objective(priority: Priority | None = None) -> Objective:
    """An operational objective under a strategic one under a general one, of ``priority``."""
    priority = priority or PriorityFactory()
    general = ObjectiveFactory(priority=priority, level=ObjectiveLevel.GENERAL)
    strategic = ObjectiveFactory(priority=priority, level=ObjectiveLevel.STRATEGIC, parent=general)
    return ObjectiveFactory(priority=priority, level=ObjectiveLevel.OPERATIONAL, parent=strategic)


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    objective = factory.SubFactory(ObjectiveFactory, level=ObjectiveLevel.OPERATIONAL)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(OrganisationFactory)


class ActionPartnerFactory(DjangoModelFactory):
    class Meta:
        model = ActionPartner

    action = factory.SubFactory(ActionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnerRole.IMPLEMENTER


class ActionMechanismFactory(DjangoModelFactory):
    class Meta:
        model = ActionMechanism

    action = factory.SubFactory(ActionFactory)
    mechanism = "PROTECT"
    rationale = factory.LazyAttribute(lambda o: f"Why {o.mechanism} works here")


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2026
    value = Decimal("4.5")


class MeasurementFactory(DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = dt.date(2024, 1, 1)
    period_end = dt.date(2024, 12, 31)
    value = Decimal("4.6")
    base_n = 600
    source = "Safety survey 2024"


class AlignmentCodeFactory(DjangoModelFactory):
    class Meta:
        model = AlignmentCode
        django_get_or_create = ("framework", "code")

    framework = "kiv"
    code = factory.Sequence(lambda n: f"KIV-{n}")
    label = factory.LazyAttribute(lambda o: f"Framework note item {o.code}")


class BenchmarkPointFactory(DjangoModelFactory):
    class Meta:
        model = BenchmarkPoint

    series = "National safety monitor"
    year = 2021
    value = Decimal("9.00")
    item = "insecurity"
    definition = "Share of residents aged 15+ who often or always feel unsafe"
    source = "Federal police, Safety monitor"


# The titles and codes the page and report tests assert on.
LETTERS = "Neighbour letters after a burglary"
GRANT = "Burglary prevention grant"
INDICATOR = "INSEC-1"
DAYS_INDICATOR = "LEAD-1"
BENCHMARK = "National safety monitor"
ALIGNMENT = "KIV-7"
INDICATOR_NAME = "Residents who often or always feel unsafe"
AREAS = {"N01": "Nekkerspoel", "N02": "Centrum"}


def tagged_action(
    objective: Objective, title: str, owner: Organisation, *mechanisms: str
) -> Action:
    """An action created as a coordinator creates it (the service): the owner is its lead, its
    status history starts at "running", each mechanism is tagged with a reason."""
    tags = [services.MechanismTag(m, f"Why {m} works here") for m in mechanisms]
    return services.action_create(
        actor=None, objective=objective, title=title, owner=owner, status="running",
        start=dt.date(2026, 1, 1), mechanisms=tags,
    )  # fmt: skip


def small_plan() -> Plan:
    """Burglary (two police actions on PROTECT, the grant also on REWARD, so DETER is a gap;
    the general objective aligned with KIV-7; no indicator) and insecurity (the prevention
    service's walks; the percentage indicator INSEC-1, lower is better, baseline 5.0 in 2018,
    measured 4.6 in 2024, target 4.5 for 2026–2028, beside a national benchmark series of 6.0
    in 2018 and 9.0 in 2021; the count indicator LEAD-1 in days, target 60 in 2026); two
    neighbourhoods N01 Nekkerspoel and N02 Centrum."""
    plan = PlanFactory()
    prevention = OrganisationFactory(name="Prevention service", short_name="Prevention")
    police = OrganisationFactory(name="Local police", short_name="Police")
    burglary = operational_objective(
        PriorityFactory(plan=plan, phenomenon=PhenomenonFactory(code="burglary"), rank=1)
    )
    tagged_action(burglary, LETTERS, police, "PROTECT")
    tagged_action(burglary, GRANT, police, "PROTECT", "REWARD")
    AlignmentCodeFactory(code=ALIGNMENT).objectives.add(burglary.parent.parent)
    insecurity = operational_objective(
        PriorityFactory(plan=plan, phenomenon=PhenomenonFactory(code="insecurity"), rank=2)
    )
    tagged_action(insecurity, "Neighbourhood walks with residents", prevention, "NORM")
    _insecurity_indicators(insecurity)
    for code, name in AREAS.items():
        AreaFactory(code=code, name=name)
    return plan


def _insecurity_indicators(objective: Objective) -> None:
    indicator = IndicatorFactory(
        objective=objective,
        code=INDICATOR,
        name=INDICATOR_NAME,
        baseline=Decimal("5.0"),
        baseline_year=2018,
        benchmark_series=BENCHMARK,
    )
    for year in (2026, 2027, 2028):
        TargetFactory(indicator=indicator, year=year)
    MeasurementFactory(indicator=indicator)
    for year, value in ((2018, "6.00"), (2021, "9.00")):
        BenchmarkPointFactory(series=BENCHMARK, year=year, value=Decimal(value))
    days = IndicatorFactory(objective=objective, code=DAYS_INDICATOR, unit="days", kind="process")
    TargetFactory(indicator=days, year=2026, value=Decimal("60"))


def survey_edition(year: int, respondents: int = 600, unsafe_every: int = 20) -> None:
    """One survey edition: ``respondents`` rows of weight 1 over the neighbourhoods, one in
    ``unsafe_every`` answering "often" to the insecurity question (5 % by default)."""
    areas = list(Area.objects.filter(kind="neighbourhood")) or [None]
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            edition=year,
            respondent=f"S{year}-{index:04d}",
            area=areas[index % len(areas)],
            weight=1.0,
            insecurity="often" if index % unsafe_every == 0 else "never",
        )
        for index in range(respondents)
    )
