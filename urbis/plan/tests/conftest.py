from __future__ import annotations

import pytest

from urbis.core.demo.city import load_core_demo
from urbis.plan.demo import load_plan_demo
from urbis.plan.models import Plan


@pytest.fixture
def demo_plan(db: None) -> Plan:
    load_core_demo(None)
    load_plan_demo(None)
    return Plan.objects.get(code="SVPP-2026")


@pytest.fixture(autouse=True)
def english(settings):  # type: ignore[no-untyped-def]
    """Assertions read English messages; the Dutch and French catalogues are tested elsewhere."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
