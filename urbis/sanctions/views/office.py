"""The GAS office: dashboard with queues, batches of letters and decisions, dispatch and
enforcement lists."""

from __future__ import annotations

import datetime as dt
import io

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.permissions import role_required
from urbis.core.roles import has_role
from urbis.core.tabular import csv_response
from urbis.sanctions import selectors, workflow
from urbis.sanctions.permissions import CASE_ROLES, DECIDE_ROLES
from urbis.sanctions.services import batches, payments
from urbis.sanctions.views.common import (
    QUEUES,
)


@role_required(*CASE_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    counts = selectors.status_counts(request.user)
    at_risk = [
        (case, case.decision_limit, (case.decision_limit - today).days)
        for case in selectors.at_risk(request.user, today)[:50]
        if case.decision_limit
    ]
    return render(
        request,
        "sanctions/dashboard.html",
        {
            "counts": {
                q: sum(counts.get(s, 0) for s in statuses) for q, statuses in QUEUES.items()
            },
            "at_risk": at_risk,
            "lead_times": selectors.lead_times(
                request.user, today.replace(day=1, year=today.year - 1)
            ),
            "time_barred": counts.get(workflow.Status.TIME_BARRED, 0),
            "waiting": selectors.received_per_procedure(request.user),
            "due_this_week": selectors.at_risk(request.user, today, within_days=7).count(),
            "can_decide": has_role(request.user, *DECIDE_ROLES),
        },
    )


@role_required(*CASE_ROLES)
def dispatch_list(request: HttpRequest) -> HttpResponse:
    """The day's registered letters, for the post office (CSV)."""
    day = request.GET.get("day") or timezone.localdate().isoformat()
    try:
        on = dt.date.fromisoformat(day)
    except ValueError as error:
        raise Http404 from error
    # The address printed on each letter (the parents' own address for their copy).
    letters = selectors.registered_letters(user=request.user, day=on, purpose="gas.dispatch_list")
    rows = []
    for letter in letters:
        rows.append(
            [letter.case.number, letter.kind, letter.addressee, letter.address.replace("\n", ", ")]
        )
    return csv_response(f"registered-{on}.csv", ["case", "letter", "addressee", "address"], rows)


@role_required(*CASE_ROLES)
@require_POST
def notices(request: HttpRequest) -> HttpResponse:
    """Send the day's first letters of one procedure in one go (background task)."""
    procedure = request.POST.get("procedure", "")
    if procedure not in batches.NOTICE_ACTION:
        raise Http404
    batches.notices_send_task.enqueue(request.user.pk, procedure)
    messages.success(request, _("The letters are being generated; they appear on each case."))
    return redirect("sanctions:dashboard")


@role_required(*DECIDE_ROLES)
@require_POST
def fixed_fines(request: HttpRequest) -> HttpResponse:
    """The sanctioning official decides the stopping/parking/speeding fines left unpaid after
    their reminder (GAS-R32), in one go."""
    result = batches.fixed_fines_decide(actor=request.user)
    messages.success(
        request,
        _("%(done)s fines decided, %(refused)s refused.")
        % {"done": len(result.done), "refused": len(result.refused)},
    )
    for number, reason in result.refused[:20]:
        messages.error(request, f"{number}: {reason}")
    return redirect("sanctions:dashboard")


@role_required(*CASE_ROLES)
def enforcement(request: HttpRequest) -> HttpResponse:
    """Unpaid fines past their reminder: CSV for the bailiff; POST marks them exported."""
    if request.method == "POST":
        cases = batches.enforcement_export(actor=request.user, purpose="gas.enforcement_export")
    else:
        cases = selectors.enforcement_due(user=request.user, purpose="gas.enforcement_list")
    header = [
        "case",
        "name",
        "national_number",
        "enterprise_number",
        "street",
        "postcode",
        "city",
        "amount",
        "paid",
        "structured_communication",
        "decided_on",
    ]
    rows = []
    for case in cases:
        o = case.ascertainment.offender
        rows.append(
            [
                case.number,
                str(o),
                o.national_number,
                o.enterprise_number,
                o.street,
                o.postcode,
                o.city,
                case.amount,
                payments.paid_total(case),
                case.payment_reference,
                case.decided_on or "",
            ]
        )
    return csv_response("gas-enforcement.csv", header, rows)


def _print_day(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("day") or timezone.localdate().isoformat())
    except ValueError:
        return timezone.localdate()


@role_required(*CASE_ROLES)
def letters_print(request: HttpRequest) -> HttpResponse:
    """The day's letters: how many, and one print-ready PDF of them all."""
    day = _print_day(request)
    letters = selectors.letters_of_day(user=request.user, day=day, purpose="gas.letter_batch")
    return render(request, "sanctions/letters_print.html", {"day": day, "letters": letters})


@role_required(*CASE_ROLES)
def letters_print_pdf(request: HttpRequest, day: str) -> HttpResponse:
    """One PDF of every letter of ``day``, each starting on its own page, in case order."""
    from pypdf import PdfWriter

    try:
        on = dt.date.fromisoformat(day)
    except ValueError as error:
        raise Http404 from error
    letters = selectors.letters_of_day(user=request.user, day=on, purpose="gas.letter_batch")
    if not letters:
        raise Http404
    writer = PdfWriter()
    for letter in letters:
        writer.append(io.BytesIO(bytes(letter.content)))
    buffer = io.BytesIO()
    writer.write(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="gas-letters-{on.isoformat()}.pdf"'
    return response
