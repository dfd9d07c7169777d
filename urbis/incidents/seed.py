"""The default incident categories are reference data: seeded by migration 0002 and again after
a ``flush`` (post_migrate, as Django re-creates permissions), so a transactional test — or an
operator's ``flush`` — never leaves an import without any category to match."""

from __future__ import annotations

import importlib
from typing import Any


def reseed_after_flush(sender: Any, apps: Any = None, **kwargs: Any) -> None:
    """post_migrate receiver: ``migrate`` and ``flush`` end with the default categories in place
    (``get_or_create``: a city's own edits and categories are kept)."""
    from django.apps import apps as global_apps

    registry = apps or global_apps
    try:
        registry.get_model("incidents", "Category")
    except LookupError:  # migrated part of the way
        return
    migration = importlib.import_module("urbis.incidents.migrations.0002_default_categories")
    migration.seed(registry, None)
