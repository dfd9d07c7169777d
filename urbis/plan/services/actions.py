"""Changing a plan action after its creation: its details and partners, and its status (with
an append-only history). Every change is audited with what it changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.models import Area, Organisation
from urbis.core.types import Actor, actor_user
from urbis.plan import action_status
from urbis.plan.models import Action, ActionPartner, ActionStatus, ActionStatusChange

EDITABLE = ("title", "description", "owner", "budget", "funding_source", "target_groups")
DATES = ("start", "end")
#: The fields of :class:`ActionChanges` an edit form fills (partners come as roles).
ACTION_FIELDS = (*EDITABLE, *DATES, "areas")


@dataclass(frozen=True)
class ActionChanges:
    """An action's editable details as the edit form returns them."""

    title: str
    owner: Organisation
    budget: Decimal
    description: str = ""
    funding_source: str = ""
    target_groups: str = ""
    start: Any = None
    end: Any = None
    areas: Iterable[Area] = ()
    partners: Iterable[tuple[Organisation, str]] = field(default=())


def lead_errors(
    owner: Organisation | None, partners: Iterable[tuple[Organisation, str]]
) -> list[str]:
    """The owning organisation is the action's one lead (domain §2); another lead is refused."""
    return [
        _("%(organisation)s cannot lead: the owning organisation leads the action.")
        % {"organisation": organisation}
        for organisation, role in partners
        if role == "lead" and owner is not None and organisation.pk != owner.pk
    ]


def _snapshot(action: Action) -> dict[str, Any]:
    values = {name: getattr(action, name) for name in EDITABLE + DATES}
    values["owner"] = action.owner_id
    values["budget"] = str(action.budget)
    for name in DATES:
        values[name] = values[name].isoformat() if values[name] else None
    values["areas"] = sorted(action.areas.values_list("pk", flat=True))
    values["partners"] = sorted(
        f"{organisation}:{role}"
        for organisation, role in action.partners.values_list("organisation_id", "role")
    )
    return values


def _set_partners(action: Action, partners: Iterable[tuple[Organisation, str]]) -> None:
    wanted = {(action.owner_id, "lead")} | {(o.pk, role) for o, role in partners}
    for organisation_id, role in action.partners.values_list("organisation_id", "role"):
        if (organisation_id, role) not in wanted:
            action.partners.filter(organisation_id=organisation_id, role=role).delete()
    for organisation_id, role in wanted:
        ActionPartner.objects.get_or_create(
            action=action, organisation_id=organisation_id, role=role
        )


def action_update(*, actor: Actor, action: Action, changes: ActionChanges) -> Action:
    """Change an action's details, areas and partners; the audit event holds the fields that
    changed with their old and new values."""
    partners = list(changes.partners)
    errors = lead_errors(changes.owner, partners)
    if errors:
        raise ValidationError({"owner": errors})
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        before = _snapshot(locked)
        for name in EDITABLE + DATES:
            setattr(locked, name, getattr(changes, name))
        locked.full_clean()
        locked.save()
        locked.areas.set(list(changes.areas))
        _set_partners(locked, partners)
        after = _snapshot(locked)
        changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if changed:
            record_event(
                actor=actor, action="plan.action_updated", target=locked, data={"changed": changed}
            )
    return locked


def action_status_change(
    *, actor: Actor, action: Action, status: str, note: str = ""
) -> ActionStatusChange:
    """Move an action to ``status`` if :mod:`urbis.plan.action_status` allows it: a history row
    is inserted, the action points at it, and the change is audited."""
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        if not action_status.may_change(locked.status, status):
            raise ValidationError(
                {
                    "status": _("An action that is %(current)s cannot become %(new)s.")
                    % {
                        "current": ActionStatus(locked.status).label.lower(),
                        "new": ActionStatus(status).label.lower(),
                    }
                }
            )
        change = ActionStatusChange.objects.create(
            action=locked,
            from_status=locked.status,
            to_status=status,
            note=note,
            at=timezone.now(),
            by=actor_user(actor),
        )
        locked.status = status
        locked.save(update_fields=["status"])
        record_event(
            actor=actor,
            action="plan.action_status_changed",
            target=locked,
            data={"from": change.from_status, "to": status, "note": note},
        )
    action.status = status
    return change


def first_status(*, actor: Actor, action: Action) -> ActionStatusChange:
    """The history's first row, written when the action is created."""
    return ActionStatusChange.objects.create(
        action=action, to_status=action.status, at=timezone.now(), by=actor_user(actor)
    )
