"""The home page lists the support-path steps due in my cases; a non-participant sees none."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from urbis.casework import services
from urbis.core.models import AccessLogEntry
from urbis.core.testing.fixtures import verified_client

pytestmark = pytest.mark.django_db


def home(user: Any) -> str:
    return verified_client(user).get(reverse("core:dashboard")).content.decode()


def test_steps_due_in_my_cases_only(fjc_case, orgs, director, partner, third, coordinator) -> None:
    with time_machine.travel("2026-04-01 09:00", tick=False):
        services.action_add(
            actor=director, case=fjc_case, organisation=orgs["OCMW"],
            description="Housing visit", due_on=dt.date(2026, 4, 3),
        )  # fmt: skip
        services.action_add(
            actor=director, case=fjc_case, organisation=orgs["OCMW"],
            description="Annual review", due_on=dt.date(2026, 9, 1),
        )  # fmt: skip
        for user in (director, partner):
            html = home(user)
            assert "Housing visit" in html and f"/casework/cases/{fjc_case.pk}/" in html
            assert "Annual review" not in html  # months away
        for user in (third, coordinator):
            assert "Housing visit" not in home(user)  # need to know (CW-R2)
        assert AccessLogEntry.objects.filter(
            purpose="casework.home", object_id=str(fjc_case.pk), user=partner
        ).exists()
    with time_machine.travel("2026-04-10 09:00", tick=False):
        overdue = home(partner).split('data-home="overdue"')[1].split("</section>")[0]
        assert "Housing visit" in overdue
