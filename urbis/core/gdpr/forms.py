"""Forms of the DPO pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from urbis.core.gdpr.models import RequestKind
from urbis.core.gdpr.rectification import PERSON_FIELDS


def _national_number(raw: str) -> str:
    digits = "".join(ch for ch in raw if ch.isdigit())
    if raw.strip() and len(digits) != 11:
        raise ValidationError(_("A national register number has 11 digits."))
    return digits


class SubjectSearchForm(forms.Form):
    national_number = forms.CharField(
        label=_("National register number"), max_length=20, required=False
    )
    email = forms.EmailField(label=_("E-mail (staff accounts)"), required=False)

    def clean_national_number(self) -> str:
        return _national_number(self.cleaned_data["national_number"])

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not (data.get("national_number") or data.get("email")):
            raise ValidationError(_("Give a national register number or an e-mail address."))
        return data


class AccessLogSearchForm(forms.Form):
    national_number = forms.CharField(
        label=_("Person (national register number)"), max_length=20, required=False
    )
    object_type = forms.CharField(
        label=_("Object type (e.g. casework.case)"), max_length=100, required=False
    )
    object_id = forms.CharField(label=_("Object id"), max_length=64, required=False)
    username = forms.CharField(label=_("User name"), max_length=150, required=False)

    def clean_national_number(self) -> str:
        return _national_number(self.cleaned_data["national_number"])


class RequestForm(forms.Form):
    kind = forms.ChoiceField(choices=RequestKind.choices, label=_("Kind"))
    national_number = forms.CharField(label=_("National register number"), max_length=20)
    summary = forms.CharField(label=_("What is asked"), max_length=500, required=False)

    def clean_national_number(self) -> str:
        value = _national_number(self.cleaned_data["national_number"])
        if not value:
            raise ValidationError(_("A national register number has 11 digits."))
        return value


class StepForm(forms.Form):
    step = forms.ChoiceField(
        choices=[
            ("searched", _("Searched every app")),
            ("answered", _("Answer sent")),
            ("rectified", _("Rectified (art. 16)")),
            ("note", _("Note")),
        ],
        label=_("Step"),
    )
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)
    close = forms.ChoiceField(
        choices=[
            ("", _("Keep open")),
            ("done", _("Close: done")),
            ("refused", _("Close: refused")),
        ],
        required=False,
        label=_("Close"),
    )


class RestrictForm(forms.Form):
    object_type = forms.CharField(label=_("Object type (e.g. casework.case)"), max_length=100)
    object_id = forms.CharField(label=_("Object id"), max_length=64)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class RectifyForm(forms.Form):
    """Art. 16: one field of the person's record, its correct value, and why."""

    field = forms.ChoiceField(label=_("Field"), choices=())
    value = forms.CharField(label=_("Correct value"), max_length=300, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["field"].choices = list(PERSON_FIELDS.items())  # type: ignore[attr-defined]


class BreachForm(forms.Form):
    title = forms.CharField(label=_("What happened"), max_length=200)
    discovered_at = forms.DateTimeField(
        label=_("Became aware at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    description = forms.CharField(
        label=_("Details"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    data_categories = forms.CharField(label=_("Data categories"), max_length=300, required=False)
    subjects_estimate = forms.IntegerField(
        label=_("Persons concerned (estimate)"), min_value=0, max_value=10_000_000, initial=0
    )
    high_risk = forms.BooleanField(label=_("High risk to persons (art. 34)"), required=False)


class NotifyForm(forms.Form):
    delay_reason = forms.CharField(
        label=_("Reason for a late notification"), max_length=500, required=False
    )


class BreakGlassReviewForm(forms.Form):
    finding = forms.ChoiceField(
        label=_("Finding"),
        choices=[("justified", _("justified")), ("unjustified", _("unjustified"))],
    )
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)
