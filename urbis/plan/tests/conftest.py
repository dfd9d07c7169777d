from __future__ import annotations

import pytest

from urbis.core.demo.city import load_core_demo
from urbis.plan.demo import load_plan_demo
from urbis.plan.models import Plan
from urbis.plan.tests.factories import small_plan as build_small_plan


@pytest.fixture
def small_plan(db: None) -> Plan:
    """A whole plan built with the factories (see ``factories.small_plan``), for page and
    report tests."""
    return build_small_plan()


@pytest.fixture
def demo_plan(db: None) -> Plan:
    """The demo city's plan, for the page tests not yet moved to ``small_plan`` (issue 16)."""
    load_core_demo(None)
    load_plan_demo(None)
    return Plan.objects.get(code="SVPP-2026")


@pytest.fixture(autouse=True)
def _in_english(english: None) -> None:
    """Assertions read English messages (the shared ``english`` fixture)."""
