"""factory-boy factories for the plan: tests build the records they assert on, never the demo.

``operational_objective()`` builds the general → strategic → operational chain of one priority
(KB 3 July 2019), which most plan rules need.
"""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from urbis.core.tests.factories import OrganisationFactory
from urbis.plan.models import (
    Action,
    ActionPartner,
    Direction,
    Indicator,
    IndicatorKind,
    Objective,
    ObjectiveLevel,
    PartnerRole,
    Phenomenon,
    PhenomenonSource,
    Plan,
    Priority,
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
