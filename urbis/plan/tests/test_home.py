"""The home page lists overdue plan actions: all for the coordinator, its own for a partner."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from urbis.core.models import Organisation
from urbis.core.testing.fixtures import create_user, verified_client
from urbis.plan.models import Action, Objective, ObjectiveLevel, Plan
from urbis.plan.services.structure import action_create

pytestmark = pytest.mark.django_db


def home(user: Any) -> str:
    return verified_client(user).get(reverse("core:dashboard")).content.decode()


def test_overdue_actions(small_plan: Plan, coordinator) -> None:
    objective = Objective.objects.filter(
        priority__plan=small_plan, level=ObjectiveLevel.OPERATIONAL
    ).first()
    assert objective is not None
    ours = Organisation.objects.create(name="Street work Mechelen", kind="youth")
    theirs = Organisation.objects.create(name="Another partner", kind="youth")
    Action.objects.filter(objective__priority__plan=small_plan).update(
        status="done"
    )  # only ours remain
    late = action_create(
        actor=coordinator,
        objective=objective,
        title="Late action",
        owner=ours,
        status="running",
        start=dt.date(2026, 1, 5),
        end=dt.date(2026, 11, 20),
    )
    later = action_create(
        actor=coordinator,
        objective=objective,
        title="Far action",
        owner=ours,
        status="planned",
        start=dt.date(2026, 1, 5),
        end=dt.date(2027, 6, 30),
    )
    finished = action_create(
        actor=coordinator,
        objective=objective,
        title="Done action",
        owner=ours,
        status="done",
        start=dt.date(2026, 1, 5),
        end=dt.date(2026, 10, 1),
    )
    member = create_user("caseworker", username="streetworker", organisation=ours)
    stranger = create_user("caseworker", username="elsewhere", organisation=theirs)
    with time_machine.travel("2026-12-01 09:00", tick=False):
        for user in (coordinator, member):
            html = home(user)
            overdue = html.split('data-home="overdue"')[1].split("</section>")[0]
            assert f"/plan/actions/{late.pk}/" in overdue, user
            assert f"/plan/actions/{later.pk}/" not in html
            assert f"/plan/actions/{finished.pk}/" not in html
        assert f"/plan/actions/{late.pk}/" not in home(stranger)
