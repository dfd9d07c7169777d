"""Public-space reports on the home page: open reports of my teams or assigned to me."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbis.core.home import HomeItem, register_provider
from urbis.reports import permissions, selectors
from urbis.reports.models import Assignment
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


def new_assignments(user: Any) -> Iterator[HomeItem]:
    """Open reports assigned to the user personally in the last two days (an alert)."""
    since = timezone.now() - dt.timedelta(days=2)
    mine = selectors.reports_for(user).filter(assignee=user, status__in=[s.value for s in OPEN])
    recent = (
        Assignment.objects.filter(report__in=mine, assignee=user, at__gte=since)
        .select_related("report__category_version")
        .order_by("-at")[:8]
    )
    for assignment in recent:
        report = assignment.report
        yield HomeItem(
            "alert",
            _("New assignment: %(report)s %(category)s")
            % {"report": report, "category": report.category_version.name},
            reverse("reports:report", args=[report.pk]),
            at=assignment.at,
        )


def register() -> None:
    roles = permissions.WORK_ROLES + permissions.FIELD_ROLES
    register_provider("reports.team", my_team_reports, roles=roles)
    register_provider("reports.assigned", new_assignments, roles=roles)
