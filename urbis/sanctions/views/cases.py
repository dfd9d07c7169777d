"""Case pages: lists, the case with its deadlines and steps, defence, hearing, decision,
appeal, instalments, letters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.forms import apply_service_errors
from urbis.core.permissions import role_required
from urbis.core.roles import has_role
from urbis.core.tabular import csv_response, xlsx_bytes
from urbis.sanctions import labels, selectors, timelimits, workflow
from urbis.sanctions.forms import (
    AppealForm,
    CommunityServiceForm,
    CommunityServiceResultForm,
    DecisionForm,
    DefenceForm,
    HearingForm,
    HearingRecordForm,
    InstalmentForm,
    JudgmentForm,
    LawyerForm,
    LetterReceiptForm,
    LimitationEventForm,
    PaymentTermsForm,
)
from urbis.sanctions.models import Case, Letter, Photo
from urbis.sanctions.permissions import CASE_ROLES, DECIDE_ROLES
from urbis.sanctions.services import cases as case_services
from urbis.sanctions.services import payments
from urbis.sanctions.views.common import (
    _FORM_ACTIONS,
    QUEUES,
    _case,
    _form_errors,
    _level,
)


def _list_filters(request: HttpRequest) -> dict[str, Any]:
    queue = request.GET.get("queue", "")
    return {
        "statuses": [s.value for s in QUEUES[queue]] if queue in QUEUES else None,
        "query": request.GET.get("q", "")[:200],
        "sort": request.GET.get("sort", "")[:20],
    }


def _next_deadline(case: Case, today: Any) -> tuple[Any, str] | None:
    """The next legal time limit still running for the case, with its level."""
    running = [d for d in timelimits.deadlines_of(case) if d.met_on is None]
    return (running[0], _level(running[0], today)) if running else None


@role_required(*CASE_ROLES)
def case_list(request: HttpRequest) -> HttpResponse:
    queue = request.GET.get("queue", "")
    page = selectors.case_page(
        user=request.user,
        purpose="gas.case_list",
        number=request.GET.get("page"),
        **_list_filters(request),
    )
    today = timezone.localdate()
    return render(
        request,
        "sanctions/case_list.html",
        {
            "page": page,
            "rows": [(case, _next_deadline(case, today)) for case in page],
            "queue": queue,
            "queues": QUEUES,
            "sort": request.GET.get("sort", ""),
            "counts": selectors.status_counts(request.user),
        },
    )


@role_required(*CASE_ROLES)
def case_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The case list as filtered, as CSV or XLSX (formula-safe cells, core/tabular.py)."""
    cases = selectors.case_export(
        user=request.user, purpose="gas.case_export", **_list_filters(request)
    )
    today = timezone.localdate()
    header = [
        _("Case"),
        _("Procedure"),
        _("Article"),
        _("Offender"),
        _("PV or report"),
        _("Place"),
        _("Ascertained"),
        _("Status"),
        _("Next deadline"),
        _("Due"),
    ]
    rows = []
    for case in cases:
        nearest = _next_deadline(case, today)
        a = case.ascertainment
        rows.append(
            [
                case.number,
                str(labels.PROCEDURE.get(case.procedure, case.procedure)),
                a.article.code,
                str(a.offender),
                a.reference,
                a.address,
                a.ascertained_on,
                str(labels.STATUS.get(case.status, case.status)),
                str(labels.DEADLINE.get(nearest[0].code, nearest[0].code)) if nearest else "",
                nearest[0].due if nearest else None,
            ]
        )
    name = f"gas-cases-{today.isoformat()}"
    if fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes({_("Cases"): (header, rows)}),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    return csv_response(f"{name}.csv", header, rows)


def _pin(a: Any) -> str:
    """The evidence map pin as "lat,lon" ('' without one)."""
    return f"{a.lat:.6f},{a.lon:.6f}" if a.lat is not None and a.lon is not None else ""


def _detail(request: HttpRequest, case: Case, *, status: int = 200, **forms: Any) -> HttpResponse:
    """The case page; a refused form comes back bound, with what was typed (status 400)."""
    today = timezone.localdate()
    edges = workflow.allowed(case.status, case.procedure, minor=case.minor)
    panel = selectors.procedure_panel(case)
    context = {
        "case": case,
        "a": case.ascertainment,
        "photos": case.ascertainment.photos.all(),
        "pin": _pin(case.ascertainment),
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
        "can_instalments": panel.instalments,
        "panel": panel,
        "hearing_record_form": HearingRecordForm(),
        "lawyer_form": LawyerForm(
            initial={
                "name": case.lawyer_name,
                "street": case.lawyer_street,
                "postcode": case.lawyer_postcode,
                "city": case.lawyer_city,
            }
        ),
        "payment_terms_form": PaymentTermsForm(initial={"agreed_on": today}),
        "community_service_form": CommunityServiceForm(initial={"agreed_on": today}),
        "service_result_form": CommunityServiceResultForm(initial={"on": today}),
        "letter_receipt_form": LetterReceiptForm(),
        "limitation_form": LimitationEventForm(initial={"on": today}),
        "appeal_form": AppealForm(initial={"lodged_on": today}),
        "judgment_form": JudgmentForm(initial={"on": today}),
        "instalment_form": InstalmentForm(),
        "appeals": case.appeals.all(),
        "mediators": selectors.mediators(),
    }
    context.update(forms)
    return render(request, "sanctions/case_detail.html", context, status=status)


