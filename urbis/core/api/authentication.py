"""Token authentication whose failures are rate-limited per client address."""

from __future__ import annotations

from typing import Any

from rest_framework import authentication, exceptions
from rest_framework.request import Request

from urbis.core.api.throttling import FailedAuthenticationThrottle


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's ``Authorization: Token <key>``; past the anonymous rate of failed attempts from one
    address, a failure answers 429 (with ``Retry-After``) instead of 401."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            throttle = FailedAuthenticationThrottle()
            if not throttle.allow_request(request, None):  # type: ignore[arg-type]
                raise exceptions.Throttled(wait=throttle.wait()) from None
            raise
