"""Open311 API keys of partner applications: created (printed once), revoked."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.types import Actor
from urbis.reports.models import Open311Key


def key_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def open311_key_create(*, actor: Actor, name: str) -> tuple[Open311Key, str]:
    """A new key for application ``name``; returns the row and the raw key (shown once)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationError(
            {"name": [_("Give the application a name (at most 100 characters).")]}
        )
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        if Open311Key.objects.filter(name=name).exists():
            raise ValidationError(
                {"name": [_("An application named %(n)s has a key.") % {"n": name}]}
            )
        key = Open311Key.objects.create(
            name=name, prefix=raw[:8], key_hash=key_hash(raw), created_at=timezone.now()
        )
        record_event(actor=actor, action="reports.open311_key_created", target=key, data={})
    return key, raw


def open311_key_revoke(*, actor: Actor, name: str) -> Open311Key:
    with transaction.atomic():
        key = Open311Key.objects.select_for_update().filter(name=name).first()
        if key is None:
            raise ValidationError({"name": [_("No application named %(n)s.") % {"n": name}]})
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.save(update_fields=["revoked_at"])
            record_event(actor=actor, action="reports.open311_key_revoked", target=key, data={})
    return key


def open311_key_check(raw: str) -> Open311Key | None:
    """The live key matching ``raw``, or None (unknown or revoked)."""
    if not raw or len(raw) > 200:
        return None
    return Open311Key.objects.filter(key_hash=key_hash(raw), revoked_at__isnull=True).first()