@role_required(*CASE_ROLES)
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    return _detail(request, _case(request, number))


@role_required(*CASE_ROLES)
def case_photo(request: HttpRequest, number: str, photo_id: int) -> HttpResponse:
    """An evidence photo, for the case's staff only (access-logged with the case); photos are
    kept outside public media and served only here."""
    case = _case(request, number)
    photo = get_object_or_404(Photo, pk=photo_id, ascertainment=case.ascertainment)
    with photo.image.open("rb") as image:  # re-encoded JPEGs of at most 2,000 px
        response = HttpResponse(image.read(), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(*CASE_ROLES)
@require_POST
def case_step(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    action = request.POST.get("action", "")
    if action in _FORM_ACTIONS:
        raise Http404
    mediator = None
    if request.POST.get("mediator"):
        mediator = selectors.mediators().filter(pk=request.POST["mediator"]).first()
        if mediator is None:
            raise Http404
    try:
        case_services.case_transition(
            actor=request.user,
            case=case,
            action=action,
            note=request.POST.get("note", ""),
            mediator=mediator,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Done: %(action)s.") % {"action": labels.ACTION.get(action, action)}
        )
    return redirect("sanctions:case", number=case.number)


def _submit(
    request: HttpRequest,
    case: Case,
    form: Any,
    service: Callable[..., Any],
    done: str,
    **extra: Any,
) -> HttpResponse:
    """Run ``service`` with the form's data; its refusals and the form's errors become
    messages on the case page (which shows them next to the step)."""
    if form.is_valid():
        try:
            service(actor=request.user, case=case, **form.cleaned_data, **extra)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
    else:
        _form_errors(request, form)
    return redirect("sanctions:case", number=case.number)


@role_required(*CASE_ROLES)
@require_POST
def case_defence(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    form = DefenceForm(request.POST, request.FILES)
    return _submit(request, case, form, case_services.defence_record, _("Defence recorded."))


@role_required(*CASE_ROLES)
@require_POST
def case_hearing(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    form = HearingForm(request.POST)
    return _submit(request, case, form, case_services.hearing_schedule, _("Hearing scheduled."))


@role_required(*DECIDE_ROLES)
@require_POST
def case_decide(request: HttpRequest, number: str) -> HttpResponse:
    """Record a decision; a refused one shows the form again with the typed amount and
    motivation (the official does not type them twice)."""
    case = _case(request, number)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _detail(request, case, status=400, decision_form=form)
    d = form.cleaned_data
    try:
        # The service picks the template's text in the decision letter's language.
        case_services.decision_take(
            actor=request.user,
            case=case,
            action=d["action"],
            amount=d["amount"],
            motivation=d["motivation"],
            template=d["template"],
        )
    except ValidationError as error:
        apply_service_errors(form, error)
        return _detail(request, case, status=400, decision_form=form)
    messages.success(request, _("Decision recorded."))
    return redirect("sanctions:case", number=case.number)


@role_required(*CASE_ROLES)
@require_POST
def case_appeal(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    form = AppealForm(request.POST)
    return _submit(request, case, form, case_services.appeal_lodge, _("Appeal recorded."))


@role_required(*CASE_ROLES)
@require_POST
def case_judgment(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    form = JudgmentForm(request.POST)
    return _submit(request, case, form, case_services.appeal_judgment, _("Judgment recorded."))


@role_required(*CASE_ROLES)
@require_POST
def case_instalments(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    form = InstalmentForm(request.POST)
    return _submit(request, case, form, payments.instalments_grant, _("Instalment plan granted."))


@role_required(*CASE_ROLES)
def letter_pdf(request: HttpRequest, number: str, letter_id: int) -> HttpResponse:
    case = _case(request, number)
    letter = get_object_or_404(Letter, pk=letter_id, case=case)
    response = HttpResponse(bytes(letter.content), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{case.number}-{letter.kind}-{letter.pk}.pdf"'
    )
    return response
