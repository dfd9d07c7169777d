"""The DPO's pages: record of processing, retention (dry run and proofs), subject access
(JSON and PDF), access-log search, alerts and break-glass report, requests, breaches.
Only the DPO role opens them (everyone else: 404); none shows casework content."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.gdpr import exports, forms, rectification, registry, selectors, services
from urbis.core.gdpr.access import dpo_only
from urbis.core.gdpr.models import RetentionProof


@dpo_only
def home(request: HttpRequest) -> HttpResponse:
    return _home(request)


def _home(request: HttpRequest, status: int = 200) -> HttpResponse:
    dry = request.GET.get("dry") == "1"
    return render(
        request,
        "core/gdpr/home.html",
        {
            "records": exports.records(),
            "rules": registry.retention_rules(),
            "dry_run": services.retention_run(actor=request.user, dry_run=True) if dry else None,
            "proofs": RetentionProof.objects.all()[:30],
            "alerts": selectors.unusual_access(request.user),
            "glass": _glass_rows(request),
            "review_form": forms.BreakGlassReviewForm(),
        },
        status=status,
    )


def _glass_rows(request: HttpRequest) -> list[tuple[Any, Any]]:
    events = list(selectors.break_glass_uses(request.user)[:50])
    reviews = selectors.break_glass_reviews(request.user, events)
    return [(event, reviews.get(event.pk)) for event in events]


@dpo_only
@require_POST
def break_glass_review(request: HttpRequest, event_id: int) -> HttpResponse:
    """The DPO marks one break-glass opening justified or unjustified (with a note)."""
    event = selectors.break_glass_uses(request.user).filter(pk=event_id).first()
    if event is None:
        raise Http404
    form = forms.BreakGlassReviewForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        services.break_glass_review(actor=request.user, event=event, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _home(request, status=400)
    messages.success(request, _("Review recorded."))
    return redirect(reverse("core:gdpr") + "#break-glass")


@dpo_only
def records_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in {"json", "csv"}:
        raise Http404
    if fmt == "csv":
        return exports.records_csv_response()
    response = HttpResponse(exports.records_json(), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="processing-activities.json"'
    return response


@dpo_only
def pia_download(request: HttpRequest, code: str) -> HttpResponse:
    try:
        document = exports.pia_json(code, author=request.user.get_username())
    except KeyError as missing:
        raise Http404 from missing
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="pia-{code}.json"'
    return response


@dpo_only
def subject_access(request: HttpRequest) -> HttpResponse:
    form = forms.SubjectSearchForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        query = registry.SubjectQuery(
            national_number=form.cleaned_data["national_number"], email=form.cleaned_data["email"]
        )
        result = selectors.subject_access(request.user, query)
        fmt = request.GET.get("format")
        if fmt == "json":
            response = HttpResponse(
                json.dumps(result.as_dict(), ensure_ascii=False, indent=2),
                content_type="application/json",
            )
            response["Content-Disposition"] = 'attachment; filename="subject-access.json"'
            return response
        if fmt == "zip":
            response = HttpResponse(
                exports.subject_access_zip(result), content_type="application/zip"
            )
            response["Content-Disposition"] = 'attachment; filename="subject-access.zip"'
            return response
        if fmt == "pdf":
            response = HttpResponse(
                exports.subject_access_pdf(result), content_type="application/pdf"
            )
            response["Content-Disposition"] = 'attachment; filename="subject-access.pdf"'
            return response
    status = 400 if request.GET and not form.is_valid() else 200
    return render(
        request, "core/gdpr/subject_access.html", {"form": form, "result": result}, status=status
    )


@dpo_only
def access_log(request: HttpRequest) -> HttpResponse:
    form = forms.AccessLogSearchForm(request.GET or None)
    rows = []
    if request.GET and form.is_valid():
        rows = selectors.access_log_search(request.user, **form.cleaned_data)
    status = 400 if request.GET and not form.is_valid() else 200
    return render(request, "core/gdpr/access_log.html", {"form": form, "rows": rows}, status=status)


@dpo_only
def requests_page(request: HttpRequest) -> HttpResponse:
    form = forms.RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        req = services.request_open(actor=request.user, **form.cleaned_data)
        return redirect("core:gdpr_request", request_id=req.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "core/gdpr/requests.html",
        {"form": form, "requests": selectors.requests_for(request.user)[:100]},
        status=status,
    )


@dpo_only
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    req = selectors.requests_for(request.user).filter(pk=request_id).first()
    if req is None:
        raise Http404
    step_form = forms.StepForm(request.POST if request.POST.get("form") == "step" else None)
    restrict_form = forms.RestrictForm(
        request.POST if request.POST.get("form") == "restrict" else None
    )
    rectify_form = forms.RectifyForm(
        request.POST if request.POST.get("form") == "rectify" else None
    )
    if request.method == "POST":
        try:
            if rectify_form.is_bound and rectify_form.is_valid():
                rectification.request_rectify(
                    actor=request.user, request=req, **rectify_form.cleaned_data
                )
                messages.success(request, _("Rectified; the recipients to inform are listed."))
                return redirect("core:gdpr_request", request_id=req.pk)
            if step_form.is_bound and step_form.is_valid():
                services.request_step(actor=request.user, request=req, **step_form.cleaned_data)
                return redirect("core:gdpr_request", request_id=req.pk)
            if restrict_form.is_bound and restrict_form.is_valid():
                services.restriction_set(
                    actor=request.user, request=req, **restrict_form.cleaned_data
                )
                return redirect("core:gdpr_request", request_id=req.pk)
        except ValidationError as error:
            _on_form(rectify_form if rectify_form.is_bound else None, error)
            for message in error.messages:
                messages.error(request, message)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "core/gdpr/request_detail.html",
        {
            "req": req,
            "step_form": step_form,
            "restrict_form": restrict_form,
            "rectify_form": rectify_form,
            "rectifications": selectors.rectifications_of(request.user, req),
        },
        status=status,
    )


def _on_form(form: Any, error: ValidationError) -> None:
    if form is None or not hasattr(error, "error_dict"):
        return
    for name, errs in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errs)


@dpo_only
def breaches(request: HttpRequest) -> HttpResponse:
    form = forms.BreachForm(request.POST if request.POST.get("form") == "breach" else None)
    if request.method == "POST":
        try:
            if form.is_bound and form.is_valid():
                services.breach_record(actor=request.user, **form.cleaned_data)
                return redirect("core:gdpr_breaches")
            notify = forms.NotifyForm(request.POST)
            breach = (
                selectors.breaches_for(request.user)
                .filter(pk=request.POST.get("breach") or 0)
                .first()
                if str(request.POST.get("breach", "")).isdigit()
                else None
            )
            if request.POST.get("form") == "notify" and breach is not None and notify.is_valid():
                services.breach_notified(actor=request.user, breach=breach, **notify.cleaned_data)
                return redirect("core:gdpr_breaches")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "core/gdpr/breaches.html",
        {
            "form": form,
            "breaches": selectors.breaches_for(request.user),
            "notify_form": forms.NotifyForm(),
        },
        status=status,
    )
