"""The public-space service's pages: worklists, the report page, status and assignment."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core import tabular
from urbis.core.gdpr.restrictions import active_restriction
from urbis.core.models import User
from urbis.core.permissions import role_required
from urbis.core.rates import per_1000
from urbis.reports import selectors, services
from urbis.reports.forms import AssignForm, SavedFilterForm, TransitionForm, WorklistFilterForm
from urbis.reports.models import Report, Source, Status
from urbis.reports.permissions import INDICATOR_ROLES, READ_ROLES, WORK_ROLES, can_work
from urbis.reports.views.common import add_errors
from urbis.reports.workflow import Actor, allowed
from urbis.reports.workflow import Status as WStatus

PAGE_SIZE = 50


def _export_header() -> list[str]:
    """The export's column names, in the page's language (words, not field codes)."""
    return [
        _("Number"),
        _("Reported at"),
        _("Category"),
        _("Status"),
        _("Team"),
        _("Assigned to"),
        _("Area"),
        _("Address"),
        _("Due"),
        _("Source"),
        _("Description"),
    ]


def _export_rows(queryset: Any) -> Iterator[list[Any]]:
    """One row per report: category, status, team, person and source said in words."""
    statuses = dict(Status.choices)
    sources = dict(Source.choices)
    rows = queryset.select_related("category_version", "team", "assignee", "area")[:100_000]
    for r in rows:
        yield [
            r.pk,
            timezone.localtime(r.created_at).isoformat(timespec="minutes"),
            r.category_version.name,
            str(statuses.get(r.status, r.status)),
            r.team.name if r.team else "",
            (r.assignee.get_full_name() or r.assignee.get_username()) if r.assignee else "",
            r.area.name if r.area else "",
            r.address,
            r.due_on,
            str(sources.get(r.source, r.source)),
            r.description,
        ]


def _filters(form: WorklistFilterForm) -> selectors.WorklistFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return selectors.WorklistFilters(
        team=data.get("team", ""),
        category=data.get("category", ""),
        area=data.get("area", ""),
        status=data.get("status", ""),
        assignee=data.get("assignee", ""),
        source=data.get("source", ""),
        overdue=bool(data.get("overdue")),
        sort=data.get("sort") or "-created_at",
    )


@role_required(*READ_ROLES)
def worklist(request: HttpRequest) -> HttpResponse:
    form = WorklistFilterForm(request.GET)
    queryset = selectors.worklist(request.user, _filters(form))
    wanted = request.GET.get("export", "")
    if wanted in ("csv", "xlsx"):
        header, export_rows = _export_header(), _export_rows(queryset)
        if wanted == "csv":
            return tabular.csv_response("reports.csv", header, export_rows)
        response = HttpResponse(
            tabular.xlsx_bytes({_("Reports"): (header, export_rows)}),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="reports.xlsx"'
        return response
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    keep = {k: v for k, v in request.GET.items() if k not in ("page", "export")}
    today = timezone.localdate()
    rows = [(report, selectors.flag_of(report, today)) for report in page.object_list]
    return render(
        request,
        "reports/staff/worklist.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": urlencode(keep),
            "saved": selectors.saved_filters(request.user),
            "save_form": SavedFilterForm(initial={"query": urlencode(keep)}),
            "teams": selectors.teams_for(request.user),
            "can_work": can_work(request.user),
        },
    )


@role_required(*READ_ROLES)
@require_POST
def save_filter(request: HttpRequest) -> HttpResponse:
    form = SavedFilterForm(request.POST)
    if form.is_valid():
        try:
            services.saved_filter_save(
                actor=request.user, name=form.cleaned_data["name"], query=form.cleaned_data["query"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Filters saved."))
            return redirect(f"{_worklist_url()}?{form.cleaned_data['query']}")
    return render(request, "reports/staff/error.html", {"form": form}, status=400)


def _worklist_url() -> str:
    from django.urls import reverse

    return reverse("reports:worklist")


def _people(report: Report) -> list[tuple[int, str]]:
    members = User.objects.filter(report_teams__isnull=False).distinct().order_by("username")
    return [(u.pk, u.get_full_name() or u.get_username()) for u in members]


def _report_context(request: HttpRequest, report: Report, **forms: Any) -> dict[str, Any]:
    by = Actor.STAFF
    return {
        "report": report,
        "restriction": active_restriction(report),
        "flag": selectors.flag_of(report),
        "history": report.status_changes.select_related("actor"),
        "assignments": report.assignments.select_related("team", "assignee", "actor"),
        "messages_": report.messages.all(),
        "photos": report.photos.all(),
        "visits": report.visits.select_related("officer"),
        "gas_case": selectors.gas_case_of(request.user, report),
        "reporters": selectors.reporters_of(request.user, report, purpose="reports.reporter"),
        "can_work": can_work(request.user),
        "allowed": [
            (s.value, Status(s.value).label) for s in allowed(WStatus(report.status), by=by)
        ],
        "duplicates": report.duplicates.all(),
        "transition_form": forms.get("transition_form") or TransitionForm(),
        "assign_form": forms.get("assign_form")
        or AssignForm(initial={"team": report.team_id}, people=_people(report)),
    }


@role_required(*READ_ROLES)
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_with_access_log(request.user, pk, purpose="reports.report")
    return render(request, "reports/staff/report.html", _report_context(request, report))


@role_required(*WORK_ROLES)
@require_POST
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(request.user, pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        original = None
        if data["duplicate_of"]:
            original = selectors.reports_for(request.user).filter(pk=data["duplicate_of"]).first()
            if original is None:
                form.add_error("duplicate_of", _("No such report."))
        if not form.errors:
            try:
                services.report_transition(
                    actor=request.user,
                    report=report,
                    to_status=data["status"],
                    text=data["text"],
                    internal_note=data["internal_note"],
                    forwarded_to=data["forwarded_to"],
                    duplicate_of=original,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Status changed."))
                return redirect("reports:report", pk=pk)
    context = _report_context(request, report, transition_form=form)
    return render(request, "reports/staff/report.html", context, status=400)


@role_required(*WORK_ROLES)
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(request.user, pk)
    form = AssignForm(request.POST, people=_people(report))
    if form.is_valid():
        data = form.cleaned_data
        assignee = User.objects.filter(pk=data["assignee"]).first() if data["assignee"] else None
        try:
            services.report_assign(
                actor=request.user,
                report=report,
                team=data["team"],
                assignee=assignee,
                note=data["note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Report reassigned."))
            return redirect("reports:report", pk=pk)
    context = _report_context(request, report, assign_form=form)
    return render(request, "reports/staff/report.html", context, status=400)


@role_required(*READ_ROLES)
def staff_geojson(request: HttpRequest) -> JsonResponse:
    """Open reports on the city map (no personal data)."""
    queryset = selectors.worklist(request.user, selectors.WorklistFilters(status="open"))
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
            "properties": {"name": f"#{r.pk} {r.category_version.name}", "status": r.status},
        }
        for r in queryset.exclude(lat__isnull=True)[:5000]
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@role_required(*INDICATOR_ROLES)
def indicators(request: HttpRequest) -> HttpResponse:
    import datetime as dt

    today = timezone.localdate()
    start = today.replace(month=1, day=1)
    rows = selectors.counts_by(start, today)
    population = selectors.city_population()
    by_category: dict[str, int] = {}
    for row in rows:
        by_category[row["category__code"]] = by_category.get(row["category__code"], 0) + row["n"]
    days = selectors.resolution_days(start, today)
    return render(
        request,
        "reports/staff/indicators.html",
        {
            "rows": [{**row, "rate": per_1000(row["n"], row["area__population"])} for row in rows],
            "by_category": [
                (code, n, per_1000(n, population)) for code, n in sorted(by_category.items())
            ],
            "median": selectors.percentile(days, 50),
            "p90": selectors.percentile(days, 90),
            "resolved": len(days),
            "start": start,
            "end": today,
            "population": population,
            "_unused": dt,
        },
    )


@role_required(*READ_ROLES)
def photo(request: HttpRequest, photo_id: int) -> HttpResponse:
    """A photo through the role check (never a public media URL)."""
    from django.http import FileResponse

    row = selectors.photo_get(user=request.user, photo_id=photo_id, purpose="reports.photo")
    return FileResponse(row.image.open("rb"), content_type="image/jpeg")  # type: ignore[return-value]
