from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from urbis.core.forms import ChecklistSelectMultiple
from urbis.core.models import Area
from urbis.core.validators import INTEGER_MAX, validate_past_date, validate_planned_date
from urbis.plan import action_status
from urbis.plan.bjorgo import Mechanism
from urbis.plan.models import ActionStatus, MechanismStrength, Phenomenon

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class MeasurementForm(forms.Form):
    indicator = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=INTEGER_MAX)
    period_start = forms.DateField(
        label=_("Period start"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_past_date],
    )
    period_end = forms.DateField(
        label=_("Period end"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_planned_date],
    )
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=4)
    base_n = forms.IntegerField(
        label=_("Base N"), required=False, min_value=0, max_value=INTEGER_MAX
    )
    source = forms.CharField(label=_("Source"), max_length=300)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MechanismTagForm(forms.Form):
    mechanism = forms.ChoiceField(label=_("Mechanism"), choices=Mechanism.choices)
    strength = forms.ChoiceField(label=_("Strength"), choices=MechanismStrength.choices)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 2}))


class SideEffectForm(forms.Form):
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}))
    positive = forms.BooleanField(label=_("Positive side effect"), required=False)
    observed = forms.BooleanField(label=_("Observed (not only expected)"), required=False)


class SurveyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Survey file (CSV or XLSX)"),
        help_text=_(
            "Columns: respondent, area, year, weight, insecurity, pride, avoid_dark, "
            "avoid_places. Answers: never, rarely, sometimes, often, always."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        head = upload.read(4)
        upload.seek(0)
        if name.endswith(".xlsx") and head != b"PK\x03\x04":
            raise forms.ValidationError(_("This is not an XLSX workbook."))
        return upload

    import_valid = forms.BooleanField(
        label=_("Import the valid rows and skip the rejected ones"),
        required=False,
        help_text=_("Leave unticked to import nothing when a row is rejected."),
    )


class PublishSurveyForm(forms.Form):
    indicator: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=None,
    )
    edition = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)

    def __init__(self, *args, indicators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]


def _organisations_field(label: Any) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=None,
        required=False,
        widget=ChecklistSelectMultiple,
    )


class ActionDetailsForm(forms.Form):
    """An action's details and partners, on creation and on the edit page."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Owning organisation"),
        queryset=None,
        help_text=_("The owning organisation leads the action."),
    )
    budget = forms.DecimalField(
        label=_("Budget (EUR)"), min_value=0, max_digits=12, decimal_places=2, initial=0
    )
    funding_source = forms.CharField(label=_("Funding source"), required=False, max_length=200)
    target_groups = forms.CharField(label=_("Target groups"), required=False, max_length=300)
    start = forms.DateField(
        label=_("Start"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_planned_date],
    )
    end = forms.DateField(
        label=_("End"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_planned_date],
    )
    implementers = _organisations_field(_("Implementing partners"))
    funders = _organisations_field(_("Funding partners"))
    referrers = _organisations_field(_("Referring partners"))
    areas: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=None,
        required=False,
        widget=ChecklistSelectMultiple,
    )

    def __init__(self, *args, organisations=None, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisations  # type: ignore[attr-defined]
        for name in PARTNER_FIELDS:
            self.fields[name].queryset = organisations  # type: ignore[attr-defined]
        self.fields["areas"].queryset = Area.objects.order_by("kind", "name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        end, start = data.get("end"), data.get("start")
        if start and end and end < start:
            self.add_error("end", _("The end comes after the start."))
        return data

    def partner_roles(self) -> list[tuple[Any, str]]:
        """The partners other than the owner (who leads), with their role (domain §2: lead,
        implementer, funder, referrer)."""
        data = self.cleaned_data
        roles: list[tuple[Any, str]] = []
        for field, role in PARTNER_FIELDS.items():
            roles += [(organisation, role) for organisation in data.get(field) or []]
        return roles


#: The partner fields of the action forms and the role each gives.
PARTNER_FIELDS = {"implementers": "implementer", "funders": "funder", "referrers": "referrer"}


def action_initial(action: Any) -> dict[str, Any]:
    """The edit form's initial values from an action and its partner rows."""
    names = [n for n in ActionDetailsForm.base_fields if n not in PARTNER_FIELDS and n != "areas"]
    initial = {name: getattr(action, name) for name in names}
    initial["owner"] = action.owner_id
    links = list(action.partners.values_list("organisation_id", "role"))
    for field, role in PARTNER_FIELDS.items():
        initial[field] = [organisation for organisation, kind in links if kind == role]
    initial["areas"] = list(action.areas.values_list("pk", flat=True))
    return initial


class ActionForm(ActionDetailsForm):
    """A new action: its details, partners and Bjørgo mechanisms."""

    mechanisms = forms.MultipleChoiceField(
        label=_("Preventive mechanisms"),
        choices=Mechanism.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    rationale = forms.CharField(
        label=_("Why these mechanisms"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Refine the rationale per mechanism on the action's page."),
    )

    field_order = [
        "title", "description", "owner", "budget", "funding_source", "target_groups",
        "start", "end", "mechanisms", "rationale",
    ]  # fmt: skip


class ActionStatusForm(forms.Form):
    """The next status of an action, from those :mod:`urbis.plan.action_status` allows."""

    status = forms.ChoiceField(label=_("New status"), choices=())
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, current: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        allowed = action_status.allowed_next(current)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in ActionStatus.choices if value in allowed
        ]


class ObjectiveForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    text = forms.CharField(label=_("Objective"), widget=forms.Textarea(attrs={"rows": 2}))
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_planned_date],
    )


class ExtendForm(forms.Form):
    code = forms.CharField(label=_("Code of the extension"), max_length=30)
    period_end = forms.DateField(
        label=_("End of the extended period"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class PriorityForm(forms.Form):
    phenomenon: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Phenomenon"),
        queryset=None,
    )
    rationale = forms.CharField(
        label=_("Rationale from the local safety diagnostic"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    rank = forms.IntegerField(label=_("Rank"), min_value=1, max_value=99, initial=1)

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        taken = plan.priorities.values_list("phenomenon_id", flat=True) if plan else []
        self.fields["phenomenon"].queryset = Phenomenon.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        ).exclude(pk__in=taken)
