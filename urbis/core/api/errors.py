"""One error format for every API endpoint: ``{status, code, message, errors}``.

``errors`` maps a field name to its messages (``non_field_errors`` for the whole object).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [str(item) for item in detail]
        return [_flatten(item) for item in detail]
    return [str(detail)]


def error_body(status_code: int, code: str, message: str, errors: Any = None) -> dict[str, Any]:
    return {"status": status_code, "code": code, "message": message, "errors": errors or {}}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        django_detail: Any = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail=django_detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    assert isinstance(exc, exceptions.APIException)
    if isinstance(exc, exceptions.ValidationError):
        detail: Any = exc.detail
        errors = _flatten(detail if isinstance(detail, dict) else {"non_field_errors": detail})
        body = error_body(
            response.status_code, "invalid", _("The request has invalid fields."), errors
        )
    else:
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        body = error_body(response.status_code, code, str(exc.detail))
    response.data = body
    return response


def json_404(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse(error_body(404, "not_found", _("Not found.")), status=404)


def json_500(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        error_body(500, "server_error", _("Internal error; it has been logged.")),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
