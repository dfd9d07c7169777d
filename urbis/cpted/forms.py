"""Forms of the CPTED pages: they parse input; the services decide."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from urbis.core.models import Organisation, User
from urbis.core.roles import Role
from urbis.core.validators import INTEGER_MAX, SMALLINT_MAX, validate_planned_date
from urbis.cpted import triage
from urbis.cpted.models import (
    ChecklistTemplate,
    InvestmentProject,
    Phase,
    Priority,
    RecommendationStatus,
    RecommendationType,
    RequirementLevel,
    Strategy,
    VisitKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(forms.ModelForm[InvestmentProject]):
    location_geojson = forms.CharField(
        label=_("Location (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "data-location-input": ""}),
        help_text=_("Click the map to set a point; draw several points for a polygon."),
    )

    class Meta:
        model = InvestmentProject
        fields = [
            "name",
            "department",
            "project_leader",
            "project_type",
            "description",
            "budget",
            "dwellings",
            "floor_area",
            "parking_spaces",
            "night_time_uses",
            "licensed_uses",
            "vulnerable_users",
            "phase",
            "preliminary_design_end",
            "final_design_approval",
            "execution_start",
            "management_start",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "preliminary_design_end": DATE,
            "final_design_approval": DATE,
            "execution_start": DATE,
            "management_start": DATE,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Organisation.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["project_leader"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            groups__name=Role.PLANNER, is_active=True
        ).order_by("last_name", "username")
        if self.instance.pk:
            # The phase moves through its own form (the final-design gate).
            del self.fields["phase"]
            if self.instance.location:
                self.initial["location_geojson"] = json.dumps(self.instance.location)

    def clean_location_geojson(self) -> Any:
        text = self.cleaned_data["location_geojson"].strip()
        if not text:
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            raise forms.ValidationError(_("Not valid GeoJSON.")) from None


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Move to phase"), choices=Phase.choices)


class FlowForm(forms.Form):
    version = forms.CharField(label=_("Version"), max_length=40, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    document = forms.CharField(
        label=_("Flow document (YAML or JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false", "class": "code"}),
    )
    upload = forms.FileField(label=_("…or upload a YAML/JSON file"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("upload")
        if upload is not None:
            if upload.size > 512 * 1024:
                raise forms.ValidationError({"upload": _("The file is too large.")})
            try:
                data["document"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError({"upload": _("The file must be UTF-8 text.")}) from None
        if not (data.get("document") or "").strip():
            raise forms.ValidationError({"document": _("Paste or upload a flow document.")})
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Project list (CSV or XLSX)"))
    commit = forms.BooleanField(
        label=_("Create the projects (when every row is valid)"), required=False
    )


class ChecklistUploadForm(forms.Form):
    document = forms.CharField(
        label=_("Checklist template (YAML or JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false", "class": "code"}),
    )
    upload = forms.FileField(label=_("…or upload a YAML/JSON file"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("upload")
        if upload is not None:
            if upload.size > 512 * 1024:
                raise forms.ValidationError({"upload": _("The file is too large.")})
            try:
                data["document"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError({"upload": _("The file must be UTF-8 text.")}) from None
        if not (data.get("document") or "").strip():
            raise forms.ValidationError(
                {"document": _("Paste or upload a checklist template document.")}
            )
        return data


class StartAssessmentForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Checklist"), queryset=ChecklistTemplate.objects.all(), empty_label=None
    )
    zones = forms.CharField(
        label=_("Zones of the site (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VisitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Walk"), choices=VisitKind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE, validators=[validate_planned_date])
    participants = forms.CharField(
        label=_("Participants"), widget=forms.Textarea(attrs={"rows": 2})
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ZoneRatingForm(forms.Form):
    """One row of a zone's checklist; the item comes from the page, never from the input."""

    value = forms.IntegerField(
        label=_("Rating"),
        required=False,
        min_value=0,
        max_value=SMALLINT_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "rating-value"}),
    )
    not_applicable = forms.BooleanField(label=_("N/A"), required=False)
    not_observable = forms.BooleanField(label=_("unobservable"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    photo = forms.ImageField(label=_("Photo"), required=False)


#: A zone's whole checklist: one form per item, saved together (services.zone_ratings_record).
ZoneRatingFormSet = forms.formset_factory(ZoneRatingForm, extra=0, max_num=500, absolute_max=500)


class CompleteForm(forms.Form):
    summary = forms.CharField(label=_("Summary of the findings"), widget=forms.Textarea)
    management_plan = forms.CharField(
        label=_("Management and maintenance plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    signed_off_by = forms.CharField(label=_("Signed off by"), max_length=200)
    accept_low_coverage = forms.BooleanField(
        label=_("Sign off although few items are rated"), required=False
    )


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Type"), choices=RecommendationType.choices)
    strategy = forms.ChoiceField(
        label=_("Strategy"), choices=[("", "—"), *Strategy.choices], required=False
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.MEDIUM
    )
    requirement = forms.ChoiceField(label=_("Requirement level"), choices=RequirementLevel.choices)
    quick_win = forms.BooleanField(label=_("Quick win"), required=False)
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    department = forms.ModelChoiceField(
        label=_("Owning department"), queryset=Organisation.objects.filter(is_active=True)
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=DATE, validators=[validate_planned_date]
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=RecommendationStatus.choices)
    motivation = forms.CharField(
        label=_("Motivation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def triage_form_class(flow: dict[str, Any], language: str | None = None) -> type[forms.Form]:
    """A form with one field per question of the flow document, its texts in ``language``
    (default: the active language; English where the flow has no translation)."""
    language = language or get_language()
    fields: dict[str, forms.Field] = {}
    for qid, question in flow["questions"].items():
        label = f"{qid} · {triage.question_text(question, language) or qid}"
        kind = question["type"]
        choices = [
            (c, triage.choice_label(question, c, language)) for c in question.get("choices") or []
        ]
        field: forms.Field
        if kind == "bool":
            field = forms.NullBooleanField(
                label=label,
                required=False,
                widget=forms.Select(
                    choices=[("unknown", "—"), ("true", _("Yes")), ("false", _("No"))]
                ),
            )
        elif kind == "int":
            field = forms.IntegerField(
                label=label, required=False, min_value=-INTEGER_MAX, max_value=INTEGER_MAX
            )
        elif kind == "number":
            field = forms.FloatField(label=label, required=False, min_value=-1e12, max_value=1e12)
        elif kind == "choice":
            field = forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])
        else:
            field = forms.MultipleChoiceField(
                label=label, required=False, choices=choices, widget=forms.CheckboxSelectMultiple
            )
        fields[qid] = field
    return type("TriageForm", (forms.Form,), fields)
