"""``Person`` leaves core for casework (ADR 0004), by state only: casework migration 0003
took over the table ``core_person`` unchanged."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_casework_gdpr_triggers"),
        ("casework", "0003_person_from_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Person")],
            database_operations=[],
        ),
    ]
