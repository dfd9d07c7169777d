"""Who may use casework. The role only opens the module: which *case* a user sees is decided per
case by its participants (ADR 0003), in the selectors."""

from __future__ import annotations

from django.conf import settings

from urbis.core.roles import Role

#: Partner caseworkers: open cases, take part when added, log anonymous contacts.
CASE_ROLES: tuple[str, ...] = (Role.CASEWORKER,)


def BREAK_GLASS_ROLES() -> tuple[str, ...]:
    """The named role(s) that may open a case they do not take part in, with a reason
    (``URBIS_CASEWORK_BREAK_GLASS_ROLES``, default the DPO; ADR 0003)."""
    return tuple(settings.URBIS_CASEWORK_BREAK_GLASS_ROLES)


def MODULE_ROLES() -> tuple[str, ...]:
    return CASE_ROLES + tuple(r for r in BREAK_GLASS_ROLES() if r not in CASE_ROLES)
