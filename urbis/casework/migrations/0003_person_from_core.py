"""``Person`` moves from core to casework (ADR 0004): by state only. The table keeps its name
(``core_person``), so no row is copied and the foreign key of ``CaseSubject`` stays as it is."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0002_risk_labels"),
        ("core", "0006_casework_gdpr_triggers"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Person",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("first_name", models.CharField(max_length=100, verbose_name="first name")),
                        ("last_name", models.CharField(max_length=100, verbose_name="last name")),
                        (
                            "birth_date",
                            models.DateField(blank=True, null=True, verbose_name="date of birth"),
                        ),
                        (
                            "national_number",
                            models.CharField(
                                blank=True,
                                db_index=True,
                                max_length=11,
                                verbose_name="national register number",
                            ),
                        ),
                        (
                            "street",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="street and number"
                            ),
                        ),
                        (
                            "postal_code",
                            models.CharField(blank=True, max_length=10, verbose_name="postal code"),
                        ),
                        (
                            "municipality",
                            models.CharField(
                                blank=True, max_length=100, verbose_name="municipality"
                            ),
                        ),
                        (
                            "country",
                            models.CharField(default="BE", max_length=2, verbose_name="country"),
                        ),
                        (
                            "language",
                            models.CharField(
                                choices=[
                                    ("nl", "Dutch"),
                                    ("fr", "French"),
                                    ("de", "German"),
                                    ("en", "English"),
                                ],
                                default="nl",
                                max_length=2,
                                verbose_name="language",
                            ),
                        ),
                        (
                            "email",
                            models.EmailField(blank=True, max_length=254, verbose_name="e-mail"),
                        ),
                        (
                            "phone",
                            models.CharField(blank=True, max_length=40, verbose_name="phone"),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        "verbose_name": "person",
                        "verbose_name_plural": "people",
                        "ordering": ["last_name", "first_name"],
                        "db_table": "core_person",
                    },
                ),
                migrations.AlterField(
                    model_name="casesubject",
                    name="person",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="case_subjects",
                        to="casework.person",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
