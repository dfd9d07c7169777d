"""The mySociety servicerequestupdates extension, and the spec's error for unknown paths."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.permissions import public_view
from urbis.reports import conf
from urbis.reports.models import Status, StatusChange
from urbis.reports.open311.render import Node, errors, render
from urbis.reports.open311.views.common import (
    MAX_RANGE,
    PUBLIC,
    _arg,
    _datetime,
    _jurisdiction,
    w3c,
)
from urbis.reports.workflow import OPEN311_EXTENDED
from urbis.reports.workflow import Status as WStatus


def _update_node(change: Any) -> Node:
    status = WStatus(change.to_status)
    return Node(
        "request_update",
        [
            ("update_id", str(change.pk)),
            ("service_request_id", str(change.report_id)),
            ("status", OPEN311_EXTENDED[status]),
            ("updated_datetime", w3c(change.at)),
            ("description", change.text or Status(change.to_status).label),
            ("media_url", None),
        ],
    )


@public_view(PUBLIC)
def service_request_updates(request: HttpRequest, fmt: str) -> HttpResponse:
    """mySociety extension (open311-adapter Role/mySociety.pm): status updates for partners,
    with the extended status names; ``start_date``/``end_date`` as for requests."""
    refused = _jurisdiction(request, fmt)
    if refused:
        return refused
    problems: list[tuple[int, str]] = []
    start_at = _datetime(_arg(request, "start_date"), "start_date", problems)
    end_at = _datetime(_arg(request, "end_date"), "end_date", problems)
    if problems:
        return errors(fmt, 400, problems)
    changes = StatusChange.objects.filter(report__category_version__is_public=True).exclude(
        from_status=""
    )
    changes = changes.filter(at__gte=start_at or timezone.now() - MAX_RANGE)
    if end_at:
        changes = changes.filter(at__lte=end_at)
    limit = int(conf.get("URBIS_REPORTS_OPEN311_LIMIT"))  # type: ignore[call-overload]
    rows = changes.order_by("at", "id")[:limit]
    return render(
        "service_request_updates", [("request_update", _update_node(c)) for c in rows], fmt
    )


@public_view(PUBLIC)
def bad_format(request: HttpRequest, rest: str) -> HttpResponse:
    """An unknown method or a format other than .xml/.json: the spec's error, in XML."""
    return errors("xml", 404, [(404, _("Unknown method or format; use .xml or .json."))])
