"""URL map. Each feature app adds one page include and one API include."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from urbis.core.admin_site import admin_site
from urbis.core.api import errors as api_errors
from urbis.core.api.permissions import roles_required
from urbis.core.permissions import STAFF_ROLES
from urbis.core.views import errors as page_errors
from urbis.core.views import language
from urbis.core.views.health import healthz

api_v1: list[URLPattern | URLResolver] = [
    path("", include("urbis.core.api.urls")),
    path("plan/", include("urbis.plan.api.urls")),
    path("gas/", include("urbis.sanctions.api.urls")),
    path("cpted/", include("urbis.cpted.api.urls")),
    path("incidents/", include("urbis.incidents.api.urls")),
    path("reports/", include("urbis.reports.api.urls")),
    path("casework/", include("urbis.casework.api.urls")),
    path("gdpr/", include("urbis.core.gdpr.api.urls")),
    # The schema lists every endpoint: staff (any role) only, like the API itself.
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[roles_required(*STAFF_ROLES)]),
        name="api-schema",
    ),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", permission_classes=[roles_required(*STAFF_ROLES)]
        ),
        name="api-docs",
    ),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("api/v1/", include(api_v1)),
    path(settings.URBIS_ADMIN_PATH, admin_site.urls),
    path("plan/", include("urbis.plan.urls")),
    path("gas/", include("urbis.sanctions.urls")),
    path("cpted/", include("urbis.cpted.urls")),
    path("incidents/", include("urbis.incidents.urls")),
    path("report/", include("urbis.reports.public_urls")),
    path("reports/", include("urbis.reports.urls")),
    path("open311/v2/", include("urbis.reports.open311.urls")),
    path("casework/", include("urbis.casework.urls")),
    path("", include("urbis.core.urls")),
]


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api_errors.json_404(request, exception)
    return page_errors.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api_errors.json_500(request)
    return page_errors.server_error(request)
