"""Checklist templates: list, upload a new version as YAML/JSON, download one in that format."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from urbis.core.permissions import role_required
from urbis.cpted import selectors, services
from urbis.cpted.forms import ChecklistUploadForm
from urbis.cpted.permissions import COORDINATE_ROLES


def _document_errors(form: ChecklistUploadForm, error: ValidationError) -> None:
    """Show the document's problems on the document field, each naming its key or item."""
    if not hasattr(error, "error_dict"):
        form.add_error("document", error.messages)
        return
    for key, problems in error.message_dict.items():
        named = key not in ("document", "items", "__all__")
        form.add_error("document", [f"{key}: {p}" if named else p for p in problems])


@role_required(*COORDINATE_ROLES)
def checklists(request: HttpRequest) -> HttpResponse:
    form = ChecklistUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                document = services.checklist_parse(form.cleaned_data["document"])
                template = services.checklist_upload(actor=request.user, document=document)
            except ValidationError as error:
                _document_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Checklist %(code)s version %(version)s saved.")
                    % {"code": template.code, "version": template.version},
                )
                return redirect("cpted:checklists")
        status = 400
    return render(
        request,
        "cpted/checklists.html",
        {"form": form, "templates": selectors.checklist_templates_for(request.user)},
        status=status,
    )


@role_required(*COORDINATE_ROLES)
def checklist_download(request: HttpRequest, template_id: int, fmt: str) -> HttpResponse:
    if fmt not in ("yaml", "json"):
        raise Http404
    template = get_object_or_404(selectors.checklist_templates_for(request.user), pk=template_id)
    content_type = "application/json" if fmt == "json" else "application/yaml"
    response = HttpResponse(
        services.checklist_dump(template, fmt), content_type=f"{content_type}; charset=utf-8"
    )
    filename = f"{template.code}-{template.version}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
