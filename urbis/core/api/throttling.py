"""API rate limits: anonymous and per-user request rates, and failed token authentications.

Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (``URBIS_API_ANON_RATE``,
``URBIS_API_USER_RATE``), counted in Django's cache: set ``URBIS_CACHE_URL`` to a Redis server in
production so that every worker shares the counts (README § Configuration).
"""

from __future__ import annotations

from typing import Any

from rest_framework import throttling
from rest_framework.request import Request
from rest_framework.settings import api_settings


class _CurrentRates:
    # DRF copies the rates into a class attribute at import time; read them on each request so
    # that a changed setting (and override_settings in tests) takes effect.
    scope: str | None

    def get_rate(self) -> str | None:
        rates: dict[str, Any] = api_settings.DEFAULT_THROTTLE_RATES
        rate = rates.get(self.scope or "")
        return str(rate) if rate else None


class AnonRateThrottle(_CurrentRates, throttling.AnonRateThrottle):
    """Requests without a logged-in user, per client address."""


class UserRateThrottle(_CurrentRates, throttling.UserRateThrottle):
    """Requests of a logged-in user or token, per user."""


class FailedAuthenticationThrottle(_CurrentRates, throttling.SimpleRateThrottle):
    """Failed token authentications, per client address, at the anonymous rate.

    DRF authenticates before it throttles, so a flood of bad tokens would only ever see 401;
    ``urbis.core.api.authentication.TokenAuthentication`` counts each failure here instead.
    """

    scope = "anon"

    def get_cache_key(self, request: Request, view: Any) -> str:
        # Never touch request.user here: this runs while the user is being authenticated.
        return self.cache_format % {"scope": "auth-failure", "ident": self.get_ident(request)}
