"""Database triggers that refuse UPDATE and DELETE on the audit and access logs.

The ORM already refuses them (AppendOnlyModel); the triggers also stop raw SQL and any other
client, so the logs stay trustworthy evidence (GDPR art. 5(2) accountability). Only ``flush``
(which wipes the whole database, e.g. between tests) lifts them for its duration on SQLite;
PostgreSQL's TRUNCATE is not a row operation — grant the application's role no TRUNCATE.
"""

from __future__ import annotations

from typing import Any

APPEND_ONLY_TABLES = ("core_auditevent", "core_accesslogentry")
#: Feature apps' history tables (plan measurements, GAS status history, ...): each app's
#: migration creates its triggers with ``create_triggers(connection, tables)`` and lists the
#: table here through :func:`register_tables` so that ``flush`` lifts and restores them too.
_feature_tables: list[str] = []


def register_tables(*tables: str) -> None:
    for table in tables:
        if table not in _feature_tables:
            _feature_tables.append(table)


def all_tables(connection: Any) -> tuple[str, ...]:
    existing = set(connection.introspection.table_names())
    return APPEND_ONLY_TABLES + tuple(t for t in _feature_tables if t in existing)


def create_triggers(connection: Any, tables: tuple[str, ...] | None = None) -> None:
    with connection.cursor() as cursor:
        for table in tables or APPEND_ONLY_TABLES:
            if connection.vendor == "sqlite":
                for op in ("UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} "
                        f"ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;"
                    )
            elif connection.vendor == "postgresql":
                cursor.execute(
                    "CREATE OR REPLACE FUNCTION urbis_append_only() RETURNS trigger AS $$ "
                    "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; "
                    "$$ LANGUAGE plpgsql;"
                )
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
                cursor.execute(
                    f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION urbis_append_only();"
                )


def drop_triggers(connection: Any, tables: tuple[str, ...] | None = None) -> None:
    with connection.cursor() as cursor:
        for table in tables or APPEND_ONLY_TABLES:
            if connection.vendor == "sqlite":
                for op in ("update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}")
            elif connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
