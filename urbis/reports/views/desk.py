"""The desk: a report phoned in by a citizen, filed through the same service as Open311 and the
web form (issue 12 §4, source "phone")."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from urbis.core.permissions import role_required
from urbis.reports import selectors, services
from urbis.reports.forms import DeskCategoryForm, DeskReportForm
from urbis.reports.models import Report, Source
from urbis.reports.permissions import WORK_ROLES
from urbis.reports.rules import attributes as attribute_rules
from urbis.reports.views.common import add_errors


def _language() -> str:
    return (get_language() or "nl")[:2]


@role_required(*WORK_ROLES)
def desk(request: HttpRequest) -> HttpResponse:
    """Pick the category (GET ``?category=``), then the caller's report (POST)."""
    categories = {c.code: c for c in selectors.desk_categories()}
    choices = [(code, c.current.name) for code, c in categories.items()]  # type: ignore[union-attr]
    picker = DeskCategoryForm(request.GET or None, categories=choices)
    code = picker.cleaned_data["category"] if picker.is_valid() else ""
    category = categories.get(code)
    if category is None or category.current is None:
        status = 400 if request.GET else 200
        return render(request, "reports/staff/desk.html", {"picker": picker}, status=status)
    definitions = attribute_rules.parse_definitions(category.current.attributes)
    form = DeskReportForm(request.POST or None, definitions=definitions, language=_language())
    if request.method == "POST" and form.is_valid():
        report = _file(request, form, code)
        if report is not None:
            messages.success(request, _("Report %(n)s filed for the caller.") % {"n": report.pk})
            return redirect("reports:report", pk=report.pk)
    context = {"picker": picker, "form": form, "category": category, "version": category.current}
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/staff/desk.html", context, status=status)


def _file(request: HttpRequest, form: DeskReportForm, code: str) -> Report | None:
    data = form.cleaned_data
    report_input = services.ReportInput(
        category_code=code,
        description=data["description"],
        lat=data["lat"],
        lon=data["lon"],
        address=data["address"],
        attributes=form.answers(),
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"],
        phone=data["phone"],
        language=data["caller_language"],
    )
    try:
        result = services.report_submit(
            actor=request.user,
            data=report_input,
            source=Source.PHONE,
            submission_token=data["submission"],
        )
    except ValidationError as error:
        add_errors(form, error)
        return None
    return result.report
