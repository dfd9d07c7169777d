"""Triage pages: answer the flow for a project; view, edit or upload the flow; dashboard."""

from __future__ import annotations

import yaml
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from urbis.core.permissions import role_required
from urbis.cpted import selectors, services
from urbis.cpted import triage as engine
from urbis.cpted.diagram import flow_svg
from urbis.cpted.forms import FlowForm, triage_form_class
from urbis.cpted.models import Outcome, TriageFlow
from urbis.cpted.permissions import COORDINATE_ROLES, PROJECT_ROLES, READ_ROLES
from urbis.cpted.texts import pick
from urbis.cpted.views.common import add_errors, project_or_404


def _initial(answers: dict) -> dict:
    return {k: ("true" if v is True else "false" if v is False else v) for k, v in answers.items()}


def _flow_in_use(request: HttpRequest) -> TriageFlow:
    flow = selectors.flow_current(request.user)
    if flow is None:  # migration 0005 seeds it; a read never does
        raise Http404(_("No triage flow is installed."))
    return flow


@role_required(*PROJECT_ROLES)
def triage(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_or_404(request, project_id)
    flow = _flow_in_use(request)
    form_class = triage_form_class(flow.document, get_language())
    latest = selectors.latest_triage(project)
    initial = _initial(latest.answers if latest else selectors.suggested_answers(project))
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.triage_record(
                actor=request.user, project=project, answers=form.cleaned_data, flow=flow
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Triage recorded."))
            return redirect("cpted:project", project_id=project.pk)
    return render(
        request,
        "cpted/triage.html",
        {"project": project, "form": form, "flow": flow, "latest": latest},
        status=400 if request.method == "POST" else 200,
    )


@role_required(*READ_ROLES)
def flow(request: HttpRequest) -> HttpResponse:
    current = _flow_in_use(request)
    shown = current
    if request.GET.get("version"):
        shown = get_object_or_404(selectors.flows_for(request.user), version=request.GET["version"])
    can_edit = any(role in COORDINATE_ROLES for role in getattr(request.user, "_urbis_roles", ()))
    form = FlowForm(
        initial={"document": yaml.safe_dump(current.document, allow_unicode=True, sort_keys=False)}
    )
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise Http404
        form = FlowForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                document = services.parse_flow_text(form.cleaned_data["document"])
                saved = services.flow_save(
                    actor=request.user,
                    document=document,
                    version=form.cleaned_data["version"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, _("Flow version %(v)s saved and in use.") % {"v": saved.version}
                )
                return redirect("cpted:flow")
        status = 400
    labels = {str(value): str(label) for value, label in Outcome.choices}
    language = get_language()
    return render(
        request,
        "cpted/flow.html",
        {
            "flow": shown,
            "current": current,
            "versions": selectors.flows_for(request.user),
            # The SVG is built from escaped text only (diagram.py escapes every label).
            "diagram": mark_safe(  # noqa: S308 - built from escaped texts
                flow_svg(
                    shown.document,
                    labels,
                    language,
                    title=_("Triage flow diagram, version %(version)s")
                    % {"version": shown.version},
                    described_by="flow-text",
                )
            ),
            "questions": _questions_shown(shown.document, language, labels),
            "form": form,
            "can_edit": can_edit,
        },
        status=status,
    )


#: How a question's answer type reads on the flow page.
TYPE_LABELS = {
    "bool": gettext_lazy("yes or no"),
    "int": gettext_lazy("whole number"),
    "number": gettext_lazy("number"),
    "choice": gettext_lazy("one choice"),
    "multi": gettext_lazy("several choices"),
}


def _questions_shown(
    document: dict, language: str, labels: dict[str, str]
) -> list[tuple[str, dict]]:
    """The flow's questions with their texts and branches in words of ``language``."""
    shown = []
    for qid, question in document["questions"].items():
        rules = [
            {
                "condition": engine.rule_condition(question, rule, language),
                "reason": pick(rule.get("reason"), language),
                **_target(str(rule.get("then", "")), labels),
            }
            for rule in question.get("rules") or []
        ]
        text = engine.question_text(question, language)
        otherwise = _target(question["else"], labels) if "else" in question else None
        kind = TYPE_LABELS.get(question["type"], question["type"])
        shown.append(
            (qid, {**question, "text": text, "rules": rules, "otherwise": otherwise, "kind": kind})
        )
    return shown


def _target(target: str, labels: dict[str, str]) -> dict[str, str]:
    """A branch's target: a question (linked in the list) or an outcome (its label)."""
    if target.startswith("outcome:"):
        outcome = target.split(":", 1)[1]
        return {"outcome": labels.get(outcome, outcome)}
    return {"question": target}


@role_required(*COORDINATE_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    data = selectors.portfolio(request.user)
    labels = dict(Outcome.choices)
    return render(
        request,
        "cpted/dashboard.html",
        {
            "p": data,
            "by_outcome": [(labels[k], data.by_outcome.get(k, 0)) for k in Outcome.values],
        },
    )
