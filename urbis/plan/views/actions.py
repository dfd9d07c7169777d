"""An action's page, its practice sheet, and the actions of a partner's organisation."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.forms import apply_service_errors
from urbis.core.models import Organisation
from urbis.core.permissions import STAFF_ROLES, role_required
from urbis.core.roles import has_role
from urbis.plan import selectors, services
from urbis.plan.exchange import practice_sheet
from urbis.plan.forms import (
    ActionDetailsForm,
    ActionStatusForm,
    MechanismTagForm,
    SideEffectForm,
    action_initial,
)
from urbis.plan.models import Action
from urbis.plan.permissions import EDIT_ROLES, READ_ROLES


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
            "status_form": ActionStatusForm(current=action.status),
            "history": selectors.action_history(action),
        },
        status=status,
    )


def _editable_action(request: HttpRequest, action_id: int) -> Action:
    return get_object_or_404(
        selectors.actions_for(request.user).select_related("owner", "objective__priority__plan"),
        pk=action_id,
    )


@role_required(*EDIT_ROLES)
def action_edit(request: HttpRequest, action_id: int) -> HttpResponse:
    """Change an action's details, partners and areas after its creation."""
    action = _editable_action(request, action_id)
    organisations = Organisation.objects.filter(is_active=True)
    form = ActionDetailsForm(
        request.POST or None, organisations=organisations, initial=action_initial(action)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = services.ActionChanges(
            **{name: data[name] for name in services.ACTION_FIELDS},
            partners=form.partner_roles(),
        )
        try:
            services.action_update(actor=request.user, action=action, changes=changes)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Action saved."))
            return redirect("plan:action", action_id=action.pk)
    return render(
        request,
        "plan/form.html",
        {
            "form": form,
            "title": _("Edit the action"),
            "context_line": action.title,
            "back": reverse("plan:action", args=[action.pk]),
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required(*EDIT_ROLES)
@require_POST
def action_status(request: HttpRequest, action_id: int) -> HttpResponse:
    """Move an action to its next status; the history keeps every change."""
    action = _editable_action(request, action_id)
    form = ActionStatusForm(request.POST, current=action.status)
    if form.is_valid():
        try:
            services.action_status_change(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Status changed."))
            return redirect("plan:action", action_id=action.pk)
    return render(
        request,
        "plan/action_status.html",
        {"action": action, "status_form": form},
        status=400,
    )


@role_required(*READ_ROLES)
@require_POST
def practice_export(request: HttpRequest, action_id: int) -> HttpResponse:
    action = get_object_or_404(
        Action.objects.filter(objective__priority__plan__in=selectors.plans_for(request.user)),
        pk=action_id,
    )
    response = HttpResponse(
        json.dumps(practice_sheet(action), indent=2, ensure_ascii=False),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="practice-{action.pk}.json"'
    return response


@role_required(*STAFF_ROLES)
def my_actions(request: HttpRequest) -> HttpResponse:
    """The plan's actions the user's organisation owns or takes part in."""
    actions = (
        selectors.actions_for(request.user)
        .select_related("owner", "objective__priority__phenomenon")
        .prefetch_related("mechanisms", "partners__organisation")
    )
    return render(request, "plan/my_actions.html", {"actions": actions})
