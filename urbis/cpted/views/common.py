from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from urbis.cpted import selectors
from urbis.cpted.models import Assessment, InvestmentProject


def project_or_404(request: HttpRequest, project_id: int) -> InvestmentProject:
    return get_object_or_404(selectors.projects_for(request.user), pk=project_id)


def assessment_or_404(request: HttpRequest, assessment_id: int) -> Assessment:
    return get_object_or_404(selectors.assessments_for(request.user), pk=assessment_id)


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields (or the form when not a field)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
