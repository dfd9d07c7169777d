"""Public-space reports on the home page: open reports of my teams or assigned to me."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.urls import reverse

from urbis.core.home import HomeItem, register_provider
from urbis.reports import permissions, selectors
from urbis.reports.workflow import OPEN


def my_team_reports(user: Any) -> Iterator[HomeItem]:
    """Open reports assigned to the user or to a team the user belongs to, due first."""
    mine = selectors.reports_for(user).filter(
        Q(assignee=user) | Q(team__members=user), status__in=[s.value for s in OPEN]
    )
    for report in mine.distinct().order_by("due_on", "id")[:8]:
        yield HomeItem(
            "due",
            f"{report} {report.category_version.name}",
            reverse("reports:report", args=[report.pk]),
            detail=report.address or (report.team.name if report.team else ""),
            due=report.due_on,
        )


def register() -> None:
    register_provider(
        "reports.team", my_team_reports, roles=permissions.WORK_ROLES + permissions.FIELD_ROLES
    )
