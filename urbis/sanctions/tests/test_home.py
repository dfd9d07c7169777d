"""The GAS office's home page shows its decision limits and the sweep; nobody else sees them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from urbis.core.audit import record_event
from urbis.core.models import AccessLogEntry
from urbis.core.testing.fixtures import verified_client
from urbis.sanctions.services.intake import ascertainment_create
from urbis.sanctions.tests.conftest import report

pytestmark = pytest.mark.django_db


def test_limits_within_a_week_and_the_sweep(
    catalogue, ascertainer, sanctioning_officer, gas_staff, coordinator
) -> None:
    with time_machine.travel("2026-09-10 10:00", tick=False):
        soon = ascertainment_create(actor=ascertainer, data=report(reference="BV/1")).case
        later = ascertainment_create(
            actor=ascertainer, data=report(reference="BV/2", on=dt.date(2026, 9, 4))
        ).case
    assert soon.decision_limit is not None and later.decision_limit is not None
    day_before = soon.decision_limit - dt.timedelta(days=WITHIN)
    with time_machine.travel(f"{day_before} 09:00", tick=False):
        record_event(
            actor=None,
            action="gas.deadline_sweep",
            target=("sanctions.case", "sweep"),
            data={"alerts": [soon.number], "escalations": [], "time_barred": []},
        )
        for officer in (sanctioning_officer, gas_staff):
            html = verified_client(officer).get(reverse("core:dashboard")).content.decode()
            assert f"/gas/cases/{soon.number}/" in html
            assert f"/gas/cases/{later.number}/" not in html  # its limit is further away
            assert 'data-home-item="gas.sweep"' in html
        assert AccessLogEntry.objects.filter(purpose="gas.home", object_id=str(soon.pk)).exists()
        other = verified_client(coordinator).get(reverse("core:dashboard")).content.decode()
        assert "/gas/cases/" not in other and 'data-home-item="gas.' not in other
    with time_machine.travel(f"{soon.decision_limit + dt.timedelta(days=1)} 09:00", tick=False):
        html = verified_client(sanctioning_officer).get(reverse("core:dashboard")).content.decode()
        overdue = html.split('data-home="overdue"')[1].split("</section>")[0]
        assert f"/gas/cases/{soon.number}/" in overdue


WITHIN = 6
