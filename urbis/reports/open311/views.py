"""GeoReport v2 endpoints at /open311/v2/ (spec: open311.github.io GeoReport_v2/index.md).

Public on purpose: the spec's read methods need no key; POST needs a partner's ``api_key``.
Thin glue: parse the spec's arguments, call one selector or service, render XML or JSON."""

from __future__ import annotations

import math
import re
from datetime import datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from urbis.core.permissions import public_view
from urbis.core.request_context import client_address
from urbis.reports import conf, services
from urbis.reports.models import (
    CLOSED_VALUES,
    Category,
    CategoryVersion,
    Report,
    Source,
    Status,
    StatusChange,
)
from urbis.reports.open311.render import Node, errors, render
from urbis.reports.rules import attributes as attribute_rules
from urbis.reports.services.keys import open311_key_check
from urbis.reports.workflow import CLOSED, OPEN311_EXTENDED, open311_status
from urbis.reports.workflow import Status as WStatus

PUBLIC = "Open311 GeoReport v2: read methods are open by the spec, POST needs a partner api_key"
SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
MAX_RANGE = timedelta(
    days=90
)  # spec, GET Service Requests: a range "may not span more than 90 days"
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]{1,100})\](\[\])?$")
_POSTCODE = re.compile(r"\b(\d{4})\b")


