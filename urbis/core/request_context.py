"""Where the current request came from, for the audit and access logs.

The middleware sets it; services never take a request argument, yet each audit event still
records "from where" (ARCHITECTURE §4.2).
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.http import HttpRequest


@dataclass(frozen=True)
class RequestContext:
    ip_address: str | None = None
    path: str = ""
    request_id: str = ""


_EMPTY = RequestContext()
_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "urbis_request_context", default=None
)


def current() -> RequestContext:
    return _current.get() or _EMPTY


def set_current(context: RequestContext) -> contextvars.Token[RequestContext | None]:
    return _current.set(context)


def reset(token: contextvars.Token[RequestContext | None]) -> None:
    _current.reset(token)


def client_address(request: HttpRequest) -> str:
    """The caller's address: the one the middleware recorded (behind the proxy), else the
    socket's, else empty."""
    return current().ip_address or request.META.get("REMOTE_ADDR", "") or ""
