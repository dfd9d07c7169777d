"""Writes on recommendations: create, change status (lifecycle table in advice.py)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.models import Organisation
from urbis.core.types import Actor, actor_user
from urbis.cpted import advice
from urbis.cpted.models import (
    Assessment,
    ChecklistItem,
    InvestmentProject,
    Recommendation,
    RecommendationChange,
    RecommendationStatus,
)


def recommendation_create(
    *,
    actor: Actor,
    project: InvestmentProject,
    text: str,
    kind: str,
    department: Organisation,
    priority: str = "medium",
    requirement: str = "advised",
    quick_win: bool = False,
    phase: str = "",
    strategy: str = "",
    due_date: dt.date | None = None,
    assessment: Assessment | None = None,
    item: ChecklistItem | None = None,
    texts: dict[str, str] | None = None,
) -> Recommendation:
    """Add a recommendation for the project (by default for its current phase)."""
    if assessment is not None and assessment.project_id != project.pk:
        raise ValidationError({"assessment": _("This assessment belongs to another project.")})
    recommendation = Recommendation(
        project=project,
        assessment=assessment,
        item=item,
        text=text,
        texts=texts or {},
        kind=kind,
        department=department,
        priority=priority,
        requirement=requirement,
        quick_win=quick_win,
        phase=phase or project.phase,
        strategy=strategy or (item.strategy if item else ""),
        due_date=due_date,
        created_at=timezone.now(),
    )
    recommendation.full_clean()
    with transaction.atomic():
        recommendation.save()
        RecommendationChange.objects.create(
            recommendation=recommendation,
            to_status=recommendation.status,
            to_phase=recommendation.phase,
            at=recommendation.created_at,
            actor=actor_user(actor),
        )
        record_event(
            actor=actor,
            action="cpted.recommendation_created",
            target=recommendation,
            data={"project": project.pk, "requirement": requirement, "priority": priority},
        )
    return recommendation


TRANSITION_MESSAGES = {
    "status": lambda current, new: (
        _("A recommendation cannot go from “%(from)s” to “%(to)s”.")
        % {
            "from": RecommendationStatus(current).label,
            "to": RecommendationStatus(new).label if new in RecommendationStatus.values else new,
        }
    ),
    "motivation": lambda current, new: _("A rejected recommendation needs a motivation."),
}


def recommendation_set_status(
    *, actor: Actor, recommendation: Recommendation, status: str, motivation: str = ""
) -> Recommendation:
    """Move a recommendation along its lifecycle (advice.TRANSITIONS); a rejection needs a
    motivation. The change is appended to its history."""
    with transaction.atomic():
        locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        try:
            advice.check_transition(locked.status, status, motivation)
        except advice.TransitionError as error:
            raise ValidationError(
                {error.field: TRANSITION_MESSAGES[error.field](locked.status, status)}
            ) from None
        old = locked.status
        locked.status = status
        if motivation.strip():
            locked.motivation = motivation.strip()
        locked.save(update_fields=["status", "motivation"])
        RecommendationChange.objects.create(
            recommendation=locked,
            from_status=old,
            to_status=status,
            motivation=motivation,
            at=timezone.now(),
            actor=actor_user(actor),
        )
        record_event(
            actor=actor,
            action="cpted.recommendation_status",
            target=locked,
            data={"from": old, "to": status, "motivation": motivation},
        )
    return locked
