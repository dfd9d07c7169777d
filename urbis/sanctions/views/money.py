"""Payments (statements, unmatched queue) and the register (art. 44)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.forms import apply_service_errors
from urbis.core.permissions import role_required
from urbis.core.tabular import csv_response
from urbis.sanctions import selectors
from urbis.sanctions.forms import (
    PaymentImportForm,
)
from urbis.sanctions.models import Payment
from urbis.sanctions.permissions import CASE_ROLES, DECIDE_ROLES
from urbis.sanctions.services import payments
from urbis.sanctions.services.register import register_purge


@role_required(*CASE_ROLES)
def payments_page(request: HttpRequest) -> HttpResponse:
    form = PaymentImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = payments.payments_import(
                actor=request.user,
                source=form.cleaned_data["source"],
                content=upload,
                filename=upload.name or "",
            )
        except ValidationError as error:
            apply_service_errors(form, error)
    unmatched = selectors.unmatched_payments(user=request.user, purpose="gas.unmatched_payments")
    return render(
        request,
        "sanctions/payments.html",
        {"form": form, "report": report, "unmatched": unmatched},
        status=400 if request.method == "POST" and form.errors else 200,
    )


@role_required(*CASE_ROLES)
@require_POST
def payment_assign(request: HttpRequest, payment_id: int) -> HttpResponse:
    payment = get_object_or_404(Payment, pk=payment_id, case__isnull=True)
    case = selectors.cases_for(request.user).filter(number=request.POST.get("case", "")).first()
    if case is None:
        messages.error(request, _("No case with that number."))
    else:
        payments.payment_assign(actor=request.user, payment=payment, case=case)
        messages.success(request, _("Payment assigned to %(n)s.") % {"n": case.number})
    return redirect("sanctions:payments")


@role_required(*CASE_ROLES)
def register(request: HttpRequest) -> HttpResponse:
    page = selectors.register_page(
        user=request.user, purpose="gas.register", number=request.GET.get("page")
    )
    return render(request, "sanctions/register.html", {"page": page})


@role_required(*DECIDE_ROLES)
@require_POST
def register_purge_view(request: HttpRequest) -> HttpResponse:
    log = register_purge(actor=request.user)
    messages.success(
        request,
        _("%(n)s register entries older than %(cutoff)s deleted.")
        % {"n": log.deleted, "cutoff": log.cutoff},
    )
    return redirect("sanctions:register")


@role_required(*CASE_ROLES)
def evaluation_export(request: HttpRequest) -> HttpResponse:
    """GAS-R52 (art. 52): anonymous figures for the federal five-yearly evaluation."""
    return csv_response(
        "gas-evaluation.csv",
        ["year", "procedure", "measure", "minor", "count", "total_amount"],
        (
            [row["year"], row["procedure"], row["measure"], row["minor"], row["n"], row["total"]]
            for row in selectors.evaluation_rows(request.user)
        ),
    )
