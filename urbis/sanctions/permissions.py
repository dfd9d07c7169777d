"""Who may do what in GAS. The register and cases are for the sanctions staff only (art. 44)."""

from urbis.core.roles import Role

#: Handle cases, letters, payments, appeals; read the register.
CASE_ROLES: tuple[str, ...] = (Role.SANCTIONING_OFFICER, Role.GAS_STAFF)
#: Decide (fine, warning, no follow-up) and sign decisions: the sanctioning official only.
DECIDE_ROLES: tuple[str, ...] = (Role.SANCTIONING_OFFICER,)
#: File ascertainments.
INTAKE_ROLES: tuple[str, ...] = (Role.ASCERTAINER, Role.SANCTIONING_OFFICER, Role.GAS_STAFF)
