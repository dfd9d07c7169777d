"""The demo city's plan loads once, whole (the other plan tests build their own data)."""

from __future__ import annotations

import pytest

from urbis.core.demo.city import load_core_demo
from urbis.plan.demo import ACTIONS, load_plan_demo
from urbis.plan.models import Action, Plan, SurveyResponse
from urbis.plan.selectors import matrix_for

pytestmark = pytest.mark.django_db


def test_demo_plan_loads_once_with_its_gaps() -> None:
    assert load_plan_demo(None) == "skipped: load the core demo first"
    load_core_demo(None)
    load_plan_demo(None)
    plan = Plan.objects.get(code="SVPP-2026")
    assert plan.priorities.count() == len(ACTIONS)
    assert Action.objects.filter(objective__priority__plan=plan).count() == sum(
        len(items) for _text, items in ACTIONS.values()
    )
    assert SurveyResponse.objects.count() == 1800
    assert matrix_for(plan).cells["burglary"]["DETER"].count == 0  # a deliberate gap
    assert load_plan_demo(None) == "already loaded"
    assert Plan.objects.filter(code="SVPP-2026").count() == 1