def w3c(value: datetime | None) -> str | None:
    """W3C datetime with the offset (spec: "Timezone information ... must be included")."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def _arg(request: HttpRequest, name: str) -> str:
    """Spec "Optional Arguments": empty means absent."""
    source = request.POST if request.method == "POST" else request.GET
    return (source.get(name) or "").strip()


def _jurisdiction(request: HttpRequest, fmt: str) -> HttpResponse | None:
    """One jurisdiction is served: the id may be left out; another one is "not found" (404)."""
    given = _arg(request, "jurisdiction_id")
    if given and given != str(conf.get("URBIS_REPORTS_JURISDICTION")):
        return errors(
            fmt, 404, [(404, _("jurisdiction_id %(j)s was not found.") % {"j": given[:100]})]
        )
    return None


def _live_categories() -> Any:
    return (
        Category.objects.filter(active=True, current__isnull=False, current__is_public=True)
        .select_related("current", "current__team")
        .order_by("order", "code")
    )


def _service(category: Category) -> Node:
    version: CategoryVersion = category.current  # type: ignore[assignment]
    return Node(
        "service",
        [
            ("service_code", category.code),
            ("service_name", version.name),
            ("description", version.description or version.name),
            ("metadata", bool(version.attributes)),
            ("type", str(conf.get("URBIS_REPORTS_OPEN311_TYPE"))),
            ("keywords", version.keywords),
            ("group", version.group),
        ],
    )


def _language() -> str:
    from django.utils.translation import get_language

    return (get_language() or "nl")[:2]


def _attribute(attribute: attribute_rules.Attribute) -> Node:
    fields: list[tuple[str, Any]] = [
        ("variable", attribute.variable),
        ("code", attribute.code),
        ("datatype", attribute.datatype),
        ("required", attribute.required),
        ("datatype_description", attribute.datatype_description or None),
        ("order", attribute.order),
        ("description", attribute.names.get(_language()) or attribute.description),
    ]
    if attribute.values:
        fields.append(
            (
                "values",
                [("value", Node("value", [("key", k), ("name", n)])) for k, n in attribute.values],
            )
        )
    return Node("attribute", fields)


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


def _notice(version: CategoryVersion) -> str:
    if version.sla_working_days:
        return _("Handled within %(n)d working days.") % {"n": version.sla_days}
    return _("Handled within %(n)d days.") % {"n": version.sla_days}


# --- endpoints ------------------------------------------------------------------------------


@public_view(PUBLIC)
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/").rstrip("/")
    endpoint = Node(
        "endpoint",
        [
            ("specification", SPEC_URL),
            ("url", base),
            ("changeset", "2026-12-01T00:00:00+01:00"),
            ("type", "production"),
            ("formats", [("format", "text/xml"), ("format", "application/json")]),
        ],
    )
    node = Node(
        "discovery",
        [
            ("changeset", "2026-12-01T00:00:00+01:00"),
            ("contact", _("The city's public-space service (reports desk).")),
            ("key_service", _("Partner applications ask the city for an API key.")),
            ("endpoints", [("endpoint", endpoint)]),
        ],
    )
    return render("discovery", node, fmt)


@public_view(PUBLIC)
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    refused = _jurisdiction(request, fmt)
    if refused:
        return refused
    return render("services", [("service", _service(c)) for c in _live_categories()], fmt)


@public_view(PUBLIC)
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    refused = _jurisdiction(request, fmt)
    if refused:
        return refused
    category = _live_categories().filter(code=code).first()
    if category is None or category.current is None:
        return errors(fmt, 404, [(404, _("service_code %(c)s was not found.") % {"c": code[:40]})])
    definitions = attribute_rules.parse_definitions(category.current.attributes)
    node = Node(
        "service_definition",
        [
            ("service_code", category.code),
            ("attributes", [("attribute", _attribute(a)) for a in definitions]),
        ],
    )
    return render("service_definition", node, fmt)


def _narrowed(request: HttpRequest, fmt: str, queryset: QuerySet[Report]) -> Any:
    """The requests the query asks for (by id, or by service, window and status), or the
    400 answer naming each bad parameter."""
    ids = _arg(request, "service_request_id")
    if ids:
        wanted = [part.strip() for part in ids.split(",") if part.strip()]
        if not all(part.isdigit() and len(part) < 12 for part in wanted):
            return errors(fmt, 400, [(400, _("service_request_id: comma-separated numbers."))])
        return queryset.filter(pk__in=[int(p) for p in wanted])
    problems: list[tuple[int, str]] = []
    codes = _arg(request, "service_code")
    if codes:
        queryset = queryset.filter(category__code__in=[c.strip() for c in codes.split(",")])
    start_at = _datetime(_arg(request, "start_date"), "start_date", problems)
    end_at = _datetime(_arg(request, "end_date"), "end_date", problems)
    status = _arg(request, "status")
    statuses = {s.strip() for s in status.split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        problems.append((400, _("status: open or closed.")))
    if problems:
        return errors(fmt, 400, problems)
    if start_at and end_at and (end_at - start_at > MAX_RANGE or end_at < start_at):
        return errors(fmt, 400, [(400, _("start_date to end_date may span at most 90 days."))])
    start_at, end_at = _window(start_at, end_at)
    queryset = queryset.filter(created_at__gte=start_at)
    if end_at:
        queryset = queryset.filter(created_at__lte=end_at)
    if statuses == {"open"}:
        return queryset.exclude(status__in=CLOSED_VALUES)
    if statuses == {"closed"}:
        return queryset.filter(status__in=CLOSED_VALUES)
    return queryset


def _window(start_at: datetime | None, end_at: datetime | None) -> tuple[datetime, datetime | None]:
    """The spec's defaults: the last 90 days, or 90 days from the one end given."""
    if start_at is None:
        return (end_at or timezone.now()) - MAX_RANGE, end_at
    if end_at is None:
        return start_at, start_at + MAX_RANGE
    return start_at, end_at


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
    queryset = _narrowed(request, fmt, Report.objects.filter(category_version__is_public=True))
    if isinstance(queryset, HttpResponse):
        return queryset
    limit = int(conf.get("URBIS_REPORTS_OPEN311_LIMIT"))  # type: ignore[call-overload]
    rows = queryset.order_by("-created_at", "-id").values(*REQUEST_FIELDS)[:limit]
    labels = _Labels()
    return render("service_requests", [("request", _request_node(r, labels)) for r in rows], fmt)


def _datetime(value: str, name: str, problems: list[tuple[int, str]]) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parse_datetime(value.replace(" ", "+"))
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        problems.append((400, _("%(f)s: a W3C datetime with a time zone.") % {"f": name}))
        return None
    return parsed


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


