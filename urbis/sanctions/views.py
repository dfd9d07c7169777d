"""GAS pages: thin glue over selectors and services."""

from __future__ import annotations

import csv
import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.audit import log_access, log_access_many
from urbis.core.permissions import role_required
from urbis.core.roles import has_role
from urbis.sanctions import selectors, timelimits, workflow
from urbis.sanctions.forms import (
    AppealForm,
    BulkImportForm,
    DecisionForm,
    DefenceForm,
    HearingForm,
    InstalmentForm,
    IntakeForm,
    JudgmentForm,
    PaymentImportForm,
)
from urbis.sanctions.models import Case, Letter, Payment
from urbis.sanctions.permissions import CASE_ROLES, DECIDE_ROLES, INTAKE_ROLES
from urbis.sanctions.services import batches, intake, payments
from urbis.sanctions.services import cases as case_services
from urbis.sanctions.services.register import register_purge

QUEUES = {
    "received": [workflow.Status.RECEIVED, workflow.Status.AWAITING_PROSECUTOR],
    "defence": [
        workflow.Status.OPENED,
        workflow.Status.DEFENCE_RECEIVED,
        workflow.Status.HEARING_SCHEDULED,
    ],
    "payment": [
        workflow.Status.DECIDED,
        workflow.Status.REMINDER,
        workflow.Status.SECOND_INVITATION,
    ],
    "appeal": [workflow.Status.IN_APPEAL],
    "alternative": [
        workflow.Status.MEDIATION,
        workflow.Status.COMMUNITY_SERVICE,
        workflow.Status.PARENTAL_INVOLVEMENT,
    ],
}


