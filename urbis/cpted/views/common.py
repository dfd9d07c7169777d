from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from urbis.core.forms import apply_service_errors
from urbis.cpted import selectors
from urbis.cpted.models import Assessment, InvestmentProject

#: The one helper for a service's ValidationError on a page (urbis.core.forms).
add_errors = apply_service_errors


def project_or_404(request: HttpRequest, project_id: int) -> InvestmentProject:
    return get_object_or_404(selectors.projects_for(request.user), pk=project_id)


def assessment_or_404(request: HttpRequest, assessment_id: int, *, purpose: str) -> Assessment:
    """The assessment (it names people: access-logged by the selector with ``purpose``)."""
    return selectors.assessment_get(user=request.user, assessment_id=assessment_id, purpose=purpose)
