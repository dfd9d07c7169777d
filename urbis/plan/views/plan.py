"""The plan, its matrix, indicators, dashboard and reports, and its editing forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.forms import apply_service_errors
from urbis.core.models import Organisation
from urbis.core.permissions import role_required
from urbis.core.roles import has_role
from urbis.plan import charts, reports, selectors, services
from urbis.plan.bjorgo import MECHANISM_ORDER, Mechanism
from urbis.plan.forms import (
    ActionForm,
    ExtendForm,
    MeasurementForm,
    ObjectiveForm,
    PriorityForm,
)
from urbis.plan.models import Objective, Plan
from urbis.plan.permissions import EDIT_ROLES, READ_ROLES


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    return get_object_or_404(selectors.plans_for(request.user), pk=plan_id)


@role_required(*READ_ROLES)
def overview(request: HttpRequest) -> HttpResponse:
    plan = selectors.current_plan(request.user)
    if plan is not None:
        return redirect("plan:detail", plan_id=plan.pk)
    return render(request, "plan/empty.html")


@role_required(*READ_ROLES)
def detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    return render(
        request,
        "plan/detail.html",
        {
            "plan": plan,
            "tree": selectors.plan_tree(plan),
            "plans": selectors.plans_for(request.user),
            "can_edit": has_role(request.user, *EDIT_ROLES),
            "extend_form": ExtendForm(),
            "priority_form": PriorityForm(plan=plan),
        },
    )


@role_required(*READ_ROLES)
def matrix(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    view = selectors.matrix_for(plan)
    rows = [
        {
            "code": code,
            "label": label,
            "cells": [(m, view.cells[code][m]) for m in MECHANISM_ORDER],
            "gaps": [Mechanism(m).label for m in view.gaps[code]],
            "secondary_only": [Mechanism(m).label for m in view.secondary_only[code]],
        }
        for code, label in view.phenomena
    ]
    drill = None
    phenomenon, mechanism = request.GET.get("phenomenon"), request.GET.get("mechanism")
    if phenomenon and mechanism in MECHANISM_ORDER:
        drill = {
            "phenomenon": dict(view.phenomena).get(phenomenon, phenomenon),
            "mechanism": Mechanism(mechanism).label,
            "actions": selectors.cell_actions(plan, phenomenon, mechanism),
        }
    return render(
        request,
        "plan/matrix.html",
        {
            "plan": plan,
            "rows": rows,
            "mechanisms": [Mechanism(m) for m in MECHANISM_ORDER],
            "balance": [
                (Mechanism(m).label, round(view.balance[m] * 100, 1)) for m in MECHANISM_ORDER
            ],
            "drill": drill,
        },
    )


@role_required(*READ_ROLES)
def indicators(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    form = MeasurementForm()
    status = 200
    if request.method == "POST":
        if not has_role(request.user, *EDIT_ROLES):
            raise Http404
        form = MeasurementForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            indicator = get_object_or_404(selectors.plan_indicators(plan), pk=data["indicator"])
            try:
                services.measurement_record(
                    actor=request.user,
                    indicator=indicator,
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    value=data["value"],
                    source=data["source"],
                    base_n=data["base_n"],
                    note=data["note"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Measurement recorded."))
                return redirect("plan:indicators", plan_id=plan.pk)
        status = 400
    return render(
        request,
        "plan/indicators.html",
        {
            "plan": plan,
            "statuses": selectors.indicator_statuses(plan),
            "form": form,
            "report_year": timezone.localdate().year,
            "can_edit": has_role(request.user, *EDIT_ROLES),
        },
        status=status,
    )


@role_required(*READ_ROLES)
def dashboard(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    view = selectors.matrix_for(plan)
    trends = selectors.indicator_trends(plan)
    lights = {
        light: sum(1 for trend in trends if trend.status.light == light)
        for light in ("green", "amber", "red", "no_target", "grey")
    }
    return render(
        request,
        "plan/dashboard.html",
        {
            "plan": plan,
            "trends": [(trend, charts.trend_chart_json(trend)) for trend in trends],
            "lights": lights,
            "phenomena": view.phenomena,
            "gaps": view.gaps,
            "survey": selectors.survey_results("insecurity"),
        },
    )


@role_required(*READ_ROLES)
def report(request: HttpRequest, plan_id: int, year: int, fmt: str) -> HttpResponse:
    plan = _plan(request, plan_id)
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    language = request.GET.get("lang") or request.LANGUAGE_CODE
    if language not in ("nl", "fr", "en"):
        language = "nl"
    if fmt == "xlsx":
        content = reports.progress_xlsx(plan, year, language)
        response = HttpResponse(
            content,
            content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    else:
        content = reports.progress_pdf(plan, year, language)
        response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{plan.code}-{year}-{language}.{fmt}"'
    return response


@role_required(*EDIT_ROLES)
@require_POST
def extend(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Extend the plan for a new period (priorities, objectives and actions carried over)."""
    plan = _plan(request, plan_id)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            extension = services.plan_extend(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Plan extended as %(code)s.") % {"code": extension.code})
            return redirect("plan:detail", plan_id=extension.pk)
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(str(e) for e in errors)}")
    return redirect("plan:detail", plan_id=plan.pk)


@role_required(*EDIT_ROLES)
@require_POST
def add_priority(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Add a phenomenon to the plan (in an extension: with its diagnostic rationale)."""
    plan = _plan(request, plan_id)
    form = PriorityForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            services.priority_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Phenomenon added to the plan."))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(str(e) for e in errors)}")
    return redirect("plan:detail", plan_id=plan.pk)


def _objective(request: HttpRequest, objective_id: int) -> Objective:
    return get_object_or_404(
        Objective.objects.filter(
            priority__plan__in=selectors.plans_for(request.user)
        ).select_related("priority__plan"),
        pk=objective_id,
    )


@role_required(*EDIT_ROLES)
def add_action(request: HttpRequest, objective_id: int) -> HttpResponse:
    objective = _objective(request, objective_id)
    organisations = Organisation.objects.filter(is_active=True)
    form = ActionForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = services.action_create(
                actor=request.user,
                objective=objective,
                title=data["title"],
                owner=data["owner"],
                budget=data["budget"],
                description=data["description"],
                funding_source=data["funding_source"],
                target_groups=data["target_groups"],
                start=data["start"],
                end=data["end"],
                partners=form.partner_roles(),
                areas=data["areas"],
                mechanisms=[
                    services.MechanismTag(code, data["rationale"]) for code in data["mechanisms"]
                ],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Action created."))
            return redirect("plan:action", action_id=action.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "plan/form.html",
        {
            "form": form,
            "title": _("New action"),
            "context_line": str(objective),
            "back": reverse("plan:detail", args=[objective.priority.plan_id]),
        },
        status=status,
    )


@role_required(*EDIT_ROLES)
def add_objective(request: HttpRequest, objective_id: int) -> HttpResponse:
    parent = _objective(request, objective_id)
    form = ObjectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.objective_add(actor=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Objective created."))
            return redirect("plan:detail", plan_id=parent.priority.plan_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "plan/form.html",
        {
            "form": form,
            "title": _("New objective"),
            "context_line": str(parent),
            "back": reverse("plan:detail", args=[parent.priority.plan_id]),
        },
        status=status,
    )
