"""The roles of Urbis users (ARCHITECTURE §1).

A role is a Django auth ``Group`` whose name is the role's code; a user may hold several.
Groups are created by migration ``0002_roles`` so that administrators assign roles in the admin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Safety and prevention coordinator")
    SANCTIONING_OFFICER = "sanctioning_officer", _("Sanctioning official")
    GAS_STAFF = "gas_staff", _("GAS staff")
    ASCERTAINER = "ascertainer", _("Ascertaining officer")
    PLANNER = "planner", _("Urban planner / project leader")
    CPTED_ADVISOR = "cpted_advisor", _("CPTED advisor")
    ANALYST = "analyst", _("Crime analyst")
    CASEWORKER = "caseworker", _("Partner caseworker")
    PUBLIC_SPACE = "public_space", _("Public-space service (reports desk and field teams)")
    DPO = "dpo", _("Data protection officer")
    ADMIN = "admin", _("Administrator")


ALL_ROLES: frozenset[str] = frozenset(Role.values)


def roles_of(user: AbstractBaseUser | AnonymousUser | None) -> frozenset[str]:
    """Return the role codes a user holds (empty for anonymous or inactive users).

    The result is cached on the user object for the life of the request.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_urbis_roles", None)
    if cached is None:
        names = user.groups.values_list("name", flat=True)  # type: ignore[attr-defined]
        cached = frozenset(name for name in names if name in ALL_ROLES)
        user._urbis_roles = cached  # type: ignore[attr-defined]
    return cached


def has_role(user: AbstractBaseUser | AnonymousUser | None, *roles: str) -> bool:
    """True when the user holds at least one of ``roles``."""
    return bool(roles_of(user) & set(roles))


def second_factor_pending(user: Any) -> str:
    """The 2FA page a logged-in ``user`` must pass first (``core:otp_verify`` or
    ``core:otp_setup``), or "" when they are through."""
    if user.is_verified():
        return ""
    from django_otp import user_has_device

    if user_has_device(user, confirmed=True):
        return "core:otp_verify"
    if has_role(user, *settings.URBIS_2FA_REQUIRED_ROLES):
        return "core:otp_setup"
    return ""
