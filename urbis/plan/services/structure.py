"""The plan's structure: plans and extensions, priorities, objectives, and actions with
their partners and Bjørgo mechanisms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.models import Area, Organisation
from urbis.core.types import Actor
from urbis.plan.bjorgo import Mechanism
from urbis.plan.models import (
    Action,
    ActionMechanism,
    ActionPartner,
    Objective,
    ObjectiveLevel,
    Phenomenon,
    Plan,
    Priority,
    SideEffect,
)
from urbis.plan.services.actions import first_status, lead_errors

# A level's parent level (KB 3 Jul 2019: general → strategic → operational).
PARENT_LEVEL = {
    ObjectiveLevel.GENERAL: None,
    ObjectiveLevel.STRATEGIC: ObjectiveLevel.GENERAL,
    ObjectiveLevel.OPERATIONAL: ObjectiveLevel.STRATEGIC,
}


def plan_create(
    *, actor: Actor, code: str, title: str, period_start: dt.date, period_end: dt.date
) -> Plan:
    with transaction.atomic():
        plan = Plan(code=code, title=title, period_start=period_start, period_end=period_end)
        plan.full_clean()
        plan.save()
        record_event(actor=actor, action="plan.created", target=plan, data={"code": code})
    return plan


def plan_extend(*, actor: Actor, plan: Plan, code: str, period_end: dt.date) -> Plan:
    """Extend a plan: a new period carrying the same priorities, objectives and actions (with
    their partners, mechanisms and areas); its indicators continue through the lineage (the same
    series measured on). A plan is extended once; a closed one not at all (domain §1.1)."""
    with transaction.atomic():
        base = Plan.objects.select_for_update().get(pk=plan.pk)
        if base.status in ("extended", "closed") or Plan.objects.filter(extends=base).exists():
            raise ValidationError({"plan": _("This plan was already extended or is closed.")})
        if period_end <= base.period_end:
            raise ValidationError({"period_end": _("An extension ends after the plan it extends.")})
        extension = Plan(
            code=code,
            title=base.title,
            period_start=base.period_end + dt.timedelta(days=1),
            period_end=period_end,
            extends=base,
            diagnostic_summary=base.diagnostic_summary,
        )
        extension.full_clean()
        extension.save()
        for priority in base.priorities.all():
            copy = Priority.objects.create(
                plan=extension,
                phenomenon=priority.phenomenon,
                rationale=priority.rationale,
                rank=priority.rank,
            )
            _copy_objectives(priority, copy)
        base.status = "extended"
        base.save(update_fields=["status"])
        record_event(
            actor=actor, action="plan.extended", target=extension, data={"extends": base.code}
        )
    return extension


def _copy_objectives(source: Priority, target: Priority) -> None:
    """The objective tree of a priority with its actions, parents first."""
    copies: dict[int, Objective] = {}
    levels = list(ObjectiveLevel.values)  # general, strategic, operational: parents first
    ordered = sorted(source.objectives.all(), key=lambda o: (levels.index(o.level), o.code))
    for objective in ordered:
        new = Objective.objects.create(
            priority=target,
            parent=copies.get(objective.parent_id) if objective.parent_id else None,
            level=objective.level,
            code=objective.code,
            text=objective.text,
            owner=objective.owner,
            due_date=objective.due_date,
        )
        copies[objective.pk] = new
        for action in objective.actions.all():
            areas = list(action.areas.all())
            partners = list(action.partners.all())
            mechanisms = list(action.mechanisms.all())
            action.pk = None
            action._state.adding = True
            action.objective = new
            action.save()
            action.areas.set(areas)
            for partner in partners:
                ActionPartner.objects.create(
                    action=action, organisation=partner.organisation, role=partner.role
                )
            for tag in mechanisms:
                ActionMechanism.objects.create(
                    action=action,
                    mechanism=tag.mechanism,
                    strength=tag.strength,
                    rationale=tag.rationale,
                )


def priority_add(
    *, actor: Actor, plan: Plan, phenomenon: Phenomenon, rationale: str = "", rank: int = 1
) -> Priority:
    """Add a phenomenon to a plan. During an extension only a new phenomenon may be added,
    and it must be justified by the diagnostic (domain §1.1, extension rules since 2017)."""
    if not phenomenon.is_active:
        raise ValidationError({"phenomenon": _("This phenomenon is no longer in use.")})
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.priorities.filter(phenomenon=phenomenon).exists():
            raise ValidationError({"phenomenon": _("This phenomenon is already a priority.")})
        if locked.extends_id and not rationale.strip():
            raise ValidationError(
                {
                    "rationale": _(
                        "An extension may add a phenomenon only with a rationale "
                        "from the local safety diagnostic."
                    )
                }
            )
        priority = Priority.objects.create(
            plan=locked, phenomenon=phenomenon, rationale=rationale, rank=rank
        )
        record_event(
            actor=actor,
            action="plan.priority_added",
            target=locked,
            data={"phenomenon": phenomenon.code},
        )
    return priority


def priority_remove(*, actor: Actor, priority: Priority) -> None:
    """Remove a priority; an extension cannot drop a phenomenon of the plan it extends."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=priority.plan_id)
        if (
            plan.extends_id
            and plan.extends.priorities.filter(  # type: ignore[union-attr]
                phenomenon=priority.phenomenon_id
            ).exists()
        ):
            raise ValidationError(
                _("An extension may only add phenomena; this one comes from the extended plan.")
            )
        if priority.objectives.exists():
            raise ValidationError(_("Remove the objectives of this priority first."))
        record_event(
            actor=actor,
            action="plan.priority_removed",
            target=plan,
            data={"phenomenon": priority.phenomenon.code},
        )
        priority.delete()


