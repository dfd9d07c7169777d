"""Payments (statements, unmatched queue) and the register (art. 44)."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.permissions import role_required
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
        report = payments.payments_import(
            actor=request.user,
            source=form.cleaned_data["source"],
            content=upload.read(),
            filename=upload.name,
        )
    unmatched = selectors.unmatched_payments(user=request.user, purpose="gas.unmatched_payments")
    return render(
        request,
        "sanctions/payments.html",
        {"form": form, "report": report, "unmatched": unmatched},
    )


@require_POST
@role_required(*CASE_ROLES)
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


@require_POST
@role_required(*DECIDE_ROLES)
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
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="gas-evaluation.csv"'
    writer = csv.writer(response)
    writer.writerow(["year", "procedure", "measure", "minor", "count", "total_amount"])
    for row in selectors.evaluation_rows(request.user):
        writer.writerow(
            [row["year"], row["procedure"], row["measure"], row["minor"], row["n"], row["total"]]
        )
    return response
