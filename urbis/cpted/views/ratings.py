"""A zone's whole checklist on one page, saved together (all or nothing, errors per row)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urbis.core.permissions import role_required
from urbis.cpted import scoring, services
from urbis.cpted.forms import ZoneRatingFormSet
from urbis.cpted.models import Assessment, AssessmentStatus, Rating, Zone
from urbis.cpted.permissions import ASSESS_ROLES
from urbis.cpted.views.common import assessment_or_404

ROW_FIELDS = ("value", "not_applicable", "not_observable", "note", "lat", "lon", "photo")


def _initial(items: list[Any], ratings: dict[int, Rating]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        rating = ratings.get(item.pk)
        rows.append(
            {name: getattr(rating, name) for name in ROW_FIELDS if name != "photo"}
            if rating
            else {}
        )
    return rows


def _rows(formset: Any, items: list[Any], ratings: dict[int, Rating]) -> list[dict[str, Any]]:
    return [
        {
            "item": item,
            "form": form,
            "rating": ratings.get(item.pk),
            "scale": scoring.SCALES[item.scale][:2],
        }
        for item, form in zip(items, formset.forms, strict=True)
    ]


def _render(
    request: HttpRequest, assessment: Assessment, zone: Zone, formset: Any, status: int = 200
) -> HttpResponse:
    items = list(assessment.template.items.all())
    ratings = {r.item_id: r for r in zone.ratings.prefetch_related("photos")}
    rows = _rows(formset, items, ratings)
    context = {
        "assessment": assessment,
        "project": assessment.project,
        "zone": zone,
        "zones": assessment.zones.all(),
        "formset": formset,
        "rows": rows,
        "errored_rows": [row for row in rows if row["form"].errors],
    }
    return render(request, "cpted/zone_checklist.html", context, status=status)


def _entries(formset: Any, items: list[Any]) -> list[services.RatingEntry]:
    return [
        services.RatingEntry(
            item=item, **{name: form.cleaned_data.get(name) for name in ROW_FIELDS}
        )
        for item, form in zip(items, formset.forms, strict=True)
    ]


def _save(request: HttpRequest, assessment: Assessment, zone: Zone, formset: Any) -> HttpResponse:
    items = list(assessment.template.items.all())
    try:
        saved = services.zone_ratings_record(
            actor=request.user, assessment=assessment, zone=zone, entries=_entries(formset, items)
        )
    except services.ZoneRatingsError as error:
        for index, fields in error.rows.items():
            for name, message in fields.items():
                formset.forms[index].add_error(name if name in ROW_FIELDS else None, message)
        return _render(request, assessment, zone, formset, status=400)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cpted:assessment", assessment_id=assessment.pk)
    messages.success(
        request,
        _("%(count)d ratings saved for %(zone)s.")
        % {"count": len(saved), "zone": zone.display_name},
    )
    return redirect(f"{request.path}#saved")


@role_required(*ASSESS_ROLES)
def zone_checklist(request: HttpRequest, assessment_id: int, zone_id: int) -> HttpResponse:
    # The assessment names site-visit participants: the selector logs the read.
    purpose = "cpted.assessment" if request.method != "POST" else "cpted.assessment_edit"
    assessment = assessment_or_404(request, assessment_id, purpose=purpose)
    zone = assessment.zones.filter(pk=zone_id).first()
    if zone is None:
        raise Http404
    if assessment.status != AssessmentStatus.DRAFT:
        messages.error(request, _("This assessment is completed; start a new one to change it."))
        return redirect("cpted:assessment", assessment_id=assessment.pk)
    items = list(assessment.template.items.all())
    ratings = {r.item_id: r for r in zone.ratings.all()}
    initial = _initial(items, ratings)
    if request.method != "POST":
        return _render(request, assessment, zone, ZoneRatingFormSet(initial=initial))
    formset = ZoneRatingFormSet(request.POST, request.FILES, initial=initial)
    if not formset.is_valid() or len(formset.forms) != len(items):
        if len(formset.forms) != len(items):
            formset = ZoneRatingFormSet(initial=initial)
            messages.error(request, _("The checklist changed: reload the page and try again."))
        return _render(request, assessment, zone, formset, status=400)
    return _save(request, assessment, zone, formset)