def _errors_to_form(form: object, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        name = field.split(".")[-1]
        target = name if name in form.fields else None  # type: ignore[attr-defined]
        form.add_error(target, errors)  # type: ignore[attr-defined]


@role_required(*INTAKE_ROLES)
def file_report(request: HttpRequest) -> HttpResponse:
    """The field form: an ascertaining officer files a PV or administrative report."""
    form = IntakeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = intake.AscertainmentData(
            kind=d["kind"],
            reference=d["reference"],
            offence_at=d["offence_at"],
            ascertained_on=d["ascertained_on"],
            received_on=d["received_on"],
            article_code=d["article_code"],
            description=d["description"],
            address=d["address"],
            lat=d["lat"],
            lon=d["lon"],
            plate=d["plate"],
            speed_limit=d["speed_limit"],
            measured_speed=d["measured_speed"],
            offender=intake.OffenderData(
                kind=d["offender_kind"],
                name=d["name"],
                first_name=d["first_name"],
                national_number=d["national_number"],
                enterprise_number=d["enterprise_number"],
                birth_date=d["birth_date"],
                street=d["street"],
                postcode=d["postcode"],
                city=d["city"],
                language=d["language"],
                guardians=[{"name": d["guardian"]}] if d["guardian"] else [],
            ),
        )
        try:
            result = intake.ascertainment_create(
                actor=request.user,
                data=data,
                photos=[d["photo"]] if d["photo"] else [],
                idempotency_key=request.POST.get("idempotency_key") or None,
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Report filed as case %(n)s.") % {"n": result.case.number})
            if has_role(request.user, *CASE_ROLES):
                return redirect("sanctions:case", number=result.case.number)
            return redirect("sanctions:file_report")
    status = 400 if request.method == "POST" else 200
    return render(request, "sanctions/file_report.html", {"form": form}, status=status)


@role_required(*CASE_ROLES)
def bulk_import(request: HttpRequest) -> HttpResponse:
    form = BulkImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = intake.ascertainments_import(
            actor=request.user,
            content=form.cleaned_data["file"].read(),
            import_valid=form.cleaned_data["import_valid"],
        )
        if report.imported:
            messages.success(request, _("%(n)s cases opened.") % {"n": len(report.created)})
    status = 400 if report is not None and not report.imported else 200
    return render(request, "sanctions/bulk.html", {"form": form, "report": report}, status=status)


@role_required(*CASE_ROLES)
def case_list(request: HttpRequest) -> HttpResponse:
    queue = request.GET.get("queue", "")
    cases = selectors.cases_for(request.user)
    if queue in QUEUES:
        cases = cases.filter(status__in=[s.value for s in QUEUES[queue]])
    if request.GET.get("q"):
        q = request.GET["q"].strip()
        cases = cases.filter(number__icontains=q) | cases.filter(
            ascertainment__offender__name__icontains=q
        )
    page = Paginator(cases.order_by("-created_at"), 50).get_page(request.GET.get("page"))
    log_access_many(user=request.user, targets=list(page.object_list), purpose="gas.case_list")
    return render(
        request,
        "sanctions/case_list.html",
        {
            "page": page,
            "queue": queue,
            "queues": QUEUES,
            "counts": selectors.status_counts(request.user),
        },
    )


def _case(request: HttpRequest, number: str) -> Case:
    case = get_object_or_404(selectors.cases_for(request.user), number=number)
    log_access(user=request.user, target=case, purpose="gas.case")
    return case


@role_required(*CASE_ROLES)
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    today = timezone.localdate()
    edges = workflow.allowed(case.status, case.procedure, minor=case.minor)
    return render(
        request,
        "sanctions/case_detail.html",
        {
            "case": case,
            "a": case.ascertainment,
            "deadlines": [(d, _level(d, today)) for d in timelimits.deadlines_of(case)],
            "today": today,
            "edges": [e for e in edges if e.action not in _FORM_ACTIONS],
            "history": case.history.select_related("actor"),
            "letters": case.letters.defer("content"),
            "defences": case.defences.all(),
            "hearings": case.hearings.all(),
            "payments": case.payments.all(),
            "paid": payments.paid_total(case),
            "can_decide": has_role(request.user, *DECIDE_ROLES)
            and any(e.action in case_services.DECISIONS for e in edges),
            "can_defend": any(e.action == "record_defence" for e in edges),
            "can_hear": any(e.action == "schedule_hearing" for e in edges),
            "defence_form": DefenceForm(initial={"received_on": today}),
            "hearing_form": HearingForm(),
            "decision_form": DecisionForm(),
            "can_appeal": any(e.action == "lodge_appeal" for e in edges),
            "can_judge": any(e.action == "appeal_annulled" for e in edges),
            "can_instalments": case.status in ("decided", "reminder")
            and not hasattr(case, "instalment_plan"),
            "appeal_form": AppealForm(initial={"lodged_on": today}),
            "judgment_form": JudgmentForm(initial={"on": today}),
            "instalment_form": InstalmentForm(),
            "appeals": case.appeals.all(),
        },
    )


def _level(deadline: object, today: dt.date) -> str:
    """The engine's level; an offender's own term that simply ran out is "expired", not an
    alarm (only the city's fatal limits turn red)."""
    level = deadline.level(today)  # type: ignore[attr-defined]
    if level == "overdue" and not deadline.fatal:  # type: ignore[attr-defined]
        return "expired"
    return str(level)


_FORM_ACTIONS = {
    "record_defence",
    "schedule_hearing",
    "decide_fine",
    "decide_warning",
    "decide_no_follow_up",
    "payment_received",
    "lodge_appeal",
    "appeal_confirmed",
    "appeal_annulled",
    "time_bar",
}


@require_POST
@role_required(*CASE_ROLES)
def case_step(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    action = request.POST.get("action", "")
    if action in _FORM_ACTIONS:
        raise Http404
    try:
        case_services.case_transition(
            actor=request.user, case=case, action=action, note=request.POST.get("note", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": action})
    return redirect("sanctions:case", number=case.number)


@require_POST
@role_required(*CASE_ROLES)
def case_defence(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    form = DefenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            case_services.defence_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Defence recorded."))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(str(e) for e in errors)}")
    return redirect("sanctions:case", number=case.number)


@require_POST
@role_required(*CASE_ROLES)
def case_hearing(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    form = HearingForm(request.POST)
    if form.is_valid():
        try:
            case_services.hearing_schedule(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Hearing scheduled."))
    return redirect("sanctions:case", number=case.number)


@require_POST
@role_required(*DECIDE_ROLES)
def case_decide(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    form = DecisionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        language = case.ascertainment.offender.language
        motivation = d["motivation"] or (d["template"].text_in(language) if d["template"] else "")
        try:
            case_services.case_transition(
                actor=request.user,
                case=case,
                action=d["action"],
                amount=d["amount"],
                motivation=motivation,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Decision recorded."))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(str(e) for e in errors)}")
    return redirect("sanctions:case", number=case.number)


@role_required(*CASE_ROLES)
def letter_pdf(request: HttpRequest, number: str, letter_id: int) -> HttpResponse:
    case = _case(request, number)
    letter = get_object_or_404(Letter, pk=letter_id, case=case)
    response = HttpResponse(bytes(letter.content), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{case.number}-{letter.kind}-{letter.pk}.pdf"'
    )
    return response


@role_required(*CASE_ROLES)
def dispatch_list(request: HttpRequest) -> HttpResponse:
    """The day's registered letters, for the post office (CSV)."""
    day = request.GET.get("day") or timezone.localdate().isoformat()
    try:
        on = dt.date.fromisoformat(day)
    except ValueError as error:
        raise Http404 from error
    letters = Letter.objects.filter(
        registered=True, created_at__date=on, case__in=selectors.cases_for(request.user)
    ).select_related("case__ascertainment__offender")
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="registered-{on}.csv"'
    writer = csv.writer(response)
    writer.writerow(["case", "letter", "addressee", "address"])
    for letter in letters:
        # The address printed on that letter (the parents' own address for their copy).
        log_access(user=request.user, target=letter.case, purpose="gas.dispatch_list")
        writer.writerow(
            [letter.case.number, letter.kind, letter.addressee, letter.address.replace("\n", ", ")]
        )
    return response


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
    unmatched = list(Payment.objects.filter(case__isnull=True)[:200])
    log_access_many(user=request.user, targets=unmatched, purpose="gas.unmatched_payments")
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
    entries = selectors.register_for(request.user)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    log_access_many(user=request.user, targets=list(page.object_list), purpose="gas.register")
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


@require_POST
@role_required(*CASE_ROLES)
def notices(request: HttpRequest) -> HttpResponse:
    """Send the day's first letters of one procedure in one go (background task)."""
    procedure = request.POST.get("procedure", "")
    if procedure not in batches.NOTICE_ACTION:
        raise Http404
    batches.notices_send_task.enqueue(request.user.pk, procedure)
    messages.success(request, _("The letters are being generated; they appear on each case."))
    return redirect("sanctions:dashboard")


@role_required(*CASE_ROLES)
def enforcement(request: HttpRequest) -> HttpResponse:
    """Unpaid fines past their reminder: CSV for the bailiff; POST marks them exported."""
    if request.method == "POST":
        cases = batches.enforcement_export(actor=request.user)
    else:
        cases = batches.enforcement_due()
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="gas-enforcement.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
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
    )
    for case in cases:
        o = case.ascertainment.offender
        log_access(user=request.user, target=case, purpose="gas.enforcement_export")
        writer.writerow(
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
    return response


def _form_errors(request: HttpRequest, form: object) -> None:
    for field, errors in form.errors.items():  # type: ignore[attr-defined]
        messages.error(request, f"{field}: {' '.join(str(e) for e in errors)}")


@require_POST
@role_required(*CASE_ROLES)
def case_appeal(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    form = AppealForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            case_services.appeal_lodge(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Appeal recorded."))
    return redirect("sanctions:case", number=case.number)


@require_POST
@role_required(*CASE_ROLES)
def case_judgment(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    form = JudgmentForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            case_services.appeal_judgment(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Judgment recorded."))
    return redirect("sanctions:case", number=case.number)


@require_POST
@role_required(*CASE_ROLES)
def case_instalments(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    form = InstalmentForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            payments.instalments_grant(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Instalment plan granted."))
    return redirect("sanctions:case", number=case.number)


@require_POST
@role_required(*DECIDE_ROLES)
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
