"""Exchange with peer cities — practice sheets and benchmark files."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.types import Actor
from urbis.plan import exchange
from urbis.plan.models import BenchmarkPoint, PracticeSheet


def exchange_import(*, actor: Actor, document: Any) -> str:
    """Import a peer city's practice sheet or anonymised benchmark file (validated first)."""
    schema = document.get("schema") if isinstance(document, dict) else None
    if schema == exchange.BENCHMARK_SCHEMA:
        exchange.validate_benchmark_file(document)
        city = str(document["city"]).strip()
        count = 0
        with transaction.atomic():
            for item in document.get("indicators") or []:
                for value in item.get("values") or []:
                    BenchmarkPoint.objects.update_or_create(
                        series=f"{city}: {item['name']}"[:100],
                        year=int(value["year"]),
                        defaults={
                            "value": Decimal(str(value["value"])),
                            "unit": item["unit"][:40],
                            "definition": item["definition"],
                            "population_base": str(item.get("population_base") or "")[:200],
                            "source": _("Benchmark file from %(city)s") % {"city": city},
                        },
                    )
                    count += 1
            record_event(
                actor=actor,
                action="plan.benchmarks_imported",
                target=("plan.benchmarkpoint", 0),
                data={"city": city, "values": count},
            )
        return _("%(n)s benchmark values imported from %(city)s.") % {"n": count, "city": city}
    exchange.validate_practice_sheet(document)
    with transaction.atomic():
        sheet = PracticeSheet.objects.create(
            title=str(document["title"])[:200],
            city=str(document.get("city") or "")[:200],
            document=document,
        )
        record_event(actor=actor, action="plan.practice_imported", target=sheet)
    return _("Practice sheet “%(title)s” imported.") % {"title": sheet.title}
