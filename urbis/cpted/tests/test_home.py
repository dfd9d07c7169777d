"""The home page lists the advisor's open checks and recommendations falling due."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from urbis.core.testing.fixtures import create_user, verified_client
from urbis.cpted import services

pytestmark = pytest.mark.django_db


def home(user: Any) -> str:
    return verified_client(user).get(reverse("core:dashboard")).content.decode()


def test_checks_awaiting_the_advisor_and_recommendations_due(
    housing, template, cpted_advisor, planner, department, coordinator
) -> None:
    other_advisor = create_user("cpted_advisor", username="advisor2")
    assessment = services.assessment_start(actor=cpted_advisor, project=housing, template=template)
    check_url = f"/cpted/assessments/{assessment.pk}/"
    assert check_url in home(cpted_advisor)
    assert check_url not in home(other_advisor)  # awaiting the one who started it
    assert check_url not in home(planner)
    with time_machine.travel("2026-12-01 09:00", tick=False):
        soon = services.recommendation_create(
            actor=cpted_advisor, project=housing, text="Light the bicycle shed entrance",
            kind="lighting", department=department, due_date=dt.date(2026, 12, 5),
        )  # fmt: skip
        services.recommendation_create(
            actor=cpted_advisor, project=housing, text="Replace the hedge next year",
            kind="lighting", department=department, due_date=dt.date(2027, 6, 5),
        )  # fmt: skip
        for user in (planner, coordinator):
            html = home(user)
            assert "Light the bicycle shed entrance" in html
            assert "Replace the hedge next year" not in html
        stranger = create_user("planner", username="otherplanner")
        assert "Light the bicycle shed entrance" not in home(stranger)  # not their project
    assert soon.due_date is not None
