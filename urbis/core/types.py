"""Shared type aliases.

``Actor`` is who does a write or a read: a user, or ``None`` for the system (nightly jobs,
migrations, demo loaders). ``AnonymousUser`` is part of the alias only because Django types
``request.user`` as ``User | AnonymousUser``; the views pass it after ``role_required`` has
turned anonymous visitors away, and ``record_event``/``log_access`` record an unauthenticated
actor as the system.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from urbis.core.models import User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

Actor: TypeAlias = "User | AnonymousUser | None"

__all__ = ["Actor"]


def actor_user(actor: Actor) -> User | None:
    """The user to store in a foreign key such as ``created_by``: None for the system (and for
    an unauthenticated caller, which no protected view lets through)."""
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def person_actor(actor: Actor) -> User:
    """The user for a step only a person can take (an advisor starts an assessment, staff
    record a defence): a system call is a programming error."""
    user = actor_user(actor)
    if user is None:
        raise ValueError("this step needs a logged-in user as actor, not the system")
    return user
