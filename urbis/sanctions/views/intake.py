"""Intake pages: the field report form and the bulk CSV import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.forms import apply_service_errors
from urbis.core.permissions import role_required
from urbis.core.roles import Role, has_role
from urbis.core.tabular import csv_response
from urbis.sanctions import selectors
from urbis.sanctions.forms import (
    BulkImportForm,
    IntakeForm,
)
from urbis.sanctions.models import AscertainerKind
from urbis.sanctions.permissions import CASE_ROLES, INTAKE_ROLES
from urbis.sanctions.services import intake
from urbis.sanctions.services.intake import identity, pending
from urbis.sanctions.services.intake.tabular import COLUMNS


def _data(d: dict[str, Any]) -> intake.AscertainmentData:
    return intake.AscertainmentData(
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
            same_person=d["same_person"],
        ),
    )


def _defaults(request: HttpRequest) -> dict[str, Any]:
    """Today's date and the current time: most reports are filed where the facts are."""
    now = timezone.localtime().replace(second=0, microsecond=0)
    kind = AscertainerKind.MUNICIPAL if has_role(request.user, Role.ASCERTAINER) else ""
    return {
        "offence_at": now,
        "ascertained_on": now.date(),
        "received_on": now.date(),
        "kind": kind,
    }


def _kept_photo(request: HttpRequest, form: IntakeForm) -> str:
    """The token of the photo to keep for the next attempt ('' when there is none)."""
    upload = form.cleaned_data.get("photo") if hasattr(form, "cleaned_data") else None
    if upload:
        try:
            return pending.photo_keep(actor=request.user, upload=upload)
        except ValidationError:
            return ""
    token = request.POST.get("photo_token", "")
    return token if pending.photo_exists(actor=request.user, token=token) else ""


def _file(request: HttpRequest, form: IntakeForm) -> tuple[Any, bool]:
    """Run the intake; the case, and whether the refusal was the identity question."""
    d = form.cleaned_data
    photo = d["photo"]
    token = request.POST.get("photo_token", "")
    if not photo and token:
        photo = pending.photo_take(actor=request.user, token=token)
    try:
        result = intake.ascertainment_create(
            actor=request.user,
            data=_data(d),
            photos=[photo] if photo else [],
            idempotency_key=d["idempotency_key"] or None,
        )
    except ValidationError as error:
        if photo and not d["photo"]:
            form.cleaned_data["photo"] = photo  # taken from the kept ones: keep it again
        apply_service_errors(form, error)
        return None, identity.is_identity_match(error)
    return result.case, False


@role_required(*INTAKE_ROLES)
def file_report(request: HttpRequest) -> HttpResponse:
    """The field form: an ascertaining officer files a PV or administrative report."""
    if request.method == "POST":
        form = IntakeForm(request.POST, request.FILES)
    else:
        form = IntakeForm(initial=_defaults(request))
    identity_question = False
    photo_token = ""
    if request.method == "POST":
        if form.is_valid():
            case, identity_question = _file(request, form)
            if case is not None:
                messages.success(request, _("Report filed as case %(n)s.") % {"n": case.number})
                if has_role(request.user, *CASE_ROLES):
                    return redirect("sanctions:case", number=case.number)
                return redirect("sanctions:file_report")
        photo_token = _kept_photo(request, form)
    context = {
        "form": form,
        "identity_question": identity_question or bool(request.POST.get("same_person")),
        "photo_token": photo_token,
        "recent": selectors.own_reports(user=request.user),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "sanctions/file_report.html", context, status=status)


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


#: One example row per template, so the layout is clear at a glance (docs/sanctions-imports.md).
TEMPLATE_EXAMPLES = {
    "intake": {
        "kind": "municipal",
        "reference": "BV/2026/0001",
        "article": "ABP-12",
        "offence_at": "2026-09-01T14:30",
        "ascertained_on": "2026-09-01",
        "received_on": "2026-09-02",
        "description": "Household waste next to the glass container",
        "address": "Veemarkt 20, Mechelen",
        "offender_kind": "natural",
        "name": "Peeters",
        "first_name": "Jan",
        "birth_date": "1985-07-30",
        "street": "Grote Markt 1",
        "postcode": "2800",
        "city": "Mechelen",
        "language": "nl",
    },
    "bank": {
        "date": "02/09/2026",
        "amount": "58,00",
        "communication": "+++090/9337/55493+++",
        "counterparty": "Jan Peeters",
        "iban": "BE68539007547034",
    },
}


@role_required(*CASE_ROLES)
def bulk_template(request: HttpRequest) -> HttpResponse:
    """A CSV template of a documented layout: ``?layout=intake`` (default) or ``bank``."""
    layout = "bank" if request.GET.get("layout") == "bank" else "intake"
    example = TEMPLATE_EXAMPLES[layout]
    columns = list(COLUMNS) if layout == "intake" else list(example)
    return csv_response(
        f"gas-{layout}-template.csv", columns, [[example.get(c, "") for c in columns]]
    )
