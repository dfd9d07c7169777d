"""Forms: parse and check the shape of input; the services decide (and say why)."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from urbis.reports.models import Source, Status, Team
from urbis.reports.rules import attributes as attribute_rules
from urbis.reports.rules.text import MAX_DESCRIPTION


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _float(label: Any) -> forms.FloatField:
    return forms.FloatField(label=label, required=False, widget=forms.HiddenInput)


class CitizenReportForm(forms.Form):
    """Phone first: the pin (or the address, the non-map alternative), what, photos, contact."""

    lat = _float(_("Latitude"))
    lon = _float(_("Longitude"))
    address = forms.CharField(
        label=_("Address or place"),
        max_length=300,
        required=False,
        help_text=_("Put a pin on the map, or type the street and number."),
    )
    description = forms.CharField(
        label=_("What is wrong?"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    photos = PhotosField(
        label=_("Photos (up to three)"),
        required=False,
        help_text=_("Location data is removed from photos."),
    )
    first_name = forms.CharField(label=_("First name (optional)"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name (optional)"), max_length=100, required=False)
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("We send you the follow link and tell you what happens. Never shown publicly."),
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    submission = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    confirm_new = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, definitions: list[attribute_rules.Attribute], language: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission", secrets.token_urlsafe(24))
        self.definitions = definitions
        for attribute in definitions:
            label = attribute.names.get(language) or attribute.description
            name = f"attribute_{attribute.code}"
            choices = [(key, value) for key, value in attribute.values]
            field: forms.Field
            if attribute.datatype == "singlevaluelist":
                field = forms.ChoiceField(choices=[("", "—"), *choices], label=label)
            elif attribute.datatype == "multivaluelist":
                field = forms.MultipleChoiceField(
                    choices=choices, label=label, widget=forms.CheckboxSelectMultiple
                )
            elif attribute.datatype == "text":
                field = forms.CharField(label=label, max_length=4000, widget=forms.Textarea)
            else:
                field = forms.CharField(label=label, max_length=200)
            field.required = False  # the service checks "required" and says why
            self.fields[name] = field

    def answers(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for attribute in self.definitions:
            value = self.cleaned_data.get(f"attribute_{attribute.code}")
            if isinstance(value, list):
                result[attribute.code] = [str(v) for v in value]
            elif value not in (None, ""):
                result[attribute.code] = [str(value)]
        return result


class DeskCategoryForm(forms.Form):
    """The desk first picks the category: its questions make the rest of the form."""

    category = forms.ChoiceField(label=_("Category"), choices=())

    def __init__(self, *args: Any, categories: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "—"), *categories]  # type: ignore[attr-defined]


class DeskReportForm(CitizenReportForm):
    """A report phoned in by a citizen: the desk types the place (or reads it off the map) and
    the caller's details; no photos on the phone."""

    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    first_name = forms.CharField(label=_("Caller's first name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Caller's last name"), max_length=100, required=False)
    email = forms.EmailField(
        label=_("Caller's e-mail"),
        required=False,
        help_text=_("The caller receives the private follow link by e-mail."),
    )
    phone = forms.CharField(label=_("Caller's phone"), max_length=40, required=False)
    caller_language = forms.ChoiceField(
        label=_("Caller's language"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("The mails to the caller are written in it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caller_language"].initial = kwargs.get("language") or "nl"
        del self.fields["photos"]
        del self.fields["confirm_new"]


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InfoForm(forms.Form):
    text = forms.CharField(
        label=_("More information"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photos = PhotosField(label=_("Photos"), required=False)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you?"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Comment (optional)"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class JoinForm(forms.Form):
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    text = forms.CharField(
        label=_("Text to the reporter"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    internal_note = forms.CharField(label=_("Internal note"), max_length=2000, required=False)
    forwarded_to = forms.CharField(label=_("Forwarded to"), max_length=200, required=False)
    duplicate_of = forms.IntegerField(
        label=_("Original report number (duplicate)"),
        required=False,
        min_value=1,
        max_value=2**31 - 1,
    )


class AssignForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all())
    assignee = forms.IntegerField(
        label=_("Person (user id, optional)"),
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        widget=forms.Select,
    )
    note = forms.CharField(label=_("Why"), max_length=500, required=False)

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].widget.choices = [("", "—"), *people]


class WorklistFilterForm(forms.Form):
    team = forms.CharField(label=_("Team"), required=False, max_length=40)
    category = forms.CharField(label=_("Category"), required=False, max_length=40)
    area = forms.CharField(label=_("Area"), required=False, max_length=40)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("any")), ("open", _("open")), ("closed", _("closed")), *Status.choices],
    )
    assignee = forms.CharField(label=_("Assignee (id or none)"), required=False, max_length=12)
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("any")), *Source.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("-created_at", _("newest")),
            ("created_at", _("oldest")),
            ("due_on", _("due first")),
            ("status", _("status")),
        ],
    )


class SavedFilterForm(forms.Form):
    name = forms.CharField(label=_("Save these filters as"), max_length=100)
    query = forms.CharField(widget=forms.HiddenInput, max_length=1000, required=False)


class VisitForm(forms.Form):
    findings = forms.CharField(
        label=_("Findings"), max_length=MAX_DESCRIPTION, widget=forms.Textarea(attrs={"rows": 4})
    )
    offence_observed = forms.BooleanField(label=_("An offence was observed"), required=False)
    lat = _float(_("Latitude"))
    lon = _float(_("Longitude"))
    photos = PhotosField(label=_("Photos"), required=False)


class FindingForm(forms.Form):
    visit = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    article_code = forms.CharField(label=_("Regulation article"), max_length=20)
    offender_kind = forms.ChoiceField(
        label=_("Offender"),
        choices=[("natural", _("Natural person")), ("legal", _("Legal person"))],
    )
    offender_name = forms.CharField(label=_("Name"), max_length=200)
    offender_first_name = forms.CharField(label=_("First name"), max_length=200, required=False)
    national_number = forms.CharField(label=_("National number"), max_length=20, required=False)
    enterprise_number = forms.CharField(label=_("Enterprise number"), max_length=20, required=False)
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("Municipality"), max_length=100, required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]
    )


class SpeedCheckForm(forms.Form):
    street = forms.CharField(label=_("Street"), max_length=200)
    done_on = forms.DateField(label=_("Done on"), widget=forms.DateInput(attrs={"type": "date"}))
    result = forms.CharField(label=_("Result"), max_length=500)
