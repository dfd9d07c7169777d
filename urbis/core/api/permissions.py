"""API access by role. Authenticated users without the role get 404, like on the pages."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions, permissions
from rest_framework.request import Request

from urbis.core.roles import has_role


def _allowed(request: Request, roles: tuple[str, ...]) -> bool:
    if not request.user or not request.user.is_authenticated:
        return False
    # No role given: any logged-in user (e.g. "who am I").
    if roles and not has_role(request.user, *roles):
        raise exceptions.NotFound()
    return True


def roles_required(*roles: str) -> type[permissions.BasePermission]:
    """A DRF permission class: anonymous → 401, no matching role → 404.

    ``roles_required()`` with no role admits any logged-in user, and says so to the route walk.
    """

    class RolePermission(permissions.BasePermission):
        def has_permission(self, request: Request, view: Any) -> bool:
            return _allowed(request, roles)

    RolePermission.__name__ = f"RolePermission[{','.join(roles)}]"
    # Read by the route walk (core/tests/test_routes.py): who may call this endpoint.
    RolePermission.urbis_roles = frozenset(roles)  # type: ignore[attr-defined]
    return RolePermission


def roles_by_method(
    roles: tuple[str, ...], **by_method: tuple[str, ...]
) -> type[permissions.BasePermission]:
    """Like :func:`roles_required`, with other roles for some HTTP methods.

    ``roles_by_method(READ_ROLES, POST=EDIT_ROLES)``: POST needs an edit role, every other method
    a read role. The route walk checks each method against its own roles.
    """
    methods = {method.upper(): tuple(allowed) for method, allowed in by_method.items()}

    class MethodRolePermission(permissions.BasePermission):
        def has_permission(self, request: Request, view: Any) -> bool:
            return _allowed(request, methods.get(request.method or "GET", roles))

    MethodRolePermission.__name__ = f"MethodRolePermission[{','.join(roles)}]"
    MethodRolePermission.urbis_roles = frozenset(roles)  # type: ignore[attr-defined]
    MethodRolePermission.urbis_roles_by_method = {  # type: ignore[attr-defined]
        method: frozenset(allowed) for method, allowed in methods.items()
    }
    return MethodRolePermission