def objective_create(
    *,
    actor: Actor,
    priority: Priority,
    level: str,
    code: str,
    text: str,
    parent: Objective | None = None,
    owner: Organisation | None = None,
    due_date: dt.date | None = None,
) -> Objective:
    expected_parent = PARENT_LEVEL.get(ObjectiveLevel(level))
    if expected_parent is None and parent is not None:
        raise ValidationError({"parent": _("A general objective has no parent.")})
    if expected_parent is not None and (parent is None or parent.level != expected_parent):
        raise ValidationError(
            {
                "parent": _("A %(level)s objective needs a %(parent)s objective as parent.")
                % {"level": ObjectiveLevel(level).label, "parent": expected_parent.label}
            }
        )
    if parent is not None and parent.priority_id != priority.pk:
        raise ValidationError({"parent": _("The parent belongs to another priority.")})
    with transaction.atomic():
        objective = Objective.objects.create(
            priority=priority,
            parent=parent,
            level=level,
            code=code,
            text=text,
            owner=owner,
            due_date=due_date,
        )
        record_event(
            actor=actor,
            action="plan.objective_created",
            target=objective,
            data={"code": code, "level": level},
        )
    return objective


def objective_add(
    *,
    actor: Actor,
    parent: Objective,
    code: str,
    text: str,
    owner: Organisation | None = None,
    due_date: dt.date | None = None,
) -> Objective:
    """Add the next level under ``parent`` (general → strategic → operational)."""
    child = {
        ObjectiveLevel.GENERAL: ObjectiveLevel.STRATEGIC,
        ObjectiveLevel.STRATEGIC: ObjectiveLevel.OPERATIONAL,
    }.get(ObjectiveLevel(parent.level))
    if child is None:
        raise ValidationError(
            {"parent": _("An operational objective has actions, not objectives.")}
        )
    return objective_create(
        actor=actor,
        priority=parent.priority,
        level=child,
        code=code,
        text=text,
        parent=parent,
        owner=owner,
        due_date=due_date,
    )


@dataclass(frozen=True)
class MechanismTag:
    mechanism: str
    rationale: str
    strength: str = "primary"


def action_create(
    *,
    actor: Actor,
    objective: Objective,
    title: str,
    owner: Organisation,
    budget: Decimal = Decimal(0),
    partners: Iterable[tuple[Organisation, str]] = (),
    mechanisms: Iterable[MechanismTag] = (),
    areas: Iterable[Area] = (),
    **fields: Any,
) -> Action:
    """Create an action under an operational objective with its partners and Bjørgo tags; the
    owning organisation is its lead, and its status history starts."""
    errors: dict[str, list[str]] = {}
    if objective.level != ObjectiveLevel.OPERATIONAL:
        errors["objective"] = [_("Actions belong to an operational objective.")]
    if owner is None:
        errors["owner"] = [_("Every action has an owning organisation.")]
    partners = list(partners)
    if leads := lead_errors(owner, partners):
        errors["owner"] = leads
    tags = list(mechanisms)
    for tag in tags:
        if tag.mechanism not in Mechanism.values:
            errors.setdefault("mechanisms", []).append(
                _("Unknown mechanism %(code)s.") % {"code": tag.mechanism}
            )
        elif not tag.rationale.strip():
            errors.setdefault("mechanisms", []).append(
                _("Say why the action activates %(mechanism)s.")
                % {"mechanism": Mechanism(tag.mechanism).label}
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = Action(objective=objective, title=title, owner=owner, budget=budget, **fields)
        action.full_clean()
        action.save()
        action.areas.set(list(areas))
        for organisation, role in [(owner, "lead"), *partners]:
            ActionPartner.objects.get_or_create(action=action, organisation=organisation, role=role)
        first_status(actor=actor, action=action)
        for tag in tags:
            ActionMechanism.objects.create(
                action=action,
                mechanism=tag.mechanism,
                strength=tag.strength,
                rationale=tag.rationale,
            )
        record_event(
            actor=actor,
            action="plan.action_created",
            target=action,
            data={"title": title, "mechanisms": [t.mechanism for t in tags]},
        )
    return action


def action_tag(*, actor: Actor, action: Action, tag: MechanismTag) -> ActionMechanism:
    if tag.mechanism not in Mechanism.values:
        raise ValidationError({"mechanism": _("Unknown mechanism.")})
    if not tag.rationale.strip():
        raise ValidationError({"rationale": _("Say why the action activates this mechanism.")})
    with transaction.atomic():
        Action.objects.select_for_update().get(pk=action.pk)
        item, _created = ActionMechanism.objects.update_or_create(
            action=action,
            mechanism=tag.mechanism,
            defaults={"strength": tag.strength, "rationale": tag.rationale},
        )
        record_event(
            actor=actor,
            action="plan.action_tagged",
            target=action,
            data={"mechanism": tag.mechanism, "strength": tag.strength},
        )
    return item


def side_effect_record(
    *, actor: Actor, action: Action, description: str, positive: bool, observed: bool
) -> SideEffect:
    if not description.strip():
        raise ValidationError({"description": _("Describe the side effect.")})
    with transaction.atomic():
        effect = SideEffect.objects.create(
            action=action, description=description, positive=positive, observed=observed
        )
        record_event(
            actor=actor,
            action="plan.side_effect_recorded",
            target=action,
            data={"positive": positive, "observed": observed},
        )
    return effect
