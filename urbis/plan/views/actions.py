"""An action's page, its practice sheet, and the actions of a partner's organisation."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.permissions import STAFF_ROLES, role_required
from urbis.core.roles import has_role
from urbis.plan import selectors, services
from urbis.plan.forms import (
    MechanismTagForm,
    SideEffectForm,
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
        },
        status=status,
    )


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


@role_required(*STAFF_ROLES)
def my_actions(request: HttpRequest) -> HttpResponse:
    """The plan's actions the user's organisation owns or takes part in."""
    actions = (
        selectors.actions_for(request.user)
        .select_related("owner", "objective__priority__phenomenon")
        .prefetch_related("mechanisms", "partners__organisation")
    )
    return render(request, "plan/my_actions.html", {"actions": actions})
