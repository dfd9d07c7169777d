"""Accounts stored "nl" as the old default preferred language, which nothing applied before
0011: it said nothing about the user's choice. It becomes "no preference" (the page's language
stays at login); "fr" and "en" were chosen on purpose and stay."""

from django.db import migrations


def unset_old_default(apps, schema_editor):
    User = apps.get_model("core", "User")
    User.objects.filter(preferred_language="nl").update(preferred_language="")


class Migration(migrations.Migration):
    dependencies = [("core", "0011_preferred_language_optional")]

    operations = [migrations.RunPython(unset_old_default, migrations.RunPython.noop)]
