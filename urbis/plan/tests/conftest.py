from __future__ import annotations

import pytest

from urbis.plan.models import Plan
from urbis.plan.tests.factories import small_plan as build_small_plan


@pytest.fixture
def small_plan(db: None) -> Plan:
    """A whole plan built with the factories (see ``factories.small_plan``), for the page,
    report and browser tests; rule and service tests build only the records they need."""
    return build_small_plan()


@pytest.fixture(autouse=True)
def _in_english(english: None) -> None:
    """Assertions read English messages (the shared ``english`` fixture)."""
