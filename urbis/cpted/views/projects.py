"""Project pages: list, register, edit, detail (triage, assessments, advice, phase), import."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.permissions import role_required
from urbis.core.roles import has_role
from urbis.core.tabular import TabularError, read_table
from urbis.cpted import selectors, services
from urbis.cpted.forms import (
    ImportForm,
    PhaseForm,
    ProjectForm,
    RecommendationForm,
    StartAssessmentForm,
    StatusForm,
)
from urbis.cpted.models import Outcome, RecommendationStatus
from urbis.cpted.permissions import (
    ASSESS_ROLES,
    COORDINATE_ROLES,
    PROJECT_ROLES,
    READ_ROLES,
)
from urbis.cpted.views.common import add_errors, project_or_404


@role_required(*READ_ROLES)
def project_list(request: HttpRequest) -> HttpResponse:
    projects = selectors.projects_for(request.user).prefetch_related("triages")
    outcome = request.GET.get("outcome", "")
    rows = []
    for project in projects:
        triage = next(iter(project.triages.all()), None)
        if outcome and (triage is None or triage.outcome != outcome):
            continue
        rows.append((project, triage))
    return render(
        request,
        "cpted/project_list.html",
        {
            "rows": rows,
            "outcomes": Outcome.choices,
            "outcome": outcome,
            "can_create": has_role(request.user, *PROJECT_ROLES),
            "can_coordinate": has_role(request.user, *COORDINATE_ROLES),
        },
    )


def _save_project(request: HttpRequest, form: ProjectForm) -> HttpResponse | None:
    if not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    location = data.pop("location_geojson")
    try:
        if form.instance.pk:
            project = services.project_update(
                actor=request.user, project=form.instance, location=location, **data
            )
        else:
            project = services.project_create(actor=request.user, location=location, **data)
    except ValidationError as error:
        add_errors(form, error)
        return None
    messages.success(request, _("Project saved."))
    return redirect("cpted:project", project_id=project.pk)


@role_required(*PROJECT_ROLES)
def project_create(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(
        request.POST or None,
        initial={
            "project_leader": request.user.pk,
            "department": getattr(request.user, "organisation_id", None),
        },
    )
    if request.method == "POST":
        response = _save_project(request, form)
        if response is not None:
            return response
    return render(
        request,
        "cpted/project_form.html",
        {"form": form, "title": _("Register an investment project")},
        status=400 if request.method == "POST" else 200,
    )


@role_required(*PROJECT_ROLES)
def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_or_404(request, project_id)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST":
        response = _save_project(request, form)
        if response is not None:
            return response
    return render(
        request,
        "cpted/project_form.html",
        {"form": form, "title": project.name, "project": project},
        status=400 if request.method == "POST" else 200,
    )


@role_required(*READ_ROLES)
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_or_404(request, project_id)
    return render(request, "cpted/project_detail.html", _detail_context(request, project))


def _detail_context(request: HttpRequest, project, **forms):
    # The checklist choice is never empty: migration 0005 seeds the default (a GET never writes).
    can_assess = has_role(request.user, *ASSESS_ROLES)
    context = {
        "project": project,
        "triage": selectors.latest_triage(project),
        "assessments": project.assessments.select_related("template", "advisor"),
        "recommendations": project.recommendations.select_related("department", "item"),
        "phase_changes": project.phase_changes.all(),
        "can_edit": has_role(request.user, *PROJECT_ROLES),
        "can_assess": can_assess,
        "phase_form": PhaseForm(initial={"phase": project.phase}),
        "start_form": StartAssessmentForm(),
        "recommendation_form": RecommendationForm(
            initial={"phase": project.phase, "department": project.department_id}
        ),
        "status_form": StatusForm(),
        "status_choices": RecommendationStatus.choices,
        "open_mandatory": selectors.open_mandatory_advice(project),
    }
    context.update(forms)
    return context


@role_required(*PROJECT_ROLES)
@require_POST
def project_phase(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_or_404(request, project_id)
    form = PhaseForm(request.POST)
    if form.is_valid():
        try:
            services.project_set_phase(
                actor=request.user, project=project, phase=form.cleaned_data["phase"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Phase changed."))
            return redirect("cpted:project", project_id=project.pk)
    return render(
        request,
        "cpted/project_detail.html",
        _detail_context(request, project, phase_form=form),
        status=400,
    )


@role_required(*ASSESS_ROLES)
@require_POST
def recommendation_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_or_404(request, project_id)
    form = RecommendationForm(request.POST)
    if form.is_valid():
        try:
            services.recommendation_create(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Recommendation added."))
            return redirect("cpted:project", project_id=project.pk)
    return render(
        request,
        "cpted/project_detail.html",
        _detail_context(request, project, recommendation_form=form),
        status=400,
    )


@role_required(*PROJECT_ROLES)
@require_POST
def recommendation_status(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = (
        selectors.recommendations_for(request.user).filter(pk=recommendation_id).first()
    )
    if recommendation is None:
        raise Http404
    form = StatusForm(request.POST)
    if form.is_valid():
        if form.cleaned_data["status"] == "verified" and not has_role(request.user, *ASSESS_ROLES):
            raise Http404  # only the advisor verifies
        try:
            services.recommendation_set_status(
                actor=request.user, recommendation=recommendation, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Recommendation updated."))
            return redirect("cpted:project", project_id=recommendation.project_id)
    return render(
        request,
        "cpted/project_detail.html",
        _detail_context(
            request, recommendation.project, status_form=form, status_for=recommendation.pk
        ),
        status=400,
    )


@role_required(*COORDINATE_ROLES)
def project_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                table = read_table(upload, filename=upload.name or "")
            except TabularError as error:
                form.add_error("file", str(error))
            else:
                report = services.projects_import(
                    actor=request.user, rows=table, commit=form.cleaned_data["commit"]
                )
                if report.ok and form.cleaned_data["commit"]:
                    messages.success(
                        request, _("%(count)d projects imported.") % {"count": len(report.created)}
                    )
                    return redirect("cpted:projects")
        status = 200 if report is not None and report.ok else 400
    return render(request, "cpted/import.html", {"form": form, "report": report}, status=status)


@role_required(*READ_ROLES)
def project_map(request: HttpRequest) -> HttpResponse:
    """The portfolio map: every located project the user may see, linked to its page."""
    collection = selectors.projects_geojson(request.user)
    return render(
        request,
        "cpted/project_map.html",
        {
            "features": collection["features"],
            "can_coordinate": has_role(request.user, *COORDINATE_ROLES),
        },
    )


@role_required(*READ_ROLES)
def projects_geojson(request: HttpRequest) -> JsonResponse:
    return JsonResponse(selectors.projects_geojson(request.user))


@role_required(*READ_ROLES)
def project_geojson(request: HttpRequest, project_id: int) -> JsonResponse:
    project = project_or_404(request, project_id)
    return JsonResponse(selectors.projects_geojson(request.user, project_id=project.pk))
