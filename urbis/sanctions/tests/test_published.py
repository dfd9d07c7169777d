"""What GAS publishes to the other modules through core registries (no app imports another):
the plan's automatic lead-time indicator and the counts near a point (CPTED context)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps

from urbis.core.demo import demo_loaders
from urbis.core.nearby import counts_near
from urbis.core.nightly import run_job
from urbis.sanctions.services import cases as case_services
from urbis.sanctions.services.intake import ascertainment_create
from urbis.sanctions.tests.conftest import report

pytestmark = pytest.mark.django_db


def _decide(ascertainer, staff, official, on: dt.date, after_days: int):  # type: ignore[no-untyped-def]
    received = on + dt.timedelta(days=3)
    with time_machine.travel(dt.datetime.combine(received, dt.time(10)), tick=False):
        case = ascertainment_create(
            actor=ascertainer, data=report(on=on, reference=f"BV/{on}")
        ).case
    case_services.case_transition(actor=staff, case=case, action="send_opening_letter", on=received)
    decided = on + dt.timedelta(days=after_days)
    with time_machine.travel(dt.datetime.combine(decided, dt.time(10)), tick=False):
        case_services.case_transition(
            actor=official, case=case, action="decide_warning", on=decided, motivation="m"
        )


def test_plan_indicator_takes_the_gas_lead_time(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    from urbis.core.demo.city import load_core_demo

    load_core_demo(None)
    dict(demo_loaders())["plan"](None)
    for start, days in (
        (dt.date(2026, 2, 2), 30),
        (dt.date(2026, 3, 2), 40),
        (dt.date(2026, 4, 1), 60),
    ):
        _decide(ascertainer, gas_staff, sanctioning_officer, start, days)
    with time_machine.travel("2026-11-25 03:00", tick=False):
        run_job("plan.indicators")
    measurement = apps.get_model("plan", "Measurement").objects.get(
        indicator__code="GAS-LT", automatic=True
    )
    assert measurement.value == Decimal(40) and measurement.base_n == 3
    assert measurement.source.startswith("gas.lead_time_median_days")


def test_counts_near_a_point_for_the_cpted_context(catalogue, ascertainer) -> None:
    with time_machine.travel("2026-09-05 10:00", tick=False):
        ascertainment_create(actor=ascertainer, data=report(lat=51.0259, lon=4.4776))
        ascertainment_create(
            actor=ascertainer, data=report(reference="BV/2", lat=51.0300, lon=4.4776)
        )  # ~456 m north
    near = {
        c.code: c.count
        for c in counts_near(51.0259, 4.4776, 200, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    }
    wide = {
        c.code: c.count
        for c in counts_near(51.0259, 4.4776, 600, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    }
    assert near["gas.ascertainments"] == 1 and wide["gas.ascertainments"] == 2
