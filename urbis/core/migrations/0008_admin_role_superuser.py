"""Accounts holding the admin role become superusers of the admin site (README "Administration"),
as ``user_set_roles`` now does for every new role assignment."""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    User = apps.get_model("core", "User")
    User.objects.filter(groups__name="admin").update(is_staff=True, is_superuser=True)


class Migration(migrations.Migration):
    dependencies = [("core", "0007_person_to_casework")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
