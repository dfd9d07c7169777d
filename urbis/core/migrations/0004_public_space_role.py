"""The public-space service role (reports desk and field teams, urbis.reports)."""

from django.db import migrations


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="public_space")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_append_only_triggers")]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
