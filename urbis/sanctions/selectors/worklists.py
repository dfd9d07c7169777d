"""Worklists of the batches and the nightly sweep: system jobs, no user and no page, so no
access log (the batches log what they hand over)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from urbis.core.models import User
from urbis.core.roles import Role
from urbis.sanctions.facts import settings_on as settings_on
from urbis.sanctions.models import (
    Article,
    Case,
)
from urbis.sanctions.rules import workflow
from urbis.sanctions.rules.workflow import AWAITING_DECISION, Status


def cases_to_open(procedure: str) -> QuerySet[Case]:
    """Received cases of ``procedure`` waiting for their first letter, in number order."""
    return Case.objects.filter(status=Status.RECEIVED, procedure=procedure).order_by("number")


def reminder_candidates() -> QuerySet[Case]:
    """Cases a reminder may be due for: a decided fine, or a fixed amount after its notice or
    second invitation (GAS-R25, R32); the payment term is checked per case."""
    fixed = [workflow.Procedure.PARKING, workflow.Procedure.SPEEDING]
    return (
        Case.objects.filter(amount__isnull=False)
        .filter(
            Q(status=Status.DECIDED)
            | Q(status__in=[Status.OPENED, Status.SECOND_INVITATION], procedure__in=fixed)
        )
        .select_related("ascertainment__article", "ascertainment__offender")
    )


def fixed_fines_unpaid() -> QuerySet[Case]:
    """Stopping, parking and speeding cases unpaid after their reminder, not decided yet."""
    return Case.objects.filter(
        status=Status.REMINDER,
        decided_on__isnull=True,
        procedure__in=[workflow.Procedure.PARKING, workflow.Procedure.SPEEDING],
    ).select_related("ascertainment__article", "ascertainment__offender")


def undecided_before(horizon: dt.date) -> QuerySet[Case]:
    """Undecided cases whose stored decision limit falls on or before ``horizon``."""
    return (
        Case.objects.filter(status__in=[s.value for s in AWAITING_DECISION])
        .filter(decided_on__isnull=True, decision_limit__lte=horizon)
        .select_related("ascertainment__article", "ascertainment__offender")
    )


def community_service_pending() -> QuerySet[Case]:
    """Cases in community service whose service is neither performed nor failed yet."""
    return (
        Case.objects.filter(
            status=Status.COMMUNITY_SERVICE, community_services__performed__isnull=True
        )
        .select_related("ascertainment__article", "ascertainment__offender")
        .distinct()
    )


def officials_to_mail() -> list[User]:
    """The active sanctioning officials with an address (the sweep's mail), with the language
    each reads it in."""
    return list(
        User.objects.filter(groups__name=Role.SANCTIONING_OFFICER, is_active=True)
        .exclude(email="")
        .only("email", "preferred_language")
        .order_by("pk")
        .distinct()
    )


def article_known(code: str) -> bool:
    """Any version of ``code`` exists in the regulation catalogue."""
    return Article.objects.filter(code=code).exists()
