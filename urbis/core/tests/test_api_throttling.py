"""API rate limits: a flood of bad tokens ends in 429, a busy user too (issue 10, defect 8)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.authtoken.models import Token

from urbis.core.roles import Role
from urbis.core.testing.fixtures import create_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):  # type: ignore[no-untyped-def]
    """Production rates (config/settings.py defaults), a fresh cache for the counts."""

    def apply(anon: str = "60/minute", user: str = "1000/minute") -> None:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user},
        }

    cache.clear()
    yield apply
    cache.clear()


def test_the_throttle_classes_are_configured(settings) -> None:  # type: ignore[no-untyped-def]
    classes = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    assert "urbis.core.api.throttling.AnonRateThrottle" in classes
    assert "urbis.core.api.throttling.UserRateThrottle" in classes


def test_a_flood_of_bad_tokens_gets_429(rates) -> None:  # type: ignore[no-untyped-def]
    rates()  # anon 60/minute
    client = Client()
    codes = [
        client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token bad{n:037d}").status_code
        for n in range(70)
    ]
    assert codes[:60] == [401] * 60
    assert set(codes[60:]) == {429}
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION="Token still-bad")
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_another_address_is_not_throttled_by_the_flood(rates) -> None:  # type: ignore[no-untyped-def]
    rates(anon="3/minute")
    for _ in range(4):
        Client().get("/api/v1/me/", HTTP_AUTHORIZATION="Token bad", REMOTE_ADDR="10.0.0.1")
    other = Client().get("/api/v1/me/", HTTP_AUTHORIZATION="Token bad", REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 401


def test_a_valid_token_user_is_throttled_at_the_user_rate(rates) -> None:  # type: ignore[no-untyped-def]
    rates(user="3/minute")
    token = Token.objects.create(user=create_user(Role.ANALYST))
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    codes = [client.get("/api/v1/me/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_tests_are_not_throttled_by_default() -> None:
    """Under pytest the rates are off unless set: many API calls in one test stay 200."""
    token = Token.objects.create(user=create_user(Role.ANALYST))
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert {client.get("/api/v1/me/").status_code for _ in range(70)} == {200}
