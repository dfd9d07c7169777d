"""Friendly error pages (never a stack trace to a user)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponse(loader.render_to_string("404.html", {}, request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the template must not depend on a database that may be down.
    return HttpResponse(loader.render_to_string("500.html", {}), status=500)
