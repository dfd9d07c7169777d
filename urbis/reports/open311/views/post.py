"""POST Service Request: form-encoded with a partner's api_key (GeoReport v2)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from urbis.core.request_context import client_address
from urbis.reports import conf, services
from urbis.reports.models import Source
from urbis.reports.open311.render import Node, errors, render
from urbis.reports.open311.views.common import _arg, _float, _jurisdiction, _notice
from urbis.reports.services.keys import open311_key_check

_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]{1,100})\](\[\])?$")


FIELD_NAMES = {
    "category": "service_code",
    "location": "lat/long",
    "description": "description",
    "email": "email",
    "first_name": "first_name",
    "last_name": "last_name",
    "phone": "phone",
    "address": "address_string",
    "media_url": "media_url",
    "photos": "media_url",
}


def _post(request: HttpRequest, fmt: str) -> HttpResponse:
    """POST Service Request: form-encoded, ``api_key`` required (403), service_code (400/404),
    a location (400), attributes checked against the service definition (400)."""
    refused = _jurisdiction(request, fmt)
    if refused:
        return refused
    raw_key = _arg(request, "api_key")
    key = open311_key_check(raw_key)
    if key is None:
        text = _("api_key is missing.") if not raw_key else _("api_key is invalid or revoked.")
        return errors(fmt, 403, [(403, text)])
    code = _arg(request, "service_code")
    if not code:
        return errors(fmt, 400, [(400, _("service_code was not provided."))])
    problems: list[tuple[int, str]] = []
    lat = _float(_arg(request, "lat"), "lat", problems)
    lon = _float(_arg(request, "long"), "long", problems)
    address = _arg(request, "address_string")
    if not address and _arg(request, "address_id") and lat is None:
        problems.append((400, _("address_id is not known here: give lat/long or address_string.")))
    answers = _answers(request)
    if problems:
        return errors(fmt, 400, problems)
    data = services.ReportInput(
        category_code=code,
        description=request.POST.get("description", ""),
        lat=lat,
        lon=lon,
        address=address,
        attributes=answers,
        first_name=_arg(request, "first_name"),
        last_name=_arg(request, "last_name"),
        email=_arg(request, "email"),
        phone=_arg(request, "phone"),
        media_url=_arg(request, "media_url"),
    )
    try:
        result = services.report_submit(
            actor=None,
            data=data,
            source=Source.OPEN311,
            open311_key=key,
            client_address=client_address(request),
        )
    except services.ThrottledError as error:
        which = _("this api_key") if error.what == "key" else _("this address")
        return errors(
            fmt, 429, [(429, _("Too many requests from %(w)s; retry later.") % {"w": which})]
        )
    except ValidationError as error:
        return _refused(error, code, fmt)
    report = result.report
    version = report.category_version
    fields: list[tuple[str, Any]]
    if str(conf.get("URBIS_REPORTS_OPEN311_TYPE")) == "batch":
        fields = [("token", report.open311_token)]
    else:
        fields = [("service_request_id", str(report.pk))]
    fields += [("service_notice", _notice(version)), ("account_id", None)]
    return render(
        "service_requests",
        [("request", Node("request", fields))],
        fmt,
        status=201 if result.created else 200,
    )


def _answers(request: HttpRequest) -> dict[str, list[str]]:
    """The ``attribute[code]`` answers of the POST, by attribute code (several for a
    multivaluelist)."""
    answers: dict[str, list[str]] = {}
    for name in request.POST:
        match = _ATTRIBUTE.match(name)
        if match:
            answers.setdefault(match.group(1), []).extend(request.POST.getlist(name))
    return answers


def _refused(error: ValidationError, code: str, fmt: str) -> HttpResponse:
    """A refused request in the spec's terms: an unknown or staff-only service is 404, every
    other problem a 400 naming the Open311 parameter."""
    if "category" in error.message_dict:
        return errors(fmt, 404, [(404, _("service_code %(c)s was not found.") % {"c": code[:40]})])
    found: list[tuple[int, str]] = []
    for field, messages in error.message_dict.items():
        name = FIELD_NAMES.get(
            field,
            field.replace("attribute.", "attribute[") + "]"
            if field.startswith("attribute.")
            else field,
        )
        found.extend((400, f"{name}: {message}") for message in messages)
    return errors(fmt, 400, found)
