"""Django's ``flush``, which also wipes the append-only logs.

Flushing empties the whole database (tests do it between transactional tests). On SQLite it
issues DELETE, which the append-only triggers refuse, so they are lifted for the flush and put
back right after (urbis.core.db_guards).
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections

from urbis.core import db_guards


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            super().handle(**options)
            return

        tables = db_guards.all_tables(connection)
        db_guards.drop_triggers(connection, tables)
        try:
            super().handle(**options)
        finally:
            db_guards.create_triggers(connection, tables)
