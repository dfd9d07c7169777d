"""Who may use the analyst's workbench (ADR 0001: roles checked in the view and the selector)."""

from __future__ import annotations

from urbis.core.roles import Role

# The analyst and the coordinator use the workbench; the cocoon-watch letter list (addresses)
# is an output for the prevention service, i.e. the coordinator.
WORKBENCH_ROLES: tuple[str, ...] = (Role.ANALYST, Role.COORDINATOR)
IMPORT_ROLES: tuple[str, ...] = (Role.ANALYST, Role.COORDINATOR)
COCOON_ROLES: tuple[str, ...] = (Role.ANALYST, Role.COORDINATOR)
LETTER_ROLES: tuple[str, ...] = (Role.COORDINATOR,)
