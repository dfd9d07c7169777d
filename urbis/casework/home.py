"""Casework on the home page: support-path steps due or late in the cases I take part in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone

from urbis.casework import selectors
from urbis.casework.models import SupportAction
from urbis.casework.permissions import CASE_ROLES
from urbis.core.audit import log_access_many
from urbis.core.home import HomeItem, register_provider

#: Days ahead a support-path step shows on the home page.
WITHIN_DAYS = 14


def my_cases_due(user: Any) -> Iterator[HomeItem]:
    """Open support-path steps of my cases (need to know: only cases I participate in) due
    within two weeks or late; the cases shown are access-logged (GDPR art. 5(2))."""
    horizon = timezone.localdate() + dt.timedelta(days=WITHIN_DAYS)
    steps = list(
        SupportAction.objects.filter(
            case__in=selectors.cases_for(user), status="open", due_on__lte=horizon
        )
        .select_related("case")
        .order_by("due_on", "pk")[:8]
    )
    log_access_many(
        user=user,
        targets=list({s.case_id: s.case for s in steps}.values()),
        purpose="casework.home",
    )
    for step in steps:
        yield HomeItem(
            "due",
            f"{step.case.number}: {step.description}",
            reverse("casework:case", args=[step.case_id]),
            detail=step.case.alias,
            due=step.due_on,
        )


def register() -> None:
    register_provider("casework.due", my_cases_due, roles=CASE_ROLES)
