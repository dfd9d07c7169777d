"""urbis.core.forms.apply_service_errors: a service's ValidationError onto a page's form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from urbis.core.forms import apply_service_errors


class ExampleForm(forms.Form):
    name = forms.CharField()
    national_number = forms.CharField(required=False)


def bound() -> ExampleForm:
    form = ExampleForm({"name": "Peeters"})
    assert form.is_valid()
    return form


def test_a_named_field_error_lands_on_that_field() -> None:
    form = bound()
    apply_service_errors(form, ValidationError({"name": "Already registered."}))
    assert form.errors == {"name": ["Already registered."]}


def test_a_dotted_path_lands_on_its_last_part() -> None:
    form = bound()
    apply_service_errors(form, ValidationError({"offender.national_number": "Bad checksum."}))
    assert form.errors == {"national_number": ["Bad checksum."]}


def test_a_key_the_form_lacks_is_a_non_field_error_that_names_it() -> None:
    form = bound()
    apply_service_errors(form, ValidationError({"amount": "Above the maximum."}))
    assert form.non_field_errors() == ["amount: Above the maximum."]


def test_a_list_error_and_all_are_non_field_errors() -> None:
    form = bound()
    apply_service_errors(form, ValidationError(["First.", "Second."]))
    apply_service_errors(form, ValidationError({"__all__": ["Third."]}))
    assert form.non_field_errors() == ["First.", "Second.", "Third."]
