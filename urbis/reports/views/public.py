"""The citizen's pages: public on purpose (issue 12 §2), phone first, no personal data shown."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.permissions import public_view
from urbis.core.request_context import client_address
from urbis.reports import conf, selectors, services
from urbis.reports.forms import CitizenReportForm, FeedbackForm, InfoForm, JoinForm, TextForm
from urbis.reports.models import Source, Status
from urbis.reports.rules import attributes as attribute_rules
from urbis.reports.views.common import add_errors
from urbis.reports.workflow import OPEN

PUBLIC = "citizens report problems in public space without an account (issue 12)"


@public_view(PUBLIC)
def categories(request: HttpRequest) -> HttpResponse:
    groups: dict[str, list[Any]] = {}
    for category in selectors.public_categories():
        groups.setdefault(category.current.group or "", []).append(category)  # type: ignore[union-attr]
    return render(request, "reports/public/categories.html", {"groups": groups})


def _language() -> str:
    return (get_language() or "nl")[:2]


@public_view(PUBLIC)
def new_report(request: HttpRequest, code: str) -> HttpResponse:
    category = selectors.public_categories().filter(code=code).first()
    if category is None or category.current is None:
        from django.http import Http404

        raise Http404
    version = category.current
    definitions = attribute_rules.parse_definitions(version.attributes)
    form = CitizenReportForm(
        request.POST or None, request.FILES or None, definitions=definitions, language=_language()
    )
    nearby: list[Any] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report_input = services.ReportInput(
            category_code=code,
            description=data["description"],
            lat=data["lat"],
            lon=data["lon"],
            address=data["address"],
            attributes=form.answers(),
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
        )
        if data["lat"] is not None and data["lon"] is not None and not data["confirm_new"]:
            nearby = selectors.nearby_open(code, data["lat"], data["lon"])
        if not nearby:
            try:
                result = services.report_submit(
                    actor=None,
                    data=report_input,
                    source=Source.WEB,
                    photos=data["photos"],
                    submission_token=data["submission"],
                    client_address=client_address(request),
                )
            except services.ThrottledError:
                form.add_error(None, _("Too many reports from your connection; try again later."))
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. Your report number is %(n)s. Keep this page's address: it is "
                        "your private follow link."
                    )
                    % {"n": result.report.pk},
                )
                return redirect("report:follow", token=result.report.token)
    return render(
        request,
        "reports/public/new.html",
        {"form": form, "category": category, "version": version, "nearby": nearby},
        status=400 if request.method == "POST" and not nearby else 200,
    )


@public_view(PUBLIC)
def follow(request: HttpRequest, token: str) -> HttpResponse:
    report = selectors.report_by_token(token)
    history = report.status_changes.all()
    return render(
        request,
        "reports/public/follow.html",
        {
            "report": report,
            "history": history,
            "photos": report.photos.filter(visit__isnull=True),
            "info_form": InfoForm(),
            "reopen_form": TextForm(),
            "feedback_form": FeedbackForm(),
            "can_reopen": report.status in (Status.RESOLVED, Status.NO_ACTION),
            "is_open": report.status in OPEN,
        },
    )


def _follow_post(request: HttpRequest, token: str, form: Any, action: Any) -> HttpResponse:
    report = selectors.report_by_token(token)
    if form.is_valid():
        try:
            action(report, form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you, this was added to your report."))
            return redirect("report:follow", token=token)
    return render(
        request,
        "reports/public/follow_form.html",
        {"report": report, "form": form},
        status=400,
    )


@public_view(PUBLIC)
@require_POST
def add_info(request: HttpRequest, token: str) -> HttpResponse:
    return _follow_post(
        request,
        token,
        InfoForm(request.POST, request.FILES),
        lambda report, data: services.report_add_info(
            report=report, text=data["text"], photos=data["photos"]
        ),
    )


@public_view(PUBLIC)
@require_POST
def reopen(request: HttpRequest, token: str) -> HttpResponse:
    return _follow_post(
        request,
        token,
        TextForm(request.POST),
        lambda report, data: services.report_reopen_request(report=report, text=data["text"]),
    )


@public_view(PUBLIC)
@require_POST
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    return _follow_post(
        request,
        token,
        FeedbackForm(request.POST),
        lambda report, data: services.report_feedback(
            report=report, rating=data["rating"], text=data["text"]
        ),
    )


@public_view(PUBLIC)
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    """ "It is this one": join an open public report instead of filing a duplicate."""
    report = selectors.public_reports().filter(pk=pk).first()
    form = JoinForm(request.POST)
    if report is None or not form.is_valid():
        return render(request, "reports/public/joined.html", {"report": None}, status=400)
    try:
        services.report_join(report=report, email=form.cleaned_data["email"])
    except ValidationError:
        return render(request, "reports/public/joined.html", {"report": None}, status=400)
    return render(request, "reports/public/joined.html", {"report": report})


@public_view(PUBLIC)
def public_list(request: HttpRequest) -> HttpResponse:
    from django.core.paginator import Paginator

    page = Paginator(selectors.public_reports().order_by("-created_at", "-id"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "reports/public/list.html", {"page": page})


@public_view(PUBLIC)
def public_geojson(request: HttpRequest) -> JsonResponse:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
            "properties": {
                "name": f"#{r.pk} {r.category_version.name} — {Status(r.status).label}",
                "status": r.status,
            },
        }
        for r in selectors.public_reports().exclude(lat__isnull=True)[:2000]
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@public_view(PUBLIC)
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (Directive (EU) 2016/2102 art. 7), with the city's feedback
    contact and the enforcement procedure as configured (docs/reports.md)."""
    contact = {
        name: str(conf.get(f"URBIS_REPORTS_{name.upper()}"))
        for name in ("contact_email", "contact_phone", "contact_address", "ombudsman_url")
    }
    return render(request, "reports/public/accessibility.html", contact)


@public_view(PUBLIC)
def nearby_json(request: HttpRequest) -> JsonResponse:
    """ "Is it one of these?" for scripts and partner apps: open public reports of a category
    near a point (number, status, date, place — no personal data)."""
    code = request.GET.get("category", "")[:40]
    try:
        lat = float(request.GET.get("lat", ""))
        lon = float(request.GET.get("lon", ""))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError
    except ValueError:
        return JsonResponse({"errors": {"location": [_("Give lat and lon.")]}}, status=400)
    reports = selectors.nearby_open(code, lat, lon)
    return JsonResponse(
        {
            "results": [
                {
                    "number": r.pk,
                    "status": r.status,
                    "address": r.address,
                    "reported_at": r.created_at.isoformat(),
                }
                for r in reports
            ]
        }
    )
