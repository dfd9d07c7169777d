"""The default category list (configurable afterwards in the admin): the demo's ten."""

from django.db import migrations

CATEGORIES = [
    # code, nl, fr, en, family, dwelling, triggers cocoon
    (
        "burglary-dwelling",
        "Woninginbraak",
        "Cambriolage dans une habitation",
        "Burglary of a dwelling",
        "burglary",
        True,
        True,
    ),
    (
        "burglary-business",
        "Inbraak in bedrijf of handelszaak",
        "Cambriolage dans un commerce ou une entreprise",
        "Burglary of business premises",
        "burglary",
        False,
        False,
    ),
    (
        "burglary-attempt",
        "Poging tot inbraak",
        "Tentative de cambriolage",
        "Attempted burglary",
        "burglary",
        True,
        True,
    ),
    (
        "theft-from-vehicle",
        "Diefstal uit voertuig",
        "Vol dans un véhicule",
        "Theft from a vehicle",
        "theft",
        False,
        False,
    ),
    (
        "theft-of-vehicle",
        "Diefstal van voertuig",
        "Vol de véhicule",
        "Theft of a vehicle",
        "theft",
        False,
        False,
    ),
    ("bicycle-theft", "Fietsdiefstal", "Vol de vélo", "Bicycle theft", "theft", False, False),
    ("pickpocketing", "Gauwdiefstal", "Vol à la tire", "Pickpocketing", "theft", False, False),
    (
        "violence-public",
        "Geweld in de openbare ruimte",
        "Violence dans l'espace public",
        "Violence in public space",
        "violence",
        False,
        False,
    ),
    ("vandalism", "Vandalisme", "Vandalisme", "Vandalism", "nuisance", False, False),
    ("drug-dealing", "Drugshandel", "Trafic de drogue", "Drug dealing", "drugs", False, False),
]


def seed(apps, schema_editor):
    Category = apps.get_model("incidents", "Category")
    for code, nl, fr, en, family, dwelling, cocoon in CATEGORIES:
        Category.objects.get_or_create(
            code=code,
            defaults={
                "label_nl": nl,
                "label_fr": fr,
                "label_en": en,
                "family": family,
                "dwelling": dwelling,
                "triggers_cocoon": cocoon,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
