"""Who may do what in the CPTED module.

Planners (project leaders) see the projects they lead or their department owns, register and
triage them and answer the advice; CPTED advisors see every project, assess and advise; the
coordinator sees the portfolio and edits the triage flow. Everyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from urbis.core.roles import Role, has_role

READ_ROLES: tuple[str, ...] = (Role.PLANNER, Role.CPTED_ADVISOR, Role.COORDINATOR)
#: Register projects, triage them, change their phase, answer recommendations.
PROJECT_ROLES: tuple[str, ...] = (Role.PLANNER, Role.CPTED_ADVISOR, Role.COORDINATOR)
#: See every project (not only their own).
ALL_PROJECT_ROLES: tuple[str, ...] = (Role.CPTED_ADVISOR, Role.COORDINATOR)
#: Assess: visits, ratings, photos, recommendations, verification.
ASSESS_ROLES: tuple[str, ...] = (Role.CPTED_ADVISOR,)
#: Edit the triage flow, import project lists, portfolio dashboard.
COORDINATE_ROLES: tuple[str, ...] = (Role.COORDINATOR, Role.CPTED_ADVISOR)


def can_assess(user: Any) -> bool:
    return has_role(user, *ASSESS_ROLES)


def can_coordinate(user: Any) -> bool:
    return has_role(user, *COORDINATE_ROLES)
