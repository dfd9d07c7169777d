"""Every write through Django's admin site lands in the audit log (``record_event``).

The one mechanism: :class:`UrbisAdminSite.register <urbis.core.admin_site.UrbisAdminSite>`
mixes :class:`AuditedModelAdmin` into every ModelAdmin registered on the site, so no
``admin.py`` can forget it. A ``post_save`` receiver on ``LogEntry`` would not do: the admin's
bulk "delete selected" writes its LogEntry rows with ``bulk_create``, which sends no signal.

Actions: ``admin.add``, ``admin.change``, ``admin.delete``; target: the object (``app.model``,
id, label); data: ``fields`` (the names of the form fields changed, for an add the fields
filled in) and ``changes`` (Django's LogEntry change message: inline rows added, changed,
deleted). Each event is written in the transaction of the admin's change: the add, change and
delete views are atomic in Django, and so are the changelist's actions here.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.db.models.query import QuerySet
from django.http import HttpRequest, HttpResponse

from urbis.core.audit import record_event

_CHANGED = "_urbis_admin_changed_fields"


class AuditedModelAdmin(admin.ModelAdmin):
    """Records an audit event beside each LogEntry the admin writes."""

    def construct_change_message(
        self, request: HttpRequest, form: Any, formsets: Any, add: bool = False
    ) -> Any:
        # The form's field names, kept on the object for log_addition / log_change (the
        # change message itself holds only the fields' labels).
        setattr(form.instance, _CHANGED, list(form.changed_data))
        return super().construct_change_message(request, form, formsets, add)

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_addition(request, obj, message)
        _record(request, "admin.add", obj, message)
        return entry

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_change(request, obj, message)
        _record(request, "admin.change", obj, message)
        return entry

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        # Called before the deletion (one object or the bulk action's selection).
        objects = list(queryset)
        entries = super().log_deletions(request, queryset)
        for obj in objects:
            _record(request, "admin.delete", obj, "")
        return entries

    def response_action(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        # Django runs an action outside any transaction: "delete selected" logs, then deletes.
        # Atomic here, the audit events and the deletion are committed together or not at all.
        with transaction.atomic(using=queryset.db):
            response: HttpResponse | None = super().response_action(request, queryset)
        return response


def _record(request: HttpRequest, action: str, obj: models.Model, message: Any) -> None:
    changes = message
    if isinstance(message, str):
        try:
            changes = json.loads(message) if message.startswith("[") else message
        except ValueError:
            changes = message
    data: dict[str, Any] = {"fields": getattr(obj, _CHANGED, []), "changes": changes or []}
    record_event(actor=request.user, action=action, target=obj, data=data)
