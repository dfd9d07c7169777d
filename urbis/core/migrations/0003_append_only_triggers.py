"""Refuse UPDATE and DELETE on the audit and access logs in the database (urbis.core.db_guards)."""

from django.db import migrations

from urbis.core import db_guards


def forwards(apps, schema_editor):
    db_guards.create_triggers(schema_editor.connection)


def backwards(apps, schema_editor):
    db_guards.drop_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_roles")]
    operations = [migrations.RunPython(forwards, backwards)]
