"""Request context for the audit log, and enforcement of two-factor authentication."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from urbis.core import request_context
from urbis.core.api.errors import error_body
from urbis.core.roles import second_factor_pending


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; behind ``URBIS_PROXY_COUNT`` proxies, from X-Forwarded-For."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


#: The audit log's column for a request id (a UUID is 36 characters).
REQUEST_ID_MAX = 36
_REQUEST_ID_ALLOWED = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:"
)


def request_id_of(request: HttpRequest) -> str:
    """The caller's ``X-Request-ID`` when it fits the audit log (≤ 36 safe characters), else a
    fresh UUID: a long or odd header must never break the write it accompanies."""
    given = request.headers.get("X-Request-ID", "")
    if given and len(given) <= REQUEST_ID_MAX and set(given) <= _REQUEST_ID_ALLOWED:
        return given
    return str(uuid.uuid4())


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path_info or "%00" in request.META.get("QUERY_STRING", "").lower():
        return True
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
    )


class RejectNulMiddleware:
    """A NUL byte in the path or the query string is refused with 400 before any view runs.

    PostgreSQL cannot store or compare text with NUL, so such a value reaching a filter or a
    lookup would be a 500; no legitimate URL contains one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            message = _("The address contains a NUL character.")
            if request.path_info.startswith("/api/"):
                return JsonResponse(error_body(400, "invalid", message), status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_context.set_current(
            request_context.RequestContext(
                ip_address=client_ip(request),
                path=request.get_full_path(),
                request_id=request_id_of(request),
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
        if user.is_authenticated and not user.is_verified():  # type: ignore[attr-defined]
            exempt = {reverse(name) for name in _TWO_FACTOR_EXEMPT_NAMES}
            path = request.path
            if path not in exempt and not path.startswith(
                (settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/",)
            ):
                step = second_factor_pending(user)
                if step:
                    return redirect(f"{reverse(step)}?next={path}")
        return self.get_response(request)
