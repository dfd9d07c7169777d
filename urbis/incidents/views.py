from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from urbis.core.permissions import role_required
from urbis.incidents.permissions import WORKBENCH_ROLES


@role_required(*WORKBENCH_ROLES)
def workbench(request: HttpRequest) -> HttpResponse:
    return render(request, "incidents/workbench.html", {})
