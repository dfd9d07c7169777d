"""Cocoon watch pages, the neighbours' letter, and the honest evaluation page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbis.core.permissions import role_required
from urbis.core.roles import has_role
from urbis.incidents import letters, selectors, spatial
from urbis.incidents.forms import KnoxForm
from urbis.incidents.models import ForecastRun
from urbis.incidents.permissions import COCOON_ROLES, LETTER_ROLES, WORKBENCH_ROLES
from urbis.incidents.services import cocoon, forecasts


@role_required(*COCOON_ROLES)
def cocoon_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "incidents/cocoon_list.html",
        {"watches": selectors.watches_for(request.user)[:200]},
    )


@role_required(*COCOON_ROLES)
def cocoon_detail(request: HttpRequest, pk: int) -> HttpResponse:
    watch = get_object_or_404(selectors.watches_for(request.user), pk=pk)
    addresses = selectors.watch_addresses(request.user, watch)
    return render(
        request,
        "incidents/cocoon_detail.html",
        {
            "watch": watch,
            "addresses": addresses,
            "streets": letters.streets_of(addresses),
            "may_send": has_role(request.user, *LETTER_ROLES),
            "languages": letters.LANGUAGES,
            "zone_url": reverse("incidents:cocoon_zone", args=[watch.pk]),
        },
    )


@role_required(*COCOON_ROLES)
def cocoon_zone(request: HttpRequest, pk: int) -> JsonResponse:
    """The zone as a GeoJSON circle polygon (WGS84) around the incident."""
    import math

    watch = get_object_or_404(selectors.watches_for(request.user), pk=pk)
    x, y = watch.incident.x, watch.incident.y
    angles = [2 * math.pi * i / 48 for i in range(49)]
    lon, lat = spatial.from_metric(
        [x + watch.radius_m * math.cos(a) for a in angles],
        [y + watch.radius_m * math.sin(a) for a in angles],
    )
    ring = [[round(float(a), 6), round(float(b), 6)] for a, b in zip(lon, lat, strict=True)]
    return JsonResponse(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                    "properties": {"name": _("Risk zone")},
                },
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [watch.incident.lon, watch.incident.lat],
                    },
                    "properties": {"name": watch.incident.reference},
                },
            ],
        }
    )


@role_required(*LETTER_ROLES)
def cocoon_letter(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    if language not in letters.LANGUAGES:
        raise Http404
    watch = get_object_or_404(selectors.watches_for(request.user), pk=pk)
    addresses = selectors.watch_addresses(request.user, watch)
    response = HttpResponse(
        letters.letter_pdf(watch, addresses, language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="cocoon-{watch.pk}-{language}.pdf"'
    return response


@role_required(*LETTER_ROLES)
@require_POST
def cocoon_sent(request: HttpRequest, pk: int) -> HttpResponse:
    watch = get_object_or_404(selectors.watches_for(request.user), pk=pk)
    try:
        cocoon.letters_sent(actor=request.user, watch=watch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Recorded: the letters went out."))
    return redirect("incidents:cocoon_detail", pk=watch.pk)


@role_required(*WORKBENCH_ROLES)
def evaluation(request: HttpRequest) -> HttpResponse:
    used = (
        ForecastRun.objects.select_related("category")[:50]
        if has_role(request.user, *WORKBENCH_ROLES)
        else []
    )
    rows = [(run, forecasts.forecast_evaluate(run)) for run in used]
    result = selectors.cocoon_evaluation()
    return render(
        request,
        "incidents/evaluation.html",
        {
            "rows": rows,
            "cocoon": result,
            "warned_rate": result.rate(result.warned_repeats, result.warned),
            "not_warned_rate": result.rate(result.not_warned_repeats, result.not_warned),
            "categories": selectors.categories_for(request.user),
            "knox_form": KnoxForm(),
        },
    )


@role_required(*WORKBENCH_ROLES)
@require_POST
def forecast_use(request: HttpRequest) -> HttpResponse:
    from django.utils import timezone

    code = request.POST.get("category", "")[:40]
    category = (
        selectors.categories_for(request.user).filter(code=code).first()
        if code and code.isascii() and code.replace("-", "").isalnum()
        else None
    )
    try:
        coverage = float(request.POST.get("coverage", "0.05"))
    except ValueError:
        coverage = -1
    if not 0 < coverage <= 0.5 or (code and category is None):
        return render(
            request,
            "incidents/evaluation.html",
            {"error": _("Choose a category and a coverage between 0 and 0.5.")},
            status=400,
        )
    forecasts.forecast_use(
        actor=request.user, category=category, at=timezone.localdate(), coverage=coverage
    )
    messages.success(request, _("The forecast for the coming week is recorded as used."))
    return redirect("incidents:evaluation")
