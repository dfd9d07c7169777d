"""Who may open each route: read from the markers the access decorators leave on views.

``urbis.core.permissions.role_required(*roles)`` sets ``view.urbis_roles``, ``RoleRequiredMixin``
has ``allowed_roles``, ``urbis.core.api.permissions.roles_required(*roles)`` sets ``urbis_roles``
on the DRF permission class, and ``public_view("why")`` sets ``view.urbis_public``. No role at all
(``role_required()``) means any logged-in user. The route walk (core/tests/test_routes.py) uses
:func:`walk_routes` to check every route of the project; docs/developing.md explains how to mark
a route.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, UUIDConverter
from django.urls.resolvers import RegexPattern, RoutePattern

from urbis.core.permissions import RoleRequiredMixin
from urbis.core.roles import ALL_ROLES, Role

# "Any logged-in user": the marker of role_required() / roles_required() with no role.
ANY_LOGGED_IN: frozenset[str] = frozenset()

# Third-party views we route but cannot decorate, public on purpose (qualified callback name).
THIRD_PARTY_PUBLIC: dict[str, str] = {
    "django.views.static.serve": "static and media files in DEBUG only (whitenoise in production)",
    "django.contrib.staticfiles.views.serve": "static files in DEBUG only",
}

_SAMPLES: dict[type, str] = {
    IntConverter: "987654",
    SlugConverter: "no-such-thing",
    UUIDConverter: "00000000-0000-4000-8000-000000000000",
    PathConverter: "no/such/thing",
}
_REGEX_CANDIDATES = ("987654", "core", "no-such-thing", "no/such/thing", "")


@dataclass(frozen=True)
class Route:
    """One URL pattern, with a sample URL and who may open it."""

    label: str  # the route name (namespace:name) or, when unnamed, its pattern
    url: str  # a sample URL for objects that do not exist
    namespace: str
    roles: frozenset[str] | None  # None: not classified; ANY_LOGGED_IN: any logged-in user
    public: str | None  # the reason a route is open to anonymous visitors
    method_roles: tuple[tuple[str, frozenset[str]], ...] = ()  # other roles for some methods

    def roles_for(self, method: str) -> frozenset[str] | None:
        return dict(self.method_roles).get(method.upper(), self.roles)

    @property
    def is_api(self) -> bool:
        return self.url.startswith("/api/")


def _sample_route(pattern: RoutePattern) -> str:
    text = str(pattern)
    for name, converter in pattern.converters.items():
        sample = _SAMPLES.get(type(converter), "no-such-thing")
        text = re.sub(rf"<(?:\w+:)?{name}>", sample, text)
    return text


def _sample_regex(pattern: RegexPattern) -> str:
    text = pattern._regex  # type: ignore[attr-defined]

    def fill(match: re.Match[str]) -> str:
        body = match.group(2)
        for candidate in _REGEX_CANDIDATES:
            if re.fullmatch(body, candidate):
                return candidate
        raise ValueError(f"no sample value for {match.group(0)} in {text}")

    text = re.sub(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)", fill, text)
    return text.lstrip("^").rstrip("$").replace("\\", "")


def _sample(pattern: Any) -> str:
    if isinstance(pattern, RoutePattern):
        return _sample_route(pattern)
    return _sample_regex(pattern)


def _permission_classes(callback: Callable[..., Any]) -> list[Any]:
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    initkwargs = getattr(callback, "initkwargs", None) or getattr(callback, "view_initkwargs", {})
    classes = initkwargs.get("permission_classes") or getattr(view_class, "permission_classes", ())
    return list(classes or ())


def method_roles(callback: Callable[..., Any]) -> tuple[tuple[str, frozenset[str]], ...]:
    """Per-method roles of an API view (``roles_by_method``), sorted by method."""
    found: dict[str, frozenset[str]] = {}
    for cls in _permission_classes(callback):
        found.update(getattr(cls, "urbis_roles_by_method", {}))
    return tuple(sorted(found.items()))


def _drf_roles(callback: Callable[..., Any]) -> frozenset[str] | None:
    permission_classes = _permission_classes(callback)
    found = [getattr(cls, "urbis_roles", None) for cls in permission_classes]
    marked = [roles for roles in found if roles is not None]
    if not marked:
        return None
    # Several role permissions all apply (DRF combines them with AND).
    roles = frozenset(ALL_ROLES)
    for item in marked:
        roles &= item or frozenset(ALL_ROLES)
    return ANY_LOGGED_IN if all(not item for item in marked) else roles


def classify(callback: Callable[..., Any]) -> tuple[frozenset[str] | None, str | None]:
    """(roles, public reason) of a resolved view callback."""
    public = getattr(callback, "urbis_public", None)
    if public is not None:
        return None, public
    qualified = f"{getattr(callback, '__module__', '')}.{getattr(callback, '__name__', '')}"
    if qualified in THIRD_PARTY_PUBLIC:
        return None, THIRD_PARTY_PUBLIC[qualified]
    roles = getattr(callback, "urbis_roles", None)
    if roles is not None:
        return frozenset(roles), None
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is None:
        return None, None
    public = getattr(view_class, "urbis_public", None)
    if public is not None:
        return None, public
    initkwargs = getattr(callback, "initkwargs", None) or getattr(callback, "view_initkwargs", {})
    if isinstance(view_class, type) and issubclass(view_class, RoleRequiredMixin):
        return frozenset(initkwargs.get("allowed_roles", view_class.allowed_roles)), None
    return _drf_roles(callback), None


def _iter(
    patterns: list[Any], prefix: str, namespace: str
) -> Iterator[tuple[str, str, str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace or "") if part)
            yield from _iter(entry.url_patterns, prefix + _sample(entry.pattern), inner)
        else:
            yield prefix + _sample(entry.pattern), namespace, str(entry.pattern), entry


def walk_routes() -> list[Route]:
    """Every URL pattern of the project, with a sample URL and its access classification.

    The admin site (namespace ``admin``) is for the admin role only: UrbisAdminSite guards every
    view of it, including those Django adds per model.
    """
    routes = []
    admin_prefix = "/" + settings.URBIS_ADMIN_PATH
    for url, namespace, raw, pattern in _iter(get_resolver().url_patterns, "/", ""):
        name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
        label = name or (f"{namespace}:{raw}" if namespace else raw)
        roles: frozenset[str] | None
        if namespace == "admin" and url.startswith(admin_prefix):
            roles, public = frozenset({Role.ADMIN.value}), None
        else:
            roles, public = classify(pattern.callback)
        routes.append(
            Route(
                label=label,
                url=url,
                namespace=namespace,
                roles=roles,
                public=public,
                method_roles=method_roles(pattern.callback),
            )
        )
    return routes
