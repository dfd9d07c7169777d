"""The pure rules' refusals said in the user's language, per field (dates day-first)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError

from urbis.sanctions import labels
from urbis.sanctions.rules.eligibility import Refusal


def _param(value: object) -> object:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")  # day-first in every language
    return value


def say(refusal: Refusal) -> tuple[str, str]:
    """The field and the translated sentence of one refusal."""
    if refusal.key not in labels.REFUSAL:
        return "action", str(refusal)
    field, template = labels.REFUSAL[refusal.key]
    params = {name: _param(value) for name, value in refusal.params.items()}
    return field, str(template) % params if params else str(template)


def raise_refusals(refusals: Iterable[Refusal]) -> None:
    """Raise one ``ValidationError`` with every refusal on its field (nothing if none)."""
    errors: dict[str, list[str]] = {}
    for refusal in refusals:
        field, message = say(refusal)
        errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError(errors)


def refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})
