"""Glue shared by the pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

FIELD_ALIASES = {"location": "address", "category": None, "report": None, "visit": None}


def add_errors(
    form: forms.Form, error: ValidationError, aliases: dict[str, Any] | None = None
) -> None:
    """Put a service's per-field messages on the form's fields (or on top of the form)."""
    aliases = {**FIELD_ALIASES, **(aliases or {})}
    mapping: dict[str, list[str]] = (
        error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    )
    for field, messages in mapping.items():
        name = aliases.get(field, field) if field else None
        if name and name.startswith("attribute."):
            name = "attribute_" + name.split(".", 1)[1]
        if name and name.startswith("offender."):
            name = name.split(".", 1)[1]
            name = {
                "kind": "offender_kind",
                "name": "offender_name",
                "first_name": "offender_first_name",
            }.get(name, name)
        if name not in form.fields:
            name = None
        for message in messages:
            form.add_error(name, message)
