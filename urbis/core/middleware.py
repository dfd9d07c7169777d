"""Request context for the audit log, and enforcement of two-factor authentication."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from urbis.core import request_context
from urbis.core.roles import has_role


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; behind ``URBIS_PROXY_COUNT`` proxies, from X-Forwarded-For."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_context.set_current(
            request_context.RequestContext(
                ip_address=client_ip(request),
                path=request.get_full_path(),
                request_id=request.headers.get("X-Request-ID", "") or str(uuid.uuid4()),
            )
        )
        try:
            return self.get_response(request)
        finally:
            request_context.reset(token)


# Paths a half-logged-in user may reach: the 2FA pages themselves, logout, static files.
_TWO_FACTOR_EXEMPT_NAMES = ("core:otp_verify", "core:otp_setup", "core:logout", "set_language")


class TwoFactorMiddleware:
    """A user with a TOTP device must verify it; a user whose role requires 2FA must enrol.

    Roles that require 2FA: ``URBIS_2FA_REQUIRED_ROLES`` (default admin and dpo).
    Token-authenticated API clients are machine accounts and are not affected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified():  # type: ignore[union-attr,attr-defined]
            exempt = {reverse(name) for name in _TWO_FACTOR_EXEMPT_NAMES}
            path = request.path
            if path not in exempt and not path.startswith(
                (settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/",)
            ):
                from django_otp import user_has_device

                if user_has_device(user, confirmed=True):
                    return redirect(f"{reverse('core:otp_verify')}?next={path}")
                if has_role(user, *settings.URBIS_2FA_REQUIRED_ROLES):
                    return redirect(f"{reverse('core:otp_setup')}?next={path}")
        return self.get_response(request)
