"""The plan on the home page: actions past (or near) their end date and not done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone

from urbis.core.home import HomeItem, register_provider
from urbis.core.permissions import STAFF_ROLES
from urbis.core.roles import Role, has_role
from urbis.plan import selectors
from urbis.plan.models import ActionStatus

#: Days ahead an action's end date shows on the home page.
WITHIN_DAYS = 14


def actions_due(user: Any) -> Iterator[HomeItem]:
    """Planned or running actions ending within two weeks or already past their end: every
    action for the coordinator, the actions their organisation owns for everyone else."""
    horizon = timezone.localdate() + dt.timedelta(days=WITHIN_DAYS)
    actions = selectors.actions_for(user).filter(
        status__in=[ActionStatus.PLANNED, ActionStatus.RUNNING], end__lte=horizon
    )
    if not has_role(user, Role.COORDINATOR):
        actions = actions.filter(owner_id=getattr(user, "organisation_id", None) or 0)
    for action in actions.select_related("owner").order_by("end")[:8]:
        yield HomeItem(
            "due",
            action.title,
            reverse("plan:action", args=[action.pk]),
            detail=action.owner.name if action.owner_id else "",
            due=action.end,
        )


def register() -> None:
    register_provider("plan.actions", actions_due, roles=STAFF_ROLES)
