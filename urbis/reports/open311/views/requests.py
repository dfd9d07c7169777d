"""GET Service Requests, one request and a token (GeoReport v2)."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from urbis.core.permissions import public_view
from urbis.reports import conf
from urbis.reports.models import CLOSED_VALUES, CategoryVersion, Report, Status
from urbis.reports.open311.render import Node, errors, render
from urbis.reports.open311.views.common import (
    MAX_RANGE,
    PUBLIC,
    _arg,
    _datetime,
    _jurisdiction,
    _notice,
    w3c,
)
from urbis.reports.open311.views.post import _post
from urbis.reports.workflow import CLOSED, OPEN311_EXTENDED, open311_status
from urbis.reports.workflow import Status as WStatus

_POSTCODE = re.compile(r"\b(\d{4})\b")

REQUEST_FIELDS = (
    "pk",
    "status",
    "public_note",
    "forwarded_to",
    "duplicate_of_id",
    "due_on",
    "address",
    "description",
    "created_at",
    "updated_at",
    "lat",
    "lon",
    "media_url",
    "category__code",
    "category_version_id",
    "team__name",
)


class _Labels:
    """Status labels, category names and notices computed once per response (the list may
    hold 1,000 requests)."""

    def __init__(self) -> None:
        self.status = {value: str(label) for value, label in Status.choices}
        self.versions: dict[int, tuple[str, str]] = {}
        self.forwarded = _("forwarded to %(who)s")
        self.duplicate = _("duplicate of %(n)s")

    def version(self, version_id: int) -> tuple[str, str]:
        if version_id not in self.versions:
            version = CategoryVersion.objects.get(pk=version_id)
            self.versions[version_id] = (version.name, _notice(version))
        return self.versions[version_id]


def _request_node(row: dict[str, Any], labels: _Labels) -> Node:
    status = WStatus(row["status"])
    notes = f"{labels.status[row['status']]} ({OPEN311_EXTENDED[status]})"
    if row["public_note"]:
        notes += f": {row['public_note']}"
    if row["forwarded_to"]:
        notes += " — " + labels.forwarded % {"who": row["forwarded_to"]}
    if row["duplicate_of_id"]:
        notes += " — " + labels.duplicate % {"n": row["duplicate_of_id"]}
    expected = None
    if row["due_on"] and status not in CLOSED:
        expected = timezone.make_aware(datetime.combine(row["due_on"], time(23, 59, 59)))
    postcode = _POSTCODE.search(row["address"] or "")
    name, notice = labels.version(row["category_version_id"])
    return Node(
        "request",
        [
            ("service_request_id", str(row["pk"])),
            ("status", open311_status(status)),
            ("status_notes", notes),
            ("service_name", name),
            ("service_code", row["category__code"]),
            ("description", row["description"] or None),
            ("agency_responsible", row["team__name"]),
            ("service_notice", notice),
            ("requested_datetime", w3c(row["created_at"])),
            ("updated_datetime", w3c(row["updated_at"])),
            ("expected_datetime", w3c(expected)),
            ("address", row["address"] or None),
            ("address_id", None),
            ("zipcode", postcode.group(1) if postcode else None),
            ("lat", row["lat"]),
            ("long", row["lon"]),
            ("media_url", row["media_url"] or None),
        ],
    )


@public_view(PUBLIC)
@csrf_exempt
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _post(request, fmt)
    if request.method not in ("GET", "HEAD"):
        return errors(fmt, 405, [(405, _("Use GET or POST."))])
    refused = _jurisdiction(request, fmt)
    if refused:
        return refused
    queryset = Report.objects.filter(category_version__is_public=True)
    ids = _arg(request, "service_request_id")
    if ids:
        wanted = [part.strip() for part in ids.split(",") if part.strip()]
        if not all(part.isdigit() and len(part) < 12 for part in wanted):
            return errors(fmt, 400, [(400, _("service_request_id: comma-separated numbers."))])
        queryset = queryset.filter(pk__in=[int(p) for p in wanted])
    else:
        filtered = _filtered(request, queryset, fmt)
        if isinstance(filtered, HttpResponse):
            return filtered
        queryset = filtered
    limit = int(conf.get("URBIS_REPORTS_OPEN311_LIMIT"))  # type: ignore[call-overload]
    rows = queryset.order_by("-created_at", "-id").values(*REQUEST_FIELDS)[:limit]
    labels = _Labels()
    return render("service_requests", [("request", _request_node(r, labels)) for r in rows], fmt)


def _filtered(request: HttpRequest, queryset: Any, fmt: str) -> Any:
    """The GET filters of the spec (service_code, start/end dates, status) applied to
    ``queryset``, or the 400 answer naming the bad parameter."""
    problems: list[tuple[int, str]] = []
    codes = _arg(request, "service_code")
    if codes:
        queryset = queryset.filter(category__code__in=[c.strip() for c in codes.split(",")])
    start, end = _arg(request, "start_date"), _arg(request, "end_date")
    start_at = _datetime(start, "start_date", problems)
    end_at = _datetime(end, "end_date", problems)
    status = _arg(request, "status")
    statuses = {s.strip() for s in status.split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        problems.append((400, _("status: open or closed.")))
    if problems:
        return errors(fmt, 400, problems)
    if start_at and end_at and (end_at - start_at > MAX_RANGE or end_at < start_at):
        return errors(fmt, 400, [(400, _("start_date to end_date may span at most 90 days."))])
    if start_at is None and end_at is None:
        start_at = timezone.now() - MAX_RANGE  # spec default: the last 90 days
    elif start_at is None and end_at is not None:
        start_at = end_at - MAX_RANGE
    elif end_at is None and start_at is not None:
        end_at = start_at + MAX_RANGE
    queryset = queryset.filter(created_at__gte=start_at)
    if end_at:
        queryset = queryset.filter(created_at__lte=end_at)
    if statuses == {"open"}:
        queryset = queryset.exclude(status__in=CLOSED_VALUES)
    elif statuses == {"closed"}:
        queryset = queryset.filter(status__in=CLOSED_VALUES)
    return queryset


@public_view(PUBLIC)
def request_detail(request: HttpRequest, pk: str, fmt: str) -> HttpResponse:
    refused = _jurisdiction(request, fmt)
    if refused:
        return refused
    report = None
    if pk.isdigit() and len(pk) < 12:
        report = (
            Report.objects.filter(pk=int(pk), category_version__is_public=True)
            .values(*REQUEST_FIELDS)
            .first()
        )
    if report is None:
        return errors(
            fmt, 404, [(404, _("service_request_id %(n)s was not found.") % {"n": pk[:20]})]
        )
    return render("service_requests", [("request", _request_node(report, _Labels()))], fmt)


@public_view(PUBLIC)
def token_detail(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    refused = _jurisdiction(request, fmt)
    if refused:
        return refused
    report = Report.objects.filter(open311_token=token[:32]).only("pk", "open311_token").first()
    if report is None:
        return errors(fmt, 404, [(404, _("token %(t)s was not found.") % {"t": token[:40]})])
    node = Node(
        "request", [("service_request_id", str(report.pk)), ("token", report.open311_token)]
    )
    return render("service_requests", [("request", node)], fmt)
