"""The DPO-only guard of the GDPR pages: everyone else gets 404 (as on every page), and each
refused request is recorded as the audit event ``gdpr.export_refused`` (issue 14: exports
requested by a non-DPO are refused and logged), shown on the DPO's alerts page.

The record says who asked, on which path and what was asked (parameter names; national
numbers and e-mail addresses only as a keyed hash and a mask, never in clear: GDPR art. 5(1)(c)
data minimisation — the DPO needs to know *that* someone looked a person up, and can match the
hash against a known number, not to read the number in the log)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from urbis.core.gdpr.selectors import is_dpo
from urbis.core.gdpr.services import export_refused
from urbis.core.permissions import role_required
from urbis.core.roles import Role

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])

# Parameters that identify the looked-up person: kept only hashed and masked.
PERSONAL_KEYS = frozenset({"national_number", "email"})
MAX_KEYS = 20
MAX_VALUE = 100


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 under the site's secret key (an 11-digit number's plain hash could be
    brute-forced), shortened: enough for the DPO to match a number they already know."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()[:24]


def mask(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    return "•" * max(len(value) - 2, 1) + value[-2:] if len(value) > 4 else "•" * len(value)


def _clean(value: str) -> str:
    return value.replace("\x00", "")[:MAX_VALUE]


def asked(request: HttpRequest, kwargs: dict[str, Any]) -> dict[str, Any]:
    """What the refused request asked for: the URL arguments and query parameters (personal
    ones hashed and masked), and only the *names* of posted fields (their values may be a
    breach description or a person's data)."""
    query: dict[str, Any] = {}
    for key in list(request.GET.keys())[:MAX_KEYS]:
        value = request.GET.get(key, "")
        name = _clean(key)
        if key in PERSONAL_KEYS:
            if value.strip():
                query[name] = {"hash": keyed_hash(value), "masked": mask(_clean(value))}
        else:
            query[name] = _clean(value)
    result: dict[str, Any] = {
        "method": _clean(request.method or ""),
        "args": {_clean(k): _clean(str(v)) for k, v in kwargs.items()},
        "query": query,
    }
    if request.method == "POST":
        result["posted_fields"] = sorted(_clean(k) for k in list(request.POST.keys())[:MAX_KEYS])
    return result


def asked_api(request: Any) -> dict[str, Any]:
    """``asked`` for a refused API call (a DRF request wraps the Django one)."""
    return asked(getattr(request, "_request", request), {})


def dpo_only(view: ViewFunc) -> ViewFunc:
    """``role_required(Role.DPO)`` that also records every refused logged-in request."""
    protected = role_required(Role.DPO)(view)

    @wraps(protected)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not is_dpo(request.user):
            export_refused(
                actor=request.user,
                page=view.__name__,
                path=request.path,
                asked=asked(request, kwargs),
            )
        return protected(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]
