"""Guards shared by the casework services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from urbis.casework.models import Case, Participant
from urbis.core.audit import record_event
from urbis.core.gdpr.restrictions import check_not_restricted
from urbis.core.types import Actor, actor_user


def lock_case(case: Case) -> Case:
    """Lock the case row for a change and refuse when it is frozen (GDPR art. 18) or closed."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    check_not_restricted(locked)
    return locked


def require_participant(case: Case, user: Actor, *, director: bool = False) -> Participant:
    """The actor's live participation; otherwise the same refusal as for a missing case."""
    participant = Participant.objects.filter(
        case=case, user=actor_user(user), removed_at__isnull=True
    ).first()
    if participant is None:
        raise Case.DoesNotExist
    if director and participant.capacity != "director":
        raise ValidationError(_("Only the case director may do this."))
    return participant


def require_open(case: Case) -> None:
    if case.status == "closed":
        raise ValidationError(_("The case is closed."))


def step_refused(*, actor: Actor, case: Case, step: str, messages: list[str]) -> None:
    """Record a refused change (forged ids, missing consensus, a secret item, bad input) in the
    audit log, so refusals are traceable like changes; the messages are ours, not the input."""
    with transaction.atomic():
        record_event(
            actor=actor,
            action="casework.step_refused",
            target=case,
            data={"step": step[:40], "errors": [m[:200] for m in messages[:5]]},
        )