def _float(value: str, name: str, problems: list[tuple[int, str]]) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        problems.append((400, _("%(f)s: a number (WGS84 degrees).") % {"f": name}))
        return None
    return number


FIELD_NAMES = {
    "category": "service_code",
    "location": "lat/long",
    "description": "description",
    "email": "email",
    "first_name": "first_name",
    "last_name": "last_name",
    "phone": "phone",
    "address": "address_string",
    "media_url": "media_url",
    "photos": "media_url",
}


def _answers(request: HttpRequest) -> dict[str, list[str]]:
    """The ``attribute[code]`` fields of a POST, by code (a multi-value list may repeat)."""
    answers: dict[str, list[str]] = {}
    for name in request.POST:
        match = _ATTRIBUTE.match(name)
        if match:
            answers.setdefault(match.group(1), []).extend(request.POST.getlist(name))
    return answers


def _refused(fmt: str, code: str, error: ValidationError) -> HttpResponse:
    """A refused submission as the spec's errors: an unknown or staff-only service is a 404,
    anything else a 400 per field, named as the client sent it."""
    if "category" in error.message_dict:
        return errors(fmt, 404, [(404, _("service_code %(c)s was not found.") % {"c": code[:40]})])
    found: list[tuple[int, str]] = []
    for field, messages in error.message_dict.items():
        name = FIELD_NAMES.get(
            field,
            field.replace("attribute.", "attribute[") + "]"
            if field.startswith("attribute.")
            else field,
        )
        found.extend((400, f"{name}: {message}") for message in messages)
    return errors(fmt, 400, found)


def _post(request: HttpRequest, fmt: str) -> HttpResponse:
    """POST Service Request: form-encoded, ``api_key`` required (403), service_code (400/404),
    a location (400), attributes checked against the service definition (400)."""
    refused = _jurisdiction(request, fmt)
    if refused:
        return refused
    raw_key = _arg(request, "api_key")
    key = open311_key_check(raw_key)
    if key is None:
        text = _("api_key is missing.") if not raw_key else _("api_key is invalid or revoked.")
        return errors(fmt, 403, [(403, text)])
    code = _arg(request, "service_code")
    if not code:
        return errors(fmt, 400, [(400, _("service_code was not provided."))])
    problems: list[tuple[int, str]] = []
    lat = _float(_arg(request, "lat"), "lat", problems)
    lon = _float(_arg(request, "long"), "long", problems)
    address = _arg(request, "address_string")
    if not address and _arg(request, "address_id") and lat is None:
        problems.append((400, _("address_id is not known here: give lat/long or address_string.")))
    answers = _answers(request)
    if problems:
        return errors(fmt, 400, problems)
    data = services.ReportInput(
        category_code=code,
        description=request.POST.get("description", ""),
        lat=lat,
        lon=lon,
        address=address,
        attributes=answers,
        first_name=_arg(request, "first_name"),
        last_name=_arg(request, "last_name"),
        email=_arg(request, "email"),
        phone=_arg(request, "phone"),
        media_url=_arg(request, "media_url"),
    )
    try:
        result = services.report_submit(
            actor=None,
            data=data,
            source=Source.OPEN311,
            open311_key=key,
            client_address=client_address(request),
        )
    except services.ThrottledError as error:
        which = _("this api_key") if error.what == "key" else _("this address")
        return errors(
            fmt, 429, [(429, _("Too many requests from %(w)s; retry later.") % {"w": which})]
        )
    except ValidationError as error:
        return _refused(fmt, code, error)
    report = result.report
    version = report.category_version
    fields: list[tuple[str, Any]]
    if str(conf.get("URBIS_REPORTS_OPEN311_TYPE")) == "batch":
        fields = [("token", report.open311_token)]
    else:
        fields = [("service_request_id", str(report.pk))]
    fields += [("service_notice", _notice(version)), ("account_id", None)]
    return render(
        "service_requests",
        [("request", Node("request", fields))],
        fmt,
        status=201 if result.created else 200,
    )


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
