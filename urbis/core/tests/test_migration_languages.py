"""Migration 0012: the old default "nl" (never applied) becomes "no preference"; a language
chosen on purpose ("fr", "en") stays."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("core", "0011_preferred_language_optional")]
AFTER = [("core", "0012_preferred_language_unset_old_default")]


@pytest.mark.django_db(transaction=True)
def test_the_old_default_becomes_no_preference() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("core", "User")
    old.objects.create(username="dutch-by-default", preferred_language="nl")
    old.objects.create(username="francophone", preferred_language="fr")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("core", "User")
    languages = dict(new.objects.values_list("username", "preferred_language"))
    assert languages == {"dutch-by-default": "", "francophone": "fr"}
