"""Who may do what in the plan module."""

from urbis.core.roles import Role

#: Read the plan, the matrix, indicators and the survey monitor.
READ_ROLES: tuple[str, ...] = (Role.COORDINATOR, Role.ANALYST)
#: Edit the plan, record measurements, import surveys.
EDIT_ROLES: tuple[str, ...] = (Role.COORDINATOR,)
