"""Personas and helpers as pytest fixtures, shared by every app's tests.

``coordinator``, ``sanctioning_officer``, ... are users holding that one role; ``outsider`` is a
logged-in user with no role at all. ``login(user)`` returns a Django test client logged in as the
user, with two-factor verification done for users who have (or need) a TOTP device.
``english`` runs a test in English; an app whose assertions read English messages makes it
autouse in its conftest (``@pytest.fixture(autouse=True) def _in_english(english): ...``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from urbis.core import services
from urbis.core.models import Organisation, OrganisationKind, User
from urbis.core.roles import Role

_counter = itertools.count(1)


def create_user(*roles: str, username: str | None = None, **fields: Any) -> User:
    name = username or f"user{next(_counter)}"
    # A demo city loaded by a test may already hold a user of that name: reuse it.
    user = User.objects.filter(username=name).first()
    if user is None:
        user = User.objects.create_user(username=name, password="a-test-password-1", **fields)
    else:
        user.set_password("a-test-password-1")
        user.save(update_fields=["password"])
    if roles:
        services.user_set_roles(actor=None, user=user, roles=list(roles))
    return user


def verified_client(user: User) -> Client:
    """A client logged in as ``user``, with a confirmed TOTP device verified in the session."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    return create_user


@pytest.fixture
def login(db: None) -> Callable[[User], Client]:
    return verified_client


@pytest.fixture
def organisation(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Test prevention service",
        kind=OrganisationKind.CITY_DEPARTMENT,
        prevention_levels=["primary"],
    )


def _persona(role: str) -> Any:
    @pytest.fixture
    def fixture(db: None) -> User:
        return create_user(role, username=role)

    return fixture


coordinator = _persona(Role.COORDINATOR)
sanctioning_officer = _persona(Role.SANCTIONING_OFFICER)
gas_staff = _persona(Role.GAS_STAFF)
ascertainer = _persona(Role.ASCERTAINER)
planner = _persona(Role.PLANNER)
cpted_advisor = _persona(Role.CPTED_ADVISOR)
analyst = _persona(Role.ANALYST)
caseworker = _persona(Role.CASEWORKER)
public_space = _persona(Role.PUBLIC_SPACE)
dpo = _persona(Role.DPO)
admin_user = _persona(Role.ADMIN)


@pytest.fixture
def english(settings: Any) -> Iterator[None]:
    """The test runs in English (settings and the active language): assertions read the
    English messages; the nl and fr catalogues have their own tests."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def outsider(db: None) -> User:
    """Logged in, but holds no role: every protected page must answer 404."""
    return create_user(username="outsider")


PERSONA_FIXTURES = [
    "coordinator",
    "sanctioning_officer",
    "gas_staff",
    "ascertainer",
    "planner",
    "cpted_advisor",
    "analyst",
    "caseworker",
    "public_space",
    "dpo",
    "admin_user",
]
