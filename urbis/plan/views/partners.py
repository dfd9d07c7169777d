"""The partner directory and the exchange with peer cities."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urbis.core.models import Organisation
from urbis.core.permissions import role_required
from urbis.core.roles import has_role
from urbis.plan import exchange as exchange_rules
from urbis.plan import selectors, services
from urbis.plan.models import Agreement, Contact
from urbis.plan.permissions import EDIT_ROLES, READ_ROLES


@role_required(*READ_ROLES)
def partners(request: HttpRequest) -> HttpResponse:
    """The partner directory: each organisation's place in the prevention spectrum, the actions
    it leads or takes part in (with its role), its contacts and agreements."""
    organisations = list(Organisation.objects.filter(is_active=True).order_by("name"))
    roles = selectors.partner_roles()
    # Contacts are personal data: the selector logs their reading (ARCHITECTURE §6).
    contacts = selectors.partner_contacts(user=request.user, purpose="plan.partner_contacts")
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
def exchange(request: HttpRequest) -> HttpResponse:
    """Peer-city exchange: benchmark file export, and import of practice sheets and benchmarks."""
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
    return render(request, "plan/exchange.html", {"practices": selectors.imported_practices()})
