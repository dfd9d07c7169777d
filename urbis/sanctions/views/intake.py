"""Intake pages: the field report form and the bulk CSV import."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urbis.core.forms import apply_service_errors
from urbis.core.permissions import role_required
from urbis.core.roles import has_role
from urbis.sanctions.forms import (
    BulkImportForm,
    IntakeForm,
)
from urbis.sanctions.permissions import CASE_ROLES, INTAKE_ROLES
from urbis.sanctions.services import intake


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
            driver_identified=d["driver_identified"],
            driver_name=d["driver_name"],
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
                idempotency_key=d["idempotency_key"] or None,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
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
        upload = form.cleaned_data["file"]
        try:
            report = intake.ascertainments_import(
                actor=request.user,
                content=upload,
                import_valid=form.cleaned_data["import_valid"],
                filename=upload.name or "",
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if report.imported:
                messages.success(request, _("%(n)s cases opened.") % {"n": len(report.created)})
    refused = form.errors or (report is not None and not report.imported)
    status = 400 if request.method == "POST" and refused else 200
    return render(request, "sanctions/bulk.html", {"form": form, "report": report}, status=status)
