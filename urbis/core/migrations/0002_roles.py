"""Create one auth group per role (urbis.core.roles.Role)."""

from django.db import migrations

ROLES = [
    "coordinator",
    "sanctioning_officer",
    "gas_staff",
    "ascertainer",
    "planner",
    "cpted_advisor",
    "analyst",
    "caseworker",
    "dpo",
    "admin",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
