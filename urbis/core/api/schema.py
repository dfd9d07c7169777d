"""The OpenAPI schema tells the truth about errors: every operation documents the one error
body (``{status, code, message, errors}``) for the error statuses it can answer."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer[Any]):
    """The body of every API error (urbis.core.api.errors)."""

    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.JSONField(),
        help_text="Messages per field; non_field_errors for the whole request.",
    )


#: Statuses every protected operation may answer, whatever its input.
COMMON_ERRORS = {
    "400": "Invalid input: messages per field in errors.",
    "401": "Not authenticated.",
    "403": "Authenticated but not allowed (e.g. a session without a CSRF token).",
    "404": "Not found, or not visible to the caller (a caller without the role gets 404).",
    "429": "Too many requests.",
}


class UrbisAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        for code, description in COMMON_ERRORS.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description),
                    code,
                    direction=direction,
                )
        return responses
