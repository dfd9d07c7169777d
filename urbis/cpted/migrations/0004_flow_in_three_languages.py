"""The flow in use gains Dutch and French texts: a new version whose English texts that equal
the default flow's take its nl/fr (rules unchanged; flow versions are never edited)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from django.conf import settings
    from django.utils import timezone

    from urbis.cpted import triage

    Flow = apps.get_model("cpted", "TriageFlow")
    latest = Flow.objects.order_by("-created_at", "-pk").first()
    if latest is None:
        return
    thresholds = settings.URBIS_CPTED_TRIAGE_THRESHOLDS
    reference = triage.default_flow(
        dwellings=int(thresholds["dwellings"]),
        floor_area=float(thresholds["floor_area"]),
        parking=int(thresholds["parking"]),
    )
    document = triage.add_translations(latest.document, reference)
    if document == latest.document:
        return
    version = "default-2" if latest.version == "default-1" else f"{latest.version}-i18n"[:40]
    if Flow.objects.filter(version=version).exists():
        return
    Flow.objects.create(
        version=version,
        document={**document, "version": version},
        note="Dutch and French texts added",
        created_at=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [("cpted", "0003_multilingual_texts")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
