"""The CPTED defaults every database starts with: the ISO 22341 checklist (checklist.py) and the
triage flow of domain/cpted.md §5.1 (default_flow.py, thresholds from settings).

They are seeded by a data migration (0005) and again after a ``flush`` (post_migrate, as Django
does for permissions), never by a read: a page or API GET only reads. ``install_defaults`` takes
an app registry so the migration can pass its historical models; it runs in one transaction and
is idempotent (a second call, or two racing calls, leave one checklist and one flow).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps as global_apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, transaction
from django.utils import timezone

from urbis.cpted import checklist
from urbis.cpted.default_flow import default_flow


@dataclass(frozen=True)
class Seeded:
    checklist_created: bool
    flow_created: bool


def default_flow_document() -> dict[str, Any]:
    """The default flow from domain/cpted.md §5.1 with the thresholds from settings."""
    thresholds = settings.URBIS_CPTED_TRIAGE_THRESHOLDS
    return default_flow(
        dwellings=int(thresholds["dwellings"]),
        floor_area=float(thresholds["floor_area"]),
        parking=int(thresholds["parking"]),
    )


def _install_checklist(apps: Any) -> bool:
    template_model = apps.get_model("cpted", "ChecklistTemplate")
    item_model = apps.get_model("cpted", "ChecklistItem")
    if template_model.objects.filter(code=checklist.CODE, version=checklist.VERSION).exists():
        return False
    template = template_model.objects.create(
        code=checklist.CODE,
        version=checklist.VERSION,
        name=checklist.NAME,
        **checklist.NAME_TRANSLATIONS,
    )
    item_model.objects.bulk_create(
        item_model(
            template=template,
            code=code,
            strategy=strategy,
            question=question,
            guidance=guidance,
            evidence_required=evidence,
            time_of_day=time_of_day,
            critical=critical,
            weight=weight,
            source_ref=ref,
            order=order,
            **checklist.translated_fields(code),
        )
        for order, (
            code,
            strategy,
            question,
            guidance,
            evidence,
            time_of_day,
            critical,
            weight,
            ref,
        ) in enumerate(checklist.ITEMS)
    )
    return True


def _install_flow(apps: Any) -> bool:
    flow_model = apps.get_model("cpted", "TriageFlow")
    if flow_model.objects.exists():
        return False  # a city's own flow (or the default) is in use: never replace it
    document = default_flow_document()
    flow_model.objects.create(
        version=document["version"],
        document=json.loads(json.dumps(document)),
        note="default",
        created_at=timezone.now(),
    )
    return True


def install_defaults(apps: Any) -> Seeded:
    """Install the default checklist and flow where missing; see the module docstring."""
    try:
        with transaction.atomic():
            return Seeded(_install_checklist(apps), _install_flow(apps))
    except IntegrityError:
        # A concurrent call installed them first (unique code+version, unique flow version).
        return Seeded(False, False)


def reseed_after_flush(sender: Any, apps: Any = None, **kwargs: Any) -> None:
    """post_migrate receiver: ``migrate`` and ``flush`` (tests) end with the defaults in place."""
    registry = apps or global_apps
    try:
        registry.get_model("cpted", "TriageFlow")
        registry.get_model("cpted", "ChecklistItem")._meta.get_field("question_nl")
    except (LookupError, FieldDoesNotExist):  # migrated part of the way (``migrate cpted 0002``)
        return
    install_defaults(registry)
