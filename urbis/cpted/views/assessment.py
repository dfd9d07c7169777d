"""Assessment pages: start, site visits, scores, completion (with the low-coverage warning),
photos (access-logged) and the PDF report. Ratings are entered per zone (views/ratings.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.permissions import role_required
from urbis.core.roles import has_role
from urbis.cpted import reports, selectors, services
from urbis.cpted.forms import CompleteForm, StartAssessmentForm, VisitForm
from urbis.cpted.models import AssessmentStatus, Strategy
from urbis.cpted.permissions import ASSESS_ROLES, READ_ROLES
from urbis.cpted.views.common import add_errors, assessment_or_404, project_or_404


@role_required(*ASSESS_ROLES)
@require_POST
def assessment_start(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_or_404(request, project_id)
    form = StartAssessmentForm(request.POST)
    if form.is_valid():
        try:
            assessment = services.assessment_start(
                actor=request.user,
                project=project,
                template=form.cleaned_data["template"],
                zones=form.cleaned_data["zones"].splitlines(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("cpted:assessment", assessment_id=assessment.pk)
    return redirect("cpted:project", project_id=project.pk)


def _context(request: HttpRequest, assessment: Any, **forms: Any) -> dict[str, Any]:
    ratings = {(r.item_id, r.zone_id): r for r in assessment.ratings.prefetch_related("photos")}
    zones = list(assessment.zones.all())
    rows = []
    for item in assessment.template.items.all():
        rows.append(
            {
                "item": item,
                "cells": [(zone, ratings.get((item.pk, zone.pk))) for zone in zones],
            }
        )
    card = selectors.scorecard(assessment)
    labels = dict(Strategy.choices)
    context = {
        "assessment": assessment,
        "project": assessment.project,
        "zones": zones,
        "rows": rows,
        "card": card,
        "strategy_scores": [
            (labels[key], card.by_strategy[key])
            for key in Strategy.values
            if key in card.by_strategy
        ],
        "visits": assessment.visits.all(),
        "editable": assessment.status == AssessmentStatus.DRAFT
        and has_role(request.user, *ASSESS_ROLES),
        "visit_form": VisitForm(),
        "complete_form": CompleteForm(
            initial={"signed_off_by": getattr(request.user, "get_full_name", str)()}
        ),
        "report_languages": ["nl", "fr", "en"],
        "low_coverage": card.overall.coverage < settings.URBIS_CPTED_SIGN_OFF_COVERAGE,
        "coverage_threshold": settings.URBIS_CPTED_SIGN_OFF_COVERAGE,
    }
    context.update(forms)
    return context


@role_required(*READ_ROLES)
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    # The page names the site-visit participants (personal data): the selector logs the read.
    purpose = "cpted.assessment" if request.method != "POST" else "cpted.assessment_edit"
    assessment = assessment_or_404(request, assessment_id, purpose=purpose)
    if request.method != "POST":
        return render(request, "cpted/assessment.html", _context(request, assessment))
    if not has_role(request.user, *ASSESS_ROLES):
        raise Http404
    action = request.POST.get("form")
    handlers = {"visit": _visit, "complete": _complete}
    if action not in handlers:
        raise Http404
    return handlers[action](request, assessment)


def _visit(request: HttpRequest, assessment: Any) -> HttpResponse:
    form = VisitForm(request.POST)
    if form.is_valid():
        try:
            services.visit_record(actor=request.user, assessment=assessment, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Site visit recorded."))
            return redirect("cpted:assessment", assessment_id=assessment.pk)
    return render(
        request, "cpted/assessment.html", _context(request, assessment, visit_form=form), status=400
    )


def _complete(request: HttpRequest, assessment: Any) -> HttpResponse:
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_complete(
                actor=request.user, assessment=assessment, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Assessment completed and signed off."))
            return redirect("cpted:assessment", assessment_id=assessment.pk)
    return render(
        request,
        "cpted/assessment.html",
        _context(request, assessment, complete_form=form),
        status=400,
    )


@role_required(*READ_ROLES)
def photo(request: HttpRequest, photo_id: int) -> HttpResponse:  # a FileResponse
    """Photos may show people: each view is written to the access log."""
    item = selectors.photo_get(user=request.user, photo_id=photo_id, purpose="cpted.photo")
    return FileResponse(item.image.open("rb"), content_type="image/jpeg")  # type: ignore[return-value]


@role_required(*READ_ROLES)
def report(request: HttpRequest, assessment_id: int, language: str) -> HttpResponse:
    if language not in ("nl", "fr", "en"):
        raise Http404
    # The report names the site-visit participants and may show photos: every download is logged.
    assessment = assessment_or_404(request, assessment_id, purpose="cpted.report")
    pdf = reports.assessment_pdf(assessment, language)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"cpted-{assessment.project_id}-{assessment.pk}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


__all__ = ["assessment_detail", "assessment_start", "photo", "project_or_404", "report"]
