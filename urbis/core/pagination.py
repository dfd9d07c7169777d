"""API (DRF) pagination that writes the access log for the records of the page it returns.

It lives outside `urbis/core/api/` on purpose: no module under an `api/` folder writes the
access log (test_access_log_layering); this is the selector side of the API lists."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.views import APIView

from urbis.core.audit import log_access_many


class AccessLoggedPagination(PageNumberPagination):
    """``PageNumberPagination`` for lists of personal data: the records of the returned page
    (not the whole queryset) are access-logged in one insert, with the view's
    ``access_purpose`` code. The API counterpart of :func:`urbis.core.selectors.page_logged`.
    """

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: APIView | None = None
    ) -> list[Any] | None:
        page = super().paginate_queryset(queryset, request, view)
        purpose = getattr(view, "access_purpose", None)
        if not purpose:
            raise TypeError(f"{type(view).__name__} needs an access_purpose to log its reads")
        records = list(page if page is not None else queryset)
        log_access_many(user=request.user, targets=records, purpose=purpose)
        return records if page is not None else None
