"""Rectifications are never changed: the database refuses UPDATE and DELETE
(urbis.core.db_guards)."""

from django.db import migrations

from urbis.core import db_guards

TABLES = ("core_rectification",)


def forwards(apps, schema_editor):
    db_guards.create_triggers(schema_editor.connection, TABLES)


def backwards(apps, schema_editor):
    db_guards.drop_triggers(schema_editor.connection, TABLES)


class Migration(migrations.Migration):
    dependencies = [("core", "0009_rectification")]
    operations = [migrations.RunPython(forwards, backwards)]
