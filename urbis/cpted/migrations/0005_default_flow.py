"""Seed the default triage flow (and the default checklist where 0002 left none), so that no
read ever has to create them (defect 13: the first GET used to write them, unguarded)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from urbis.cpted.seed import install_defaults

    install_defaults(apps)


class Migration(migrations.Migration):
    dependencies = [("cpted", "0004_flow_in_three_languages")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
