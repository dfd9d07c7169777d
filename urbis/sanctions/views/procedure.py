"""Case pages for the recorded steps of the procedure: hearing held, the minor's lawyer,
payment terms agreed in mediation, community service, letter receipt, limitation events.
One POST view: parse the step's form, call its service, back to the case page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.permissions import role_required
from urbis.sanctions import forms as f
from urbis.sanctions.models import Case, Hearing, Letter
from urbis.sanctions.permissions import CASE_ROLES
from urbis.sanctions.services import procedure
from urbis.sanctions.views.common import _case, _form_errors


def _hearing(case: Case, data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "hearing": get_object_or_404(Hearing, pk=data["hearing"], case=case)}


def _letter(case: Case, data: dict[str, Any]) -> dict[str, Any]:
    letter = get_object_or_404(Letter.objects.defer("content"), pk=data["letter"], case=case)
    return {**data, "letter": letter}


Prepare = Callable[[Case, dict[str, Any]], dict[str, Any]]
#: step → (form, service, how the form's data becomes the service's arguments, done message)
STEPS: dict[str, tuple[type[forms.Form], Callable[..., Any], Prepare | None, str]] = {
    "hearing-record": (f.HearingRecordForm, procedure.hearing_record, _hearing, "hearing"),
    "lawyer": (f.LawyerForm, procedure.lawyer_record, None, "lawyer"),
    "payment-terms": (f.PaymentTermsForm, procedure.payment_terms_agree, None, "terms"),
    "community-service": (
        f.CommunityServiceForm,
        procedure.community_service_propose,
        None,
        "service",
    ),
    "service-result": (
        f.CommunityServiceResultForm,
        procedure.community_service_result,
        None,
        "result",
    ),
    "letter-receipt": (f.LetterReceiptForm, procedure.letter_receipt_record, _letter, "receipt"),
    "limitation": (f.LimitationEventForm, procedure.limitation_event_record, None, "limitation"),
}


def _done(code: str) -> str:
    return {
        "hearing": _("Hearing recorded."),
        "lawyer": _("Lawyer recorded."),
        "terms": _("Payment terms recorded."),
        "service": _("Community service recorded."),
        "result": _("Community service result recorded."),
        "receipt": _("Receipt date recorded."),
        "limitation": _("Limitation event recorded."),
    }[code]


@role_required(*CASE_ROLES)
@require_POST
def case_procedure(request: HttpRequest, number: str, step: str) -> HttpResponse:
    """Record one step of the procedure on the case (STEPS)."""
    if step not in STEPS:
        raise Http404
    case = _case(request, number)
    form_class, service, prepare, done = STEPS[step]
    form = form_class(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("sanctions:case", number=case.number)
    data = prepare(case, form.cleaned_data) if prepare else form.cleaned_data
    try:
        service(actor=request.user, case=case, **data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _done(done))
    return redirect("sanctions:case", number=case.number)
