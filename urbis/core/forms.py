"""Form helpers shared by every app's pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form, the one way every page does it.

    A dict error (``ValidationError({"field": [...]})``) lands on each named field the form
    has; a key the form lacks (a model field the form does not show, a dotted path such as
    ``offender.national_number`` whose last part is a form field, or ``__all__``) falls back to
    the last part of the path, then to the non-field errors, prefixed with its name so that no
    message loses its subject. A list or single-message error becomes non-field errors.
    The API needs no helper: its exception handler renders the same error as a 400.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, messages in error.message_dict.items():
        if key in form.fields:
            form.add_error(key, messages)
            continue
        last = key.rsplit(".", 1)[-1]
        if last in form.fields:
            form.add_error(last, messages)
        elif key == NON_FIELD_ERRORS:
            form.add_error(None, messages)
        else:
            form.add_error(None, [f"{key}: {message}" for message in messages])


class ChecklistSelectMultiple(forms.CheckboxSelectMultiple):
    """A long multiple choice (partners, areas) as a list of checkboxes with a filter box.

    The shared field template renders it as a fieldset; ``static/js/checklist.js`` reveals the
    filter box and hides the options that do not match. Without JavaScript the whole list
    shows and every box works (progressive enhancement).
    """

    searchable = True

    def __init__(self, attrs: dict[str, str] | None = None, choices: Any = ()) -> None:
        classes = " ".join(filter(None, ["checklist", (attrs or {}).get("class", "")]))
        super().__init__(attrs={**(attrs or {}), "class": classes}, choices=choices)
