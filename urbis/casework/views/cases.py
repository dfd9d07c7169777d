"""The case pages: list and search, open, the case page with its forms, the feedback-sheet PDF,
anonymous contacts, break-glass. A case the user may not see is a 404 like a missing one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.casework import forms, selectors, services
from urbis.casework.models import Case, FeedbackSheet
from urbis.casework.pdf import sheet_pdf as render_pdf
from urbis.casework.permissions import BREAK_GLASS_ROLES, CASE_ROLES, MODULE_ROLES
from urbis.casework.selectors import CaseAccess
from urbis.core.gdpr.restrictions import active_restriction
from urbis.core.permissions import role_required
from urbis.core.roles import has_role


def _access(request: HttpRequest, case_id: int, purpose: str) -> CaseAccess:
    try:
        return selectors.case_get(request.user, case_id=case_id, purpose=purpose)
    except Case.DoesNotExist as missing:
        raise Http404 from missing


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@role_required(*MODULE_ROLES())
def home(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:60]
    cases = selectors.case_list(request.user, text=text)
    return render(
        request,
        "casework/home.html",
        {
            "cases": cases,
            "q": text,
            "overdue": selectors.overdue_actions(request.user),
            "can_open": has_role(request.user, *CASE_ROLES),
            "break_glass_form": forms.BreakGlassForm()
            if has_role(request.user, *BREAK_GLASS_ROLES())
            else None,
        },
    )


@role_required(*CASE_ROLES)
def case_new(request: HttpRequest) -> HttpResponse:
    form = forms.CaseOpenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add(form, error)
        else:
            return redirect("casework:case", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "casework/case_new.html", {"form": form}, status=status)


def _add(form: django_forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error)


def _forms(access: CaseAccess, request: HttpRequest, visible: list[Any]) -> dict[str, Any]:
    case = access.case
    return {
        "subject_form": forms.SubjectForm(),
        "participant_form": forms.ParticipantForm(case=case),
        "assess_form": forms.AssessForm(
            initial={"risk_level": case.risk_level, "status": case.status}
        ),
        "close_form": forms.CloseForm(),
        "action_form": forms.ActionForm(),
        "meeting_form": forms.MeetingForm(case=case),
        "disclosure_form": forms.DisclosureForm(case=case),
        "sheet_form": forms.SheetForm(case=case, visible=visible),
        "referral_form": forms.ReferralForm(),
        "consent_form": forms.ConsentForm(case=case),
        "rectify_form": forms.RectifySubjectForm(case=case),
    }


@role_required(*MODULE_ROLES())
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    access = _access(request, case_id, "case_page")
    case = access.case
    visible = selectors.visible_disclosures(access, request.user)
    context = {
        "access": access,
        "case": case,
        "subjects": selectors.subjects_shown(access),
        "participants": case.participants.filter(removed_at__isnull=True).select_related(
            "user", "organisation"
        ),
        "actions": case.actions.select_related("organisation"),
        "meetings": case.meetings.prefetch_related("attendees"),
        "disclosures": visible,
        "sheets": selectors.sheets_for(access),
        "referrals": case.referrals.select_related("organisation"),
        "consents": case.consents.select_related("recipient", "subject"),
        "today": timezone.localdate(),
        "restriction": active_restriction(case),
    }
    # A case frozen under GDPR art. 18 is read, not changed (the services refuse it too).
    context["writable"] = (
        access.participant is not None and case.status != "closed" and not context["restriction"]
    )
    if access.participant is not None:
        context.update(_forms(access, request, visible))
    return render(request, "casework/case_detail.html", context)


Handler = Callable[[HttpRequest, CaseAccess], None]


def _form_step(
    form_class: Any, call: Callable[[HttpRequest, CaseAccess, dict[str, Any]], Any], **extra: Any
) -> Handler:
    def handler(request: HttpRequest, access: CaseAccess) -> None:
        kwargs = {key: value(access, request) for key, value in extra.items()}
        form = form_class(request.POST, **kwargs)
        if not form.is_valid():
            raise ValidationError(
                [
                    f"{form.fields[f].label if f in form.fields else ''}: {m}"
                    for f, ms in form.errors.items()
                    for m in ms
                ]
            )
        call(request, access, form.cleaned_data)

    return handler


def _case(access: CaseAccess) -> Case:
    return access.case


STEPS: dict[str, Handler] = {
    "subject": _form_step(
        forms.SubjectForm,
        lambda r, a, d: services.subject_add(actor=r.user, case=a.case, **d),
    ),
    "participant": _form_step(
        forms.ParticipantForm,
        lambda r, a, d: services.participant_add(
            actor=r.user, case=a.case, user_id=d["user"].pk, identity_rights=d["identity_rights"]
        ),
        case=lambda a, r: a.case,
    ),
    "participant-remove": _form_step(
        forms.RemoveParticipantForm,
        lambda r, a, d: services.participant_remove(
            actor=r.user, case=a.case, participant_id=d["participant"]
        ),
    ),
    "assess": _form_step(
        forms.AssessForm,
        lambda r, a, d: services.case_assess(actor=r.user, case=a.case, **d),
    ),
    "close": _form_step(
        forms.CloseForm,
        lambda r, a, d: services.case_close(actor=r.user, case=a.case, reason=d["reason"]),
    ),
    "action": _form_step(
        forms.ActionForm,
        lambda r, a, d: services.action_add(actor=r.user, case=a.case, **d),
    ),
    "action-done": _form_step(
        forms.IdForm,
        lambda r, a, d: services.action_complete(actor=r.user, case=a.case, action_id=d["id"]),
    ),
    "meeting": _form_step(
        forms.MeetingForm,
        lambda r, a, d: services.meeting_record(
            actor=r.user,
            case=a.case,
            held_on=d["held_on"],
            attendee_ids=[u.pk for u in d["attendees"]],
            agenda=d["agenda"],
            decisions=d["decisions"],
        ),
        case=lambda a, r: a.case,
    ),
    "disclosure": _form_step(
        forms.DisclosureForm,
        lambda r, a, d: services.disclosure_add(
            actor=r.user,
            case=a.case,
            basis=d["basis"],
            secrecy_class=d["secrecy_class"],
            summary=d["summary"],
            audience_ids=[u.pk for u in d["audience"]],
            meeting=d["meeting"],
        ),
        case=lambda a, r: a.case,
    ),
    "sheet": _form_step(
        forms.SheetForm,
        lambda r, a, d: services.sheet_draft(
            actor=r.user,
            case=a.case,
            meeting=d["meeting"],
            content=d["content"],
            item_ids=[i.pk for i in d["items"]],
            recipient=d["recipient"],
        ),
        case=lambda a, r: a.case,
        visible=lambda a, r: selectors.visible_disclosures(a, r.user),
    ),
    "sheet-consent": _form_step(
        forms.IdForm,
        lambda r, a, d: services.sheet_consent(actor=r.user, case=a.case, sheet_id=d["id"]),
    ),
    "sheet-issue": _form_step(
        forms.IdForm,
        lambda r, a, d: services.sheet_issue(actor=r.user, case=a.case, sheet_id=d["id"]),
    ),
    "referral": _form_step(
        forms.ReferralForm,
        lambda r, a, d: services.referral_add(actor=r.user, case=a.case, **d),
    ),
    "referral-status": _form_step(
        forms.ReferralStatusForm,
        lambda r, a, d: services.referral_set_status(
            actor=r.user, case=a.case, referral_id=d["id"], status=d["status"]
        ),
    ),
    "rectify": _form_step(
        forms.RectifySubjectForm,
        lambda r, a, d: services.subject_rectify(
            actor=r.user,
            case=a.case,
            subject_id=d["subject"].pk,
            field=d["field"],
            value=d["value"],
            reason=d["reason"],
        ),
        case=lambda a, r: a.case,
    ),
    "consent": _form_step(
        forms.ConsentForm,
        lambda r, a, d: services.consent_record(
            actor=r.user,
            case=a.case,
            subject_id=d["subject"].pk,
            purpose=d["purpose"],
            recipient=d["recipient"],
            evidence=d["evidence"],
        ),
        case=lambda a, r: a.case,
    ),
    "consent-withdraw": _form_step(
        forms.IdForm,
        lambda r, a, d: services.consent_withdraw(actor=r.user, case=a.case, consent_id=d["id"]),
    ),
}


@role_required(*CASE_ROLES)
def case_step(request: HttpRequest, case_id: int, step: str) -> HttpResponse:
    """Every change on a case page: the role, then the case (404 when not a participant), then
    the method; a refusal comes back as 400 with its message and is in the audit log."""
    access = _access(request, case_id, "case_step")
    handler = STEPS.get(step)
    if handler is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if access.participant is None:
        raise Http404  # break-glass reads, it never writes
    try:
        handler(request, access)
    except Case.DoesNotExist as missing:
        raise Http404 from missing
    except ValidationError as error:
        services.step_refused(
            actor=request.user, case=access.case, step=step, messages=error.messages
        )
        _errors(request, error)
        response = case_detail(request, case_id)
        response.status_code = 400
        return response
    messages.success(request, _("Saved."))
    return redirect("casework:case", case_id=case_id)


@role_required(*CASE_ROLES)
def sheet_pdf(request: HttpRequest, case_id: int, sheet_id: int) -> HttpResponse:
    access = _access(request, case_id, "sheet_pdf")
    if access.participant is None:
        raise Http404
    sheet = FeedbackSheet.objects.filter(case=access.case, pk=sheet_id).first()
    if sheet is None:
        raise Http404
    language = request.GET.get("lang", "nl")
    if language not in {"nl", "fr", "en"}:
        language = "nl"
    response = HttpResponse(render_pdf(sheet, language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="feedback-{access.case.number}.pdf"'
    return response


@role_required(*CASE_ROLES)
def contacts(request: HttpRequest) -> HttpResponse:
    form = forms.ContactForm(request.POST or None, initial={"on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.contact_log(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add(form, error)
            else:
                messages.success(request, _("Contact logged."))
                return redirect("casework:contacts")
        status = 400
    return render(
        request,
        "casework/contacts.html",
        {
            "form": form,
            "contacts": selectors.contacts_for(request.user)[:50],
            "counts": selectors.contact_counts(request.user),
        },
        status=status,
    )


@role_required(*BREAK_GLASS_ROLES())
def break_glass(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.BreakGlassForm(request.POST)
    if form.is_valid():
        try:
            grant = services.break_glass_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add(form, error)
        else:
            messages.warning(request, _("Break-glass access opened; it is reported to the DPO."))
            return redirect("casework:case", case_id=grant.case_id_ref)
    text = ""
    return render(
        request,
        "casework/home.html",
        {
            "cases": selectors.case_list(request.user, text=text),
            "q": text,
            "overdue": [],
            "can_open": False,
            "break_glass_form": form,
        },
        status=400,
    )
