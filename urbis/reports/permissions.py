"""Who may do what with public-space reports (issue 12, roles)."""

from __future__ import annotations

from urbis.core.roles import Role, has_role
from urbis.core.types import Actor

# Work the reports (desk and field teams of the public-space service).
WORK_ROLES: tuple[str, ...] = (Role.PUBLIC_SPACE,)
# The enforcement team: the officer's field worklist and finding → GAS.
FIELD_ROLES: tuple[str, ...] = (Role.ASCERTAINER,)
# Everything read-only, and the indicators.
OVERSEE_ROLES: tuple[str, ...] = (Role.COORDINATOR,)
READ_ROLES: tuple[str, ...] = WORK_ROLES + FIELD_ROLES + OVERSEE_ROLES
# Reporter contact details: only those who answer the reporter.
CONTACT_ROLES: tuple[str, ...] = WORK_ROLES
INDICATOR_ROLES: tuple[str, ...] = WORK_ROLES + OVERSEE_ROLES
# Subject access (GDPR art. 15) is the DPO's.
SUBJECT_ACCESS_ROLES: tuple[str, ...] = (Role.DPO,)


def can_work(user: Actor) -> bool:
    return has_role(user, *WORK_ROLES)


def can_see_contact(user: Actor) -> bool:
    return has_role(user, *CONTACT_ROLES)


def can_field(user: Actor) -> bool:
    return has_role(user, *FIELD_ROLES)
