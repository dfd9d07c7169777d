"""Shared type aliases.

``Actor`` is who does a write or a read: a user, or ``None`` for the system (nightly jobs,
migrations, demo loaders). ``AnonymousUser`` is part of the alias only because Django types
``request.user`` as ``User | AnonymousUser``; the views pass it after ``role_required`` has
turned anonymous visitors away, and ``record_event``/``log_access`` record an unauthenticated
actor as the system.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from urbis.core.models import User

Actor: TypeAlias = "User | AnonymousUser | None"

__all__ = ["Actor"]
