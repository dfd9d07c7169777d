from django.db import migrations


def forwards(apps, schema_editor):
    from urbis.cpted import checklist

    Template = apps.get_model("cpted", "ChecklistTemplate")
    Item = apps.get_model("cpted", "ChecklistItem")
    template, created = Template.objects.get_or_create(
        code=checklist.CODE, version=checklist.VERSION, defaults={"name": checklist.NAME}
    )
    if not created:
        return
    for order, row in enumerate(checklist.ITEMS):
        code, strategy, question, guidance, evidence, time_of_day, critical, weight, source = row
        Item.objects.create(
            template=template,
            code=code,
            strategy=strategy,
            question=question,
            guidance=guidance,
            evidence_required=evidence,
            time_of_day=time_of_day,
            critical=critical,
            weight=weight,
            source_ref=source,
            order=order,
        )


class Migration(migrations.Migration):
    dependencies = [("cpted", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
