from __future__ import annotations

import pytest

from urbis.core.demo.city import load_core_demo
from urbis.plan.demo import load_plan_demo
from urbis.plan.models import Plan


@pytest.fixture
def demo_plan(db: None) -> Plan:
    """The demo city's plan, for the page and report tests that need a whole plan; rule and
    service tests build their own records with ``factories``."""
    load_core_demo(None)
    load_plan_demo(None)
    return Plan.objects.get(code="SVPP-2026")


@pytest.fixture(autouse=True)
def _in_english(english: None) -> None:
    """Assertions read English messages (the shared ``english`` fixture)."""
