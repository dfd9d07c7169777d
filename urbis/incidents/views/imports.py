"""Import page with progress (a background task), and recording one incident by hand."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from urbis.core.permissions import role_required
from urbis.incidents import selectors
from urbis.incidents.forms import AddressImportForm, ImportForm, IncidentForm
from urbis.incidents.permissions import IMPORT_ROLES, WORKBENCH_ROLES
from urbis.incidents.services import cocoon, runs
from urbis.incidents.services.imports import ImportResult, addresses_import

#: Rejected rows listed on the address import page (the rest is counted).
MAX_LISTED = 1000


@role_required(*IMPORT_ROLES)
def import_page(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            run = runs.import_run_create(
                actor=request.user,
                data=upload.read(),
                filename=upload.name,
                crs=form.cleaned_data["crs"],
                source=form.cleaned_data["source"],
                all_or_nothing=form.cleaned_data["all_or_nothing"],
                mapping=form.mapping(),
            )
            return redirect("incidents:import_run", pk=run.pk)
        status = 400
    else:
        status = 200
    recent = selectors.import_runs_for(request.user)[:10]
    return render(request, "incidents/import.html", {"form": form, "recent": recent}, status=status)


@role_required(*IMPORT_ROLES)
def addresses_page(request: HttpRequest) -> HttpResponse:
    """The address register import (the same service as ``urbis addresses import``), at once:
    an address register is small next to a police export. Every rejected row is listed."""
    form = AddressImportForm(request.POST or None, request.FILES or None)
    result: ImportResult | None = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = addresses_import(
                    actor=request.user,
                    data=upload.read(),
                    filename=upload.name or "addresses.csv",
                    crs=form.cleaned_data["crs"] or None,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                status = 200 if result.valid else 400
    context = {
        "form": form,
        "result": result,
        "rejected": result.rejected[:MAX_LISTED] if result else [],
        "more": max(0, len(result.rejected) - MAX_LISTED) if result else 0,
        "count": selectors.address_count_for(request.user),
    }
    return render(request, "incidents/addresses.html", context, status=status)


@role_required(*IMPORT_ROLES)
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(selectors.import_runs_for(request.user), pk=pk)
    return render(request, "incidents/import_run.html", {"run": run})


@role_required(*IMPORT_ROLES)
def import_status(request: HttpRequest, pk: int) -> JsonResponse:
    run = get_object_or_404(selectors.import_runs_for(request.user), pk=pk)
    return JsonResponse(
        {
            "status": run.status,
            "total": run.total_rows,
            "processed": run.processed_rows,
            "imported": run.imported,
            "updated": run.updated,
            "unchanged": run.unchanged,
            "rejected": run.rejected,
            "message": run.message,
        }
    )


@role_required(*WORKBENCH_ROLES)
def record(request: HttpRequest) -> HttpResponse:
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident = cocoon.incident_record(
                actor=request.user,
                reference=data["reference"],
                category=data["category"],
                occurred_from=data["occurred_from"],
                occurred_to=data["occurred_to"],
                lat=data["lat"],
                lon=data["lon"],
                precision=data["precision"],
                source="manual",
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            watch = getattr(incident, "cocoon", None)
            if watch is not None:
                return redirect("incidents:cocoon_detail", pk=watch.pk)
            return redirect("incidents:workbench")
    status = 400 if request.method == "POST" else 200
    return render(request, "incidents/record.html", {"form": form}, status=status)
