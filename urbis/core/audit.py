"""The one function every service calls to record an event, and the access log for reads.

``record_event`` is called inside the service's ``transaction.atomic`` block, so the event and
the change it describes are committed together or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils import timezone

from urbis.core import request_context
from urbis.core.models import AccessLogEntry, AuditEvent, User
from urbis.core.types import Actor

#: An access-log purpose is a short stable code, ``<app>.<what>`` (``gas.case``,
#: ``cpted.assessment_photo``): the same in every language, so the data protection officer can
#: search the log for it; the audit pages show the code as stored.
PURPOSE_CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def _check_purpose(purpose: str) -> str:
    if not PURPOSE_CODE.match(purpose) or len(purpose) > 100:
        raise ValueError(f"access-log purpose must be a code like 'gas.case', not {purpose!r}")
    return purpose


def _describe(target: models.Model | tuple[str, str | int]) -> tuple[str, str, str]:
    if isinstance(target, models.Model):
        meta = target._meta
        return f"{meta.app_label}.{meta.model_name}", str(target.pk), str(target)[:200]
    object_type, object_id = target
    return object_type, str(object_id), ""


def _user(actor: Actor) -> User | None:
    """The user to store, or None for the system (and for an unauthenticated caller)."""
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def _actor_label(actor: Actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system"
    return str(actor.get_username())


def record_event(
    *,
    actor: Actor,
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
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor=_user(actor),
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
    *, user: Actor, target: models.Model | tuple[str, str | int], purpose: str
) -> AccessLogEntry:
    """Write one access-log row: ``user`` read personal or case data in ``target``.

    Called by selectors (never by views): ``purpose`` is a stable code (:data:`PURPOSE_CODE`).
    """
    _check_purpose(purpose)
    object_type, object_id, _label = _describe(target)
    context = request_context.current()
    return AccessLogEntry.objects.create(
        at=timezone.now(),
        user=_user(user),
        user_label=_actor_label(user),
        object_type=object_type,
        object_id=object_id,
        purpose=purpose,
        path=context.path[:300],
        ip_address=context.ip_address,
    )


def log_access_many(*, user: Actor, targets: Iterable[models.Model], purpose: str) -> None:
    """Access-log a list of personal data: one row per record shown, in one bulk insert.

    Pass the records actually shown (a page), not the whole queryset.
    """
    _check_purpose(purpose)
    context = request_context.current()
    now = timezone.now()
    label = _actor_label(user)
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            at=now,
            user=_user(user),
            user_label=label,
            object_type=_describe(target)[0],
            object_id=str(target.pk),
            purpose=purpose,
            path=context.path[:300],
            ip_address=context.ip_address,
        )
        for target in targets
    )
