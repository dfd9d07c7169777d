"""The explicit re-seed of the CPTED defaults (checklist and triage flow).

The data migration 0005 seeds them; this service is for a database that lost them (a restored
dump, a test flush) and for the demo loader. It is atomic and idempotent, and records an audit
event for what it created. No read calls it.
"""

from __future__ import annotations

from django.apps import apps
from django.db import transaction

from urbis.core.audit import record_event
from urbis.core.types import Actor
from urbis.cpted import checklist
from urbis.cpted.models import ChecklistTemplate, TriageFlow
from urbis.cpted.seed import Seeded, install_defaults


def cpted_defaults_install(*, actor: Actor = None) -> Seeded:
    """Install the default checklist and the default flow where missing (one transaction)."""
    with transaction.atomic():
        seeded = install_defaults(apps)
        if seeded.checklist_created:
            record_event(actor=actor, action="cpted.checklist_installed", target=_checklist())
        if seeded.flow_created:
            flow = TriageFlow.objects.order_by("-created_at", "-pk").first()
            assert flow is not None  # just created
            record_event(actor=actor, action="cpted.flow_installed", target=flow)
    return seeded


def _checklist() -> ChecklistTemplate:
    return ChecklistTemplate.objects.get(code=checklist.CODE, version=checklist.VERSION)


def checklist_default(*, actor: Actor = None) -> ChecklistTemplate:
    """The default ISO 22341 checklist, re-seeded first if the database lacks it."""
    cpted_defaults_install(actor=actor)
    return _checklist()
