"""The route walk: every URL of the project is either public on purpose or closed to outsiders.

Each pattern of ``get_resolver()`` (nested includes and the admin site too) is classified from its
resolved callback (see ``urbis.core.routes``): public (``@public_view("why")``), any logged-in
user (``role_required()`` with no role), or a set of roles. A route nobody classified fails
``test_every_route_is_classified``. For a protected route, an anonymous visitor, a logged-in user
without a role and a user of every role *not* allowed there must get, for GET and POST, the login
redirect (pages) or 401 (API) when anonymous, and 404 otherwise: never a 403 that hints the page
exists, a 405 that answers before the role check, a 200 or a 500. URL parameters get plausible
values for objects that do not exist: the answer must not depend on whether the object exists.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.sessions.models import Session
from django.db import transaction
from django.test import Client
from django.urls import reverse

from urbis.core.roles import ALL_ROLES
from urbis.core.testing.fixtures import create_user, verified_client
from urbis.core.testing.routes import ANY_LOGGED_IN, Route, walk_routes

ROUTES: list[Route] = walk_routes()
PROTECTED = [route for route in ROUTES if route.roles not in (None, ANY_LOGGED_IN)]
LOGGED_IN_ONLY = [route for route in ROUTES if route.roles is ANY_LOGGED_IN]
PUBLIC = [route for route in ROUTES if route.public is not None]

OUTSIDER = "outsider"
ANONYMOUS = "anonymous"


METHODS = ("GET", "POST")


# UrbisAdminSite guards every admin view with one check (admin role, staff, 2FA): its many
# per-model routes are walked with a sample of the other roles, to keep the walk fast.
ADMIN_SAMPLE_ROLES = ("coordinator", "dpo", "sanctioning_officer")


def _denied_personas(route: Route) -> list[str]:
    """Anonymous, the outsider, and every role refused for at least one method."""
    if route.namespace == "admin" and route.url.count("/") > 3:
        return [ANONYMOUS, OUTSIDER, *ADMIN_SAMPLE_ROLES]
    refused: set[str] = set()
    for method in METHODS:
        roles = route.roles_for(method)
        assert roles is not None
        refused |= ALL_ROLES - roles
    return [ANONYMOUS, OUTSIDER, *sorted(refused)]


PROTECTED_CASES = [
    pytest.param(route, persona, id=f"{route.label}-{persona}")
    for route in PROTECTED
    for persona in _denied_personas(route)
]


@pytest.fixture(scope="module")
def clients(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[dict]:
    """One client per persona, built once for the module inside a transaction rolled back at
    the end (each test then runs in a savepoint), so the walk stays fast and leaves no rows."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built: dict[str, Client] = {ANONYMOUS: Client()}
            built[OUTSIDER] = verified_client(create_user(username="walk-outsider"))
            for role in sorted(ALL_ROLES):
                built[role] = verified_client(create_user(role, username=f"walk-{role}"))
            assert Session.objects.count() >= len(built) - 1
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _assert_denied(route: Route, persona: str, client: Client) -> None:
    login_url = reverse("core:login")
    for method in METHODS:
        if persona in (route.roles_for(method) or ()):
            continue  # this role may use this method here
        response = getattr(client, method.lower())(route.url)
        where = f"{method} {route.url} as {persona}"
        if persona != ANONYMOUS:
            assert response.status_code == 404, f"{where}: {response.status_code}, expected 404"
        elif route.is_api:
            assert response.status_code == 401, f"{where}: {response.status_code}, expected 401"
        else:
            assert response.status_code == 302, f"{where}: {response.status_code}, expected login"
            assert response["Location"].startswith(login_url), f"{where}: {response['Location']}"


def test_every_route_is_classified() -> None:
    """A new route must say who may open it: roles, any logged-in user, or public with a reason."""
    unclassified = [route.label for route in ROUTES if route.roles is None and not route.public]
    assert not unclassified, (
        "Routes neither role-protected nor marked public (see docs/developing.md, "
        f"'Marking a route'): {unclassified}"
    )


def test_the_walk_sees_every_app_and_the_admin() -> None:
    prefixes = {route.url.split("/")[1] for route in ROUTES}
    assert {"plan", "gas", "cpted", "api", "account", "admin"} <= prefixes
    assert any(route.namespace == "admin" for route in PROTECTED)


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "persona"), PROTECTED_CASES)
def test_protected_route_is_closed(route: Route, persona: str, clients: dict) -> None:
    _assert_denied(route, persona, clients[persona])


@pytest.mark.django_db
@pytest.mark.parametrize("route", LOGGED_IN_ONLY, ids=lambda route: route.label)
def test_logged_in_route_sends_anonymous_to_login(route: Route, clients: dict) -> None:
    _assert_denied(route, ANONYMOUS, clients[ANONYMOUS])


@pytest.mark.django_db
@pytest.mark.parametrize("route", PUBLIC, ids=lambda route: route.label)
def test_public_route_answers_anonymous_without_error(route: Route, clients: dict) -> None:
    assert route.public and route.public.strip(), f"{route.label}: a public route needs a reason"
    response = clients[ANONYMOUS].get(route.url)
    assert response.status_code < 500, f"GET {route.url}: {response.status_code}"


@pytest.mark.parametrize(
    "url",
    ["/api/v1/schema/", "/api/v1/docs/"],
    ids=["api-schema", "api-docs"],
)
def test_api_schema_and_docs_are_staff_only(url: str) -> None:
    route = next(route for route in ROUTES if route.url == url)
    assert route.roles == ALL_ROLES
