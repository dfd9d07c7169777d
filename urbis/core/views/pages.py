"""The shell's pages: dashboard, map, audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from urbis.core import home, maplayers, modules, selectors
from urbis.core.gdpr.selectors import describe
from urbis.core.permissions import AUDIT_ROLES, STAFF_ROLES, role_required


@role_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    """Each user's home: their due and overdue work, alerts and recent items (core/home.py)."""
    return render(
        request,
        "core/dashboard.html",
        {"entries": modules.visible_to(request.user), "home": home.home_for(request.user)},
    )


@role_required(*STAFF_ROLES)
def city_map(request: HttpRequest) -> HttpResponse:
    areas = selectors.areas_for(request.user)
    layers = maplayers.visible_to(request.user)
    layer_urls = ",".join([reverse("core:areas_geojson"), *(layer.url for layer in layers)])
    return render(
        request,
        "core/map.html",
        {
            "areas": areas,
            "layers": layers,
            "layer_urls": layer_urls,
            "tile_url": settings.URBIS_MAP_TILE_URL,
        },
    )


@role_required(*STAFF_ROLES)
def areas_geojson(request: HttpRequest) -> JsonResponse:
    kind = request.GET.get("kind") or None
    return JsonResponse(selectors.areas_geojson(request.user, kind=kind))


@role_required(*AUDIT_ROLES)
def audit_log(request: HttpRequest) -> HttpResponse:
    tab = "access" if request.GET.get("tab") == "access" else "events"
    queryset = (
        selectors.access_log_for(request.user)
        if tab == "access"
        else selectors.audit_events_for(request.user)
    )
    text = request.GET.get("q", "").strip()
    if text:
        field = "action__icontains" if tab == "events" else "purpose__icontains"
        queryset = queryset.filter(Q(object_type__icontains=text) | Q(**{field: text}))
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    if tab == "access":
        # Readable names and links (a case number and alias, not "casework.case #31").
        entries: list[Any] = list(page.object_list)
        page.object_list = entries
        for row in describe(entries):
            row.entry.display_name = row.name  # type: ignore[attr-defined]
            row.entry.display_url = row.url  # type: ignore[attr-defined]
    return render(request, "core/audit_log.html", {"page": page, "tab": tab, "q": text})


@role_required()
def password_changed(request: HttpRequest) -> HttpResponse:
    return render(request, "core/password_changed.html")
