"""The enforcement team's phone pages: worklist by distance, visit, finding → GAS case."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urbis.core.permissions import role_required
from urbis.reports import selectors, services
from urbis.reports.forms import FindingForm, SpeedCheckForm, VisitForm
from urbis.reports.permissions import FIELD_ROLES, READ_ROLES, can_field, can_work
from urbis.reports.views.common import add_errors


def _coordinate(value: str | None, low: float, high: float) -> float | None:
    try:
        number = float(value) if value else None
    except ValueError:
        return None
    return number if number is not None and low <= number <= high else None


@role_required(*FIELD_ROLES)
def field_worklist(request: HttpRequest) -> HttpResponse:
    lat = _coordinate(request.GET.get("lat"), -90, 90)
    lon = _coordinate(request.GET.get("lon"), -180, 180)
    rows = selectors.officer_worklist(request.user, lat, lon)
    return render(
        request,
        "reports/field/worklist.html",
        {"rows": rows, "located": lat is not None and lon is not None},
    )


@role_required(*FIELD_ROLES)
def visit(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(request.user, pk)
    form = VisitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.visit_record(
                actor=request.user,
                report=report,
                findings=data["findings"],
                offence_observed=data["offence_observed"],
                lat=data["lat"],
                lon=data["lon"],
                photos=data["photos"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Visit recorded."))
            return redirect("reports:visit", pk=pk)
    visits = report.visits.prefetch_related("photos")
    finding_forms = [
        (
            v,
            FindingForm(
                initial={"visit": v.pk, "article_code": report.category_version.gas_article_code}
            ),
        )
        for v in visits
        if v.offence_observed
    ]
    return render(
        request,
        "reports/field/visit.html",
        {
            "report": report,
            "form": form,
            "visits": visits,
            "finding_forms": finding_forms,
            "gas_case": selectors.gas_case_of(request.user, report),
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required(*FIELD_ROLES)
def to_gas(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(request.user, pk)
    if request.method != "POST":
        return redirect("reports:visit", pk=pk)
    form = FindingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        visit_row = report.visits.filter(pk=data.pop("visit")).first()
        if visit_row is None:
            raise Http404
        try:
            report = services.finding_to_gas(
                actor=request.user,
                report=report,
                visit=visit_row,
                data=services.FindingData(**data),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("GAS case %(n)s opened.") % {"n": report.gas_case_number})
            return redirect("reports:visit", pk=pk)
    return render(request, "reports/field/gas.html", {"report": report, "form": form}, status=400)


@role_required(*READ_ROLES)
def speeding(request: HttpRequest) -> HttpResponse:
    may_record = can_field(request.user) or can_work(request.user)
    form = SpeedCheckForm(request.POST or None)
    if request.method == "POST":
        if not may_record:
            raise Http404
        if form.is_valid():
            try:
                services.speed_check_record(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Speed check recorded."))
                return redirect("reports:speeding")
    return render(
        request,
        "reports/field/speeding.html",
        {"rows": selectors.speeding_streets(request.user), "form": form, "may_record": may_record},
        status=400 if request.method == "POST" else 200,
    )
