"""CPTED on the home page: the advisor's checks in progress, recommendations falling due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from urbis.core.home import HomeItem, register_provider
from urbis.cpted import selectors
from urbis.cpted.models import AssessmentStatus, RecommendationStatus
from urbis.cpted.permissions import ASSESS_ROLES, READ_ROLES

#: Days ahead a recommendation's due date shows on the home page.
WITHIN_DAYS = 14


def my_checks(user: Any) -> Iterator[HomeItem]:
    """CPTED checks the user started as advisor and has not completed yet, oldest first."""
    drafts = selectors.assessments_for(user).filter(advisor=user, status=AssessmentStatus.DRAFT)
    for assessment in drafts.order_by("started_at")[:8]:
        yield HomeItem(
            "due",
            str(assessment),
            reverse("cpted:assessment", args=[assessment.pk]),
            detail=assessment.get_status_display(),
        )


def recommendations_due(user: Any) -> Iterator[HomeItem]:
    """Open or accepted recommendations of the user's projects due within two weeks or past."""
    horizon = timezone.localdate() + dt.timedelta(days=WITHIN_DAYS)
    pending = selectors.recommendations_for(user).filter(
        status__in=[RecommendationStatus.OPEN, RecommendationStatus.ACCEPTED],
        due_date__lte=horizon,
    )
    for recommendation in pending.order_by("due_date")[:8]:
        yield HomeItem(
            "due",
            Truncator(recommendation.text).chars(80),
            reverse("cpted:project", args=[recommendation.project_id]),
            detail=recommendation.project.name,
            due=recommendation.due_date,
        )


def register() -> None:
    register_provider("cpted.checks", my_checks, roles=ASSESS_ROLES)
    register_provider("cpted.recommendations", recommendations_due, roles=READ_ROLES)
