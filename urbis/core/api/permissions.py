"""API access by role. Authenticated users without the role get 404, like on the pages."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions, permissions
from rest_framework.request import Request

from urbis.core.roles import has_role


def roles_required(*roles: str) -> type[permissions.BasePermission]:
    """A DRF permission class: anonymous → 401/403, no matching role → 404."""

    class RolePermission(permissions.BasePermission):
        def has_permission(self, request: Request, view: Any) -> bool:
            if not request.user or not request.user.is_authenticated:
                return False
            if not has_role(request.user, *roles):
                raise exceptions.NotFound()
            return True

    RolePermission.__name__ = f"RolePermission[{','.join(roles)}]"
    # Read by the route walk (core/tests/test_routes.py): who may call this endpoint.
    RolePermission.urbis_roles = frozenset(roles)  # type: ignore[attr-defined]
    return RolePermission
