"""Teams, categories (a change is a new version) and routing rules: the city's own data."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from urbis.core.audit import record_event
from urbis.core.types import Actor
from urbis.reports.models import Category, CategoryVersion, RoutingRule, Team
from urbis.reports.rules import attributes as attribute_rules
from urbis.reports.services import setup_cache

VERSIONED_FIELDS = (
    "name_nl",
    "name_fr",
    "name_en",
    "description_nl",
    "description_fr",
    "description_en",
    "group",
    "keywords",
    "is_public",
    "attributes",
    "team",
    "sla_days",
    "sla_working_days",
    "gas_eligible",
    "gas_article_code",
    "speeding",
)


def team_create(
    *,
    actor: Actor,
    code: str,
    name: str,
    members: list[Any] | None = None,
    enforcement: bool = False,
) -> Team:
    with transaction.atomic():
        team, _created = Team.objects.update_or_create(
            code=code, defaults={"name": name, "enforcement": enforcement}
        )
        if members:
            team.members.add(*members)
        record_event(actor=actor, action="reports.team_saved", target=team, data={"code": code})
    return team


def category_save(*, actor: Actor, code: str, order: int = 100, **fields: Any) -> CategoryVersion:
    """Create a category or give it a new version (reports keep the version they were filed
    under). Unchanged fields return the current version."""
    unknown = set(fields) - set(VERSIONED_FIELDS)
    if unknown:
        raise ValidationError({"category": [f"unknown fields {sorted(unknown)}"]})
    try:
        attribute_rules.parse_definitions(fields.get("attributes", []))
    except (ValueError, KeyError, TypeError) as error:
        raise ValidationError({"attributes": [str(error)]}) from None
    with transaction.atomic():
        category, _created = Category.objects.get_or_create(code=code, defaults={"order": order})
        category = Category.objects.select_for_update().get(pk=category.pk)
        current = category.current
        if current is not None and all(
            getattr(current, name) == value for name, value in fields.items()
        ):
            return current
        base = {name: getattr(current, name) for name in VERSIONED_FIELDS} if current else {}
        base.update(fields)
        version = CategoryVersion.objects.create(
            category=category,
            version=(current.version + 1) if current else 1,
            created_at=timezone.now(),
            **base,
        )
        category.current = version
        category.order = order
        category.save(update_fields=["current", "order"])
        record_event(
            actor=actor,
            action="reports.category_versioned",
            target=category,
            data={"version": version.version},
        )
        setup_cache.forget()
    return version


def routing_rule_create(*, actor: Actor, order: int, team: Team, **fields: Any) -> RoutingRule:
    with transaction.atomic():
        rule = RoutingRule.objects.create(order=order, team=team, **fields)
        record_event(actor=actor, action="reports.routing_rule_created", target=rule, data={})
        setup_cache.forget()
    return rule
