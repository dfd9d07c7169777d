"""Snapshots of the setup every submission reads — the categories' current versions and the
routing rules — kept in the Django cache, so a POST does not ask the database for them again.
The setup services and the admin forget them on every change; the timeout bounds any other
write (a shell, a migration)."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction

from urbis.reports.models import Category, RoutingRule

CATEGORIES_KEY = "urbis.reports.setup.categories"
RULES_KEY = "urbis.reports.setup.rules"
TIMEOUT = 60  # seconds


def forget() -> None:
    """Called by category_save, routing_rule_create and the admin after a write."""
    cache.delete_many([CATEGORIES_KEY, RULES_KEY])
    transaction.on_commit(lambda: cache.delete_many([CATEGORIES_KEY, RULES_KEY]))


def current_versions() -> dict[str, Any]:
    """code → the active category's current version (team and category attached)."""
    versions = cache.get(CATEGORIES_KEY)
    if versions is None:
        versions = {}
        rows = Category.objects.filter(active=True, current__isnull=False).select_related(
            "current", "current__team"
        )
        for category in rows:
            version = category.current
            if version is None:
                continue
            version.category = category  # routing reads the code: no second query
            versions[category.code] = version
        cache.set(CATEGORIES_KEY, versions, TIMEOUT)
    return versions


def routing_rules() -> list[tuple[Any, ...]]:
    """The active rules as plain tuples (id, order, team, category code, area code, start,
    end, assignee) for ``rules.routing``."""
    rows = cache.get(RULES_KEY)
    if rows is None:
        rows = [
            (r.pk, r.order, r.team_id, r.category.code if r.category else None,
             r.area.code if r.area else None, r.start_time, r.end_time, r.assignee_id)
            for r in RoutingRule.objects.filter(active=True).select_related("category", "area")
        ]  # fmt: skip
        cache.set(RULES_KEY, rows, TIMEOUT)
    return rows
