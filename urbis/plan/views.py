"""Plan pages: thin glue over selectors and services."""

from __future__ import annotations

import csv
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from urbis.core.audit import log_access, log_access_many
from urbis.core.models import Organisation
from urbis.core.permissions import STAFF_ROLES, role_required
from urbis.core.roles import has_role
from urbis.plan import reports, selectors, services
from urbis.plan.bjorgo import MECHANISM_ORDER, Mechanism
from urbis.plan.forms import (
    ActionForm,
    ExtendForm,
    MeasurementForm,
    MechanismTagForm,
    ObjectiveForm,
    PriorityForm,
    PublishSurveyForm,
    SideEffectForm,
    SurveyUploadForm,
)
from urbis.plan.models import Action, Agreement, Indicator, Objective, Plan
from urbis.plan.permissions import EDIT_ROLES, READ_ROLES
from urbis.plan.tabular import read_rows


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


@role_required(*STAFF_ROLES)
def action_detail(request: HttpRequest, action_id: int) -> HttpResponse:
    action = get_object_or_404(
        selectors.actions_for(request.user).select_related("owner", "objective__priority__plan"),
        pk=action_id,
    )
    can_edit = has_role(request.user, *EDIT_ROLES)
    tag_form, effect_form = MechanismTagForm(), SideEffectForm()
    if request.method == "POST":
        if not can_edit:
            raise Http404
        try:
            if request.POST.get("form") == "tag":
                tag_form = MechanismTagForm(request.POST)
                if tag_form.is_valid():
                    services.action_tag(
                        actor=request.user,
                        action=action,
                        tag=services.MechanismTag(**tag_form.cleaned_data),
                    )
                    messages.success(request, _("Mechanism saved."))
                    return redirect("plan:action", action_id=action.pk)
            else:
                effect_form = SideEffectForm(request.POST)
                if effect_form.is_valid():
                    services.side_effect_record(
                        actor=request.user, action=action, **effect_form.cleaned_data
                    )
                    messages.success(request, _("Side effect recorded."))
                    return redirect("plan:action", action_id=action.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "plan/action.html",
        {
            "action": action,
            "can_edit": can_edit,
            "tag_form": tag_form,
            "effect_form": effect_form,
        },
        status=status,
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
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
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


SURVEY_ITEM_LABELS = {  # lazy: said in each request's language
    "insecurity": gettext_lazy("Feeling of insecurity"),
    "pride": gettext_lazy("Pride in the city"),
    "avoid_dark": gettext_lazy("Avoids going out after dark"),
    "avoid_places": gettext_lazy("Avoids certain places"),
}


@role_required(*READ_ROLES)
def survey(request: HttpRequest) -> HttpResponse:
    form = SurveyUploadForm()
    report = None
    status = 200
    if request.method == "POST":
        if not has_role(request.user, *EDIT_ROLES):
            raise Http404
        form = SurveyUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.survey_import(
                    actor=request.user,
                    rows=read_rows(upload, upload.name),
                    all_or_nothing=not form.cleaned_data["import_valid"],
                )
            except (ValueError, KeyError, UnicodeDecodeError, csv.Error) as exc:
                form.add_error("file", _("The file cannot be read: %(error)s") % {"error": exc})
            if report is not None and (report.ok or report.imported):
                messages.success(request, _("%(n)s responses imported.") % {"n": report.imported})
                for line, reason in report.rejected:
                    messages.warning(
                        request, _("line %(line)s: %(reason)s") % {"line": line, "reason": reason}
                    )
                return redirect("plan:survey")
        status = 400
    item = request.GET.get("item", "insecurity")
    if item not in selectors.SURVEY_ITEMS:
        item = "insecurity"
    results = selectors.survey_results(item)
    # Pseudonymous microdata (respondent, area, year) were read to compute the figures.
    log_access(user=request.user, target=("plan.surveyresponse", item), purpose="plan.survey")
    chart = {
        "labels": [str(year) for year in results["years"]],
        "values": [
            None if s.share is None else round(s.share * 100, 2) for s in results["years"].values()
        ],
        "low": [
            None if s.ci_low is None else round(s.ci_low * 100, 2)
            for s in results["years"].values()
        ],
        "high": [
            None if s.ci_high is None else round(s.ci_high * 100, 2)
            for s in results["years"].values()
        ],
        "benchmark": {str(b.year): float(b.value) for b in results["benchmarks"]},
        "names": {
            "share": str(_("Share (%)")),
            "low": str(_("95% interval, low")),
            "high": str(_("95% interval, high")),
            "benchmark": str(_("Benchmark")),
        },
    }
    return render(
        request,
        "plan/survey.html",
        {
            "form": form,
            "report": report,
            "results": results,
            "item": item,
            "items": [(code, SURVEY_ITEM_LABELS[code]) for code in selectors.SURVEY_ITEMS],
            "chart_json": json.dumps(chart),
            "can_edit": has_role(request.user, *EDIT_ROLES),
            "publish_form": PublishSurveyForm(
                indicators=Indicator.objects.filter(
                    objective__priority__plan__in=selectors.plans_for(request.user), unit="%"
                ),
                initial={"edition": max(results["years"], default=None)},
            ),
        },
        status=status,
    )


@role_required(*READ_ROLES)
def partners(request: HttpRequest) -> HttpResponse:
    """The partner directory: each organisation's place in the prevention spectrum, the actions
    it leads or takes part in (with its role), its contacts and agreements."""
    from urbis.plan.models import ActionPartner, Contact

    organisations = list(Organisation.objects.filter(is_active=True).order_by("name"))
    roles: dict[int, list[tuple[Action, str]]] = {}
    for link in ActionPartner.objects.select_related("action").order_by("action__title"):
        roles.setdefault(link.organisation_id, []).append((link.action, link.get_role_display()))
    contacts = list(Contact.objects.select_related("organisation").order_by("name"))
    # Contacts are personal data: their reading is logged (ARCHITECTURE §6).
    log_access_many(user=request.user, targets=contacts, purpose="plan.partner_contacts")
    by_org: dict[int, list[Contact]] = {}
    for contact in contacts:
        by_org.setdefault(contact.organisation_id, []).append(contact)
    return render(
        request,
        "plan/partners.html",
        {
            "rows": [(org, roles.get(org.pk, []), by_org.get(org.pk, [])) for org in organisations],
            "agreements": Agreement.objects.prefetch_related("parties"),
        },
    )


@role_required(*READ_ROLES)
def dashboard(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    view = selectors.matrix_for(plan)
    survey = selectors.survey_results("insecurity")
    statuses = selectors.indicator_statuses(plan)
    lights = {
        light: sum(1 for s in statuses if s.light == light)
        for light in ("green", "amber", "red", "grey")
    }
    return render(
        request,
        "plan/dashboard.html",
        {
            "plan": plan,
            "statuses": statuses,
            "lights": lights,
            "phenomena": view.phenomena,
            "gaps": view.gaps,
            "survey": survey,
            "mechanisms": [Mechanism(m) for m in MECHANISM_ORDER],
            "cells": view.cells,
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


@role_required(*READ_ROLES)
@require_POST
def practice_export(request: HttpRequest, action_id: int) -> HttpResponse:
    action = get_object_or_404(
        Action.objects.filter(objective__priority__plan__in=selectors.plans_for(request.user)),
        pk=action_id,
    )
    from urbis.plan.exchange import practice_sheet

    response = HttpResponse(
        json.dumps(practice_sheet(action), indent=2, ensure_ascii=False),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="practice-{action.pk}.json"'
    return response


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
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
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


@role_required(*EDIT_ROLES)
@require_POST
def survey_publish(request: HttpRequest) -> HttpResponse:
    indicators_qs = Indicator.objects.filter(
        objective__priority__plan__in=selectors.plans_for(request.user)
    )
    form = PublishSurveyForm(request.POST, indicators=indicators_qs)
    if form.is_valid():
        try:
            services.survey_publish(
                actor=request.user,
                indicator=form.cleaned_data["indicator"],
                edition=form.cleaned_data["edition"],
                item=request.POST.get("item", "insecurity"),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("plan:survey")
        messages.success(request, _("The survey result was recorded as a measurement."))
    else:
        messages.error(request, _("Choose an indicator and a year."))
    return redirect("plan:survey")


@role_required(*READ_ROLES)
def exchange(request: HttpRequest) -> HttpResponse:
    """Peer-city exchange: benchmark file export, and import of practice sheets and benchmarks."""
    from urbis.plan import exchange as exchange_rules

    if request.method == "POST":
        if not has_role(request.user, *EDIT_ROLES):
            raise Http404
        upload = request.FILES.get("file")
        if upload is None or (upload.size or 0) > 2 * 1024 * 1024:
            messages.error(request, _("Choose a JSON file of at most 2 MB."))
            return render(request, "plan/exchange.html", status=400)
        try:
            document = json.loads(upload.read().decode("utf-8"))
            summary = services.exchange_import(actor=request.user, document=document)
        except (UnicodeDecodeError, json.JSONDecodeError):
            messages.error(request, _("The file is not valid JSON."))
            return render(request, "plan/exchange.html", status=400)
        except ValidationError as error:
            problems = (
                [f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()]
                if hasattr(error, "error_dict")
                else list(error.messages)
            )
            return render(request, "plan/exchange.html", {"problems": problems}, status=400)
        messages.success(request, summary)
        return redirect("plan:exchange")
    if request.GET.get("download") == "benchmarks":
        plan = selectors.current_plan(request.user)
        body = exchange_rules.benchmark_file(plan) if plan else {}
        response = HttpResponse(
            json.dumps(body, indent=2, ensure_ascii=False), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="benchmarks.json"'
        return response
    return render(request, "plan/exchange.html", {"practices": services.imported_practices()})


@role_required(*STAFF_ROLES)
def my_actions(request: HttpRequest) -> HttpResponse:
    """The plan's actions the user's organisation owns or takes part in."""
    actions = (
        selectors.actions_for(request.user)
        .select_related("owner", "objective__priority__phenomenon")
        .prefetch_related("mechanisms", "partners__organisation")
    )
    return render(request, "plan/my_actions.html", {"actions": actions})


@require_POST
@role_required(*EDIT_ROLES)
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


@require_POST
@role_required(*EDIT_ROLES)
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
