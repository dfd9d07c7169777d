"""Access control for core pages. Outsiders get 404, never a hint that a page exists.

Feature apps keep their own ``permissions.py`` and reuse ``role_required`` /
``RoleRequiredMixin`` from here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from urbis.core.roles import Role, has_role

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])
Marked = TypeVar("Marked")  # a view function or a view class


def check_roles(request: HttpRequest, roles: tuple[str, ...]) -> HttpResponse | None:
    """None when allowed; a login redirect for anonymous users; otherwise raise Http404."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if roles and not has_role(request.user, *roles):
        raise Http404
    return None


def role_required(*roles: str) -> Callable[[ViewFunc], ViewFunc]:
    """Decorator: login required, and (when ``roles`` is given) one of the roles.

    ``role_required()`` with no role means any logged-in user, on purpose (the route walk reads
    the empty set as such). Put it *above* ``require_POST`` and other method checks, so that an
    outsider gets 404 / the login page before any 405 reveals the URL.
    """

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            denied = check_roles(request, roles)
            if denied is not None:
                return denied
            return view(request, *args, **kwargs)

        # Read by the route walk (core/tests/test_routes.py): who may open this view.
        wrapped.urbis_roles = frozenset(roles)  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def public_view(reason: str) -> Callable[[Marked], Marked]:
    """Mark a view as open to anonymous visitors on purpose (citizen reporting, Open311, login).

    The route walk (core/tests/test_routes.py) fails on any route that is neither role-protected
    nor marked public, so a new page cannot be left open by forgetting a decorator. ``reason``
    says why it is public (kept on the view for reviewers).
    """

    def decorator(view: Marked) -> Marked:
        view.urbis_public = reason  # type: ignore[attr-defined]
        return view

    return decorator


class RoleRequiredMixin:
    """Class-based views: set ``allowed_roles``; empty means any logged-in user."""

    allowed_roles: tuple[str, ...] = ()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        denied = check_roles(request, self.allowed_roles)
        if denied is not None:
            return denied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


# Who may see the city's geography and organisations (no personal data).
STAFF_ROLES: tuple[str, ...] = tuple(Role.values)
AUDIT_ROLES: tuple[str, ...] = (Role.DPO, Role.ADMIN)
