"""The safety-survey monitor."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from urbis.core.permissions import role_required
from urbis.core.roles import has_role
from urbis.core.tabular import TabularError, read_table
from urbis.plan import selectors, services
from urbis.plan.forms import (
    PublishSurveyForm,
    SurveyUploadForm,
)
from urbis.plan.models import Indicator
from urbis.plan.permissions import EDIT_ROLES, READ_ROLES

SURVEY_ITEM_LABELS = {  # lazy: said in each request's language
    "insecurity": gettext_lazy("Feeling of insecurity"),
    "pride": gettext_lazy("Pride in the city"),
    "avoid_dark": gettext_lazy("Avoids going out after dark"),
    "avoid_places": gettext_lazy("Avoids certain places"),
}


@role_required(*READ_ROLES)
def survey(request: HttpRequest) -> HttpResponse:
    form = SurveyUploadForm()
    report = None
    status = 200
    if request.method == "POST":
        if not has_role(request.user, *EDIT_ROLES):
            raise Http404
        form = SurveyUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                table = read_table(
                    upload, filename=upload.name or "", required=("respondent", "year")
                )
            except TabularError as exc:
                form.add_error("file", str(exc))
            else:
                report = services.survey_import(
                    actor=request.user,
                    rows=table,
                    all_or_nothing=not form.cleaned_data["import_valid"],
                )
            if report is not None and (report.ok or report.imported):
                messages.success(request, _("%(n)s responses imported.") % {"n": report.imported})
                for line, reason in report.rejected:
                    messages.warning(
                        request, _("line %(line)s: %(reason)s") % {"line": line, "reason": reason}
                    )
                return redirect("plan:survey")
        status = 400
    item = request.GET.get("item", "insecurity")
    if item not in selectors.SURVEY_ITEMS:
        item = "insecurity"
    # Pseudonymous microdata (respondent, area, year) are read: the selector logs it.
    results = selectors.survey_results_for(user=request.user, item=item, purpose="plan.survey")
    chart = {
        "labels": [str(year) for year in results["years"]],
        "values": [
            None if s.share is None else round(s.share * 100, 2) for s in results["years"].values()
        ],
        "low": [
            None if s.ci_low is None else round(s.ci_low * 100, 2)
            for s in results["years"].values()
        ],
        "high": [
            None if s.ci_high is None else round(s.ci_high * 100, 2)
            for s in results["years"].values()
        ],
        "benchmark": {str(b.year): float(b.value) for b in results["benchmarks"]},
        "names": {
            "share": str(_("Share (%)")),
            "low": str(_("95% interval, low")),
            "high": str(_("95% interval, high")),
            "benchmark": str(_("Benchmark")),
        },
    }
    return render(
        request,
        "plan/survey.html",
        {
            "form": form,
            "report": report,
            "results": results,
            "item": item,
            "items": [(code, SURVEY_ITEM_LABELS[code]) for code in selectors.SURVEY_ITEMS],
            "chart_json": json.dumps(chart),
            "can_edit": has_role(request.user, *EDIT_ROLES),
            "publish_form": PublishSurveyForm(
                indicators=Indicator.objects.filter(
                    objective__priority__plan__in=selectors.plans_for(request.user), unit="%"
                ),
                initial={"edition": max(results["years"], default=None)},
            ),
        },
        status=status,
    )


@role_required(*EDIT_ROLES)
@require_POST
def survey_publish(request: HttpRequest) -> HttpResponse:
    indicators_qs = Indicator.objects.filter(
        objective__priority__plan__in=selectors.plans_for(request.user)
    )
    form = PublishSurveyForm(request.POST, indicators=indicators_qs)
    if form.is_valid():
        try:
            services.survey_publish(
                actor=request.user,
                indicator=form.cleaned_data["indicator"],
                edition=form.cleaned_data["edition"],
                item=request.POST.get("item", "insecurity"),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("plan:survey")
        messages.success(request, _("The survey result was recorded as a measurement."))
    else:
        messages.error(request, _("Choose an indicator and a year."))
    return redirect("plan:survey")
