"""The one function every service calls to record an event, and the access log for reads.

``record_event`` is called inside the service's ``transaction.atomic`` block, so the event and
the change it describes are committed together or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models
from django.utils import timezone

from urbis.core import request_context
from urbis.core.models import AccessLogEntry, AuditEvent


def _describe(target: models.Model | tuple[str, str | int]) -> tuple[str, str, str]:
    if isinstance(target, models.Model):
        meta = target._meta
        return f"{meta.app_label}.{meta.model_name}", str(target.pk), str(target)[:200]
    object_type, object_id = target
    return object_type, str(object_id), ""


def _actor_label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system"
    return str(actor.get_username())


def record_event(
    *,
    actor: Any,
    action: str,
    target: models.Model | tuple[str, str | int],
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an audit event: who (``actor``; None for the system) did ``action`` to ``target``.

    ``target`` is a model instance or an ``("app.model", id)`` pair. ``data`` holds the details
    (changed fields, reason) and must be JSON-serialisable.
    """
    object_type, object_id, label = _describe(target)
    context = request_context.current()
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor if authenticated else None,
        actor_label=_actor_label(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=label,
        data=data or {},
        ip_address=context.ip_address,
        request_id=context.request_id,
    )


def log_access(
    *, user: Any, target: models.Model | tuple[str, str | int], purpose: str = ""
) -> AccessLogEntry:
    """Write one access-log row: ``user`` read personal or case data in ``target``."""
    object_type, object_id, _label = _describe(target)
    context = request_context.current()
    return AccessLogEntry.objects.create(
        at=timezone.now(),
        user=user if getattr(user, "is_authenticated", False) else None,
        user_label=_actor_label(user),
        object_type=object_type,
        object_id=object_id,
        purpose=purpose,
        path=context.path[:300],
        ip_address=context.ip_address,
    )


def log_access_many(*, user: Any, targets: Sequence[models.Model], purpose: str = "") -> None:
    """Access-log a list view of personal data: one row per record shown."""
    context = request_context.current()
    now = timezone.now()
    label = _actor_label(user)
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            at=now,
            user=user if getattr(user, "is_authenticated", False) else None,
            user_label=label,
            object_type=_describe(target)[0],
            object_id=str(target.pk),
            purpose=purpose,
            path=context.path[:300],
            ip_address=context.ip_address,
        )
        for target in targets
    )
