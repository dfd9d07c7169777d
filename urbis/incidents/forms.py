"""Forms of the workbench: filters, layer parameters, upload with column mapping, hand entry."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbis.core.models import Area
from urbis.core.tabular import FORMULA_STARTS
from urbis.incidents import conf
from urbis.incidents.models import Category, Precision
from urbis.incidents.selectors import Filters

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class FilterForm(forms.Form):
    category = forms.MultipleChoiceField(label=_("Category"), required=False)
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("To"), required=False)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    weekday = forms.TypedMultipleChoiceField(
        label=_("Day of week"), choices=WEEKDAYS, coerce=int, required=False
    )
    hour = forms.TypedMultipleChoiceField(
        label=_("Hour"), choices=[(h, f"{h:02d}h") for h in range(24)], coerce=int, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [  # type: ignore[attr-defined]
            (c.code, c.label()) for c in Category.objects.filter(is_active=True)
        ]
        self.fields["area"].queryset = Area.objects.filter(  # type: ignore[attr-defined]
            kind=str(conf.get("URBIS_INCIDENTS_AREA_KIND"))
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end lies before the start."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            categories=tuple(data.get("category") or ()),
            start=data.get("start"),
            end=data.get("end"),
            area=data["area"].pk if data.get("area") else None,
            weekdays=tuple(data.get("weekday") or ()),
            hours=tuple(data.get("hour") or ()),
        )


class LayerForm(forms.Form):
    cell = forms.IntegerField(
        label=_("Cell size (m)"), min_value=25, max_value=2000, required=False
    )
    bandwidth = forms.IntegerField(
        label=_("Bandwidth (m)"), min_value=25, max_value=5000, required=False
    )
    per = forms.ChoiceField(
        choices=[
            ("inhabitants", _("per 1,000 inhabitants")),
            ("dwellings", _("per 1,000 dwellings")),
        ],
        required=False,
    )
    at = forms.DateField(label=_("Forecast from"), required=False)
    zoom = forms.IntegerField(min_value=1, max_value=22, required=False)


class KnoxForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_active=True)
    )
    start = forms.DateField(label=_("From"))
    end = forms.DateField(label=_("To"))
    space = forms.CharField(
        label=_("Distance bands (m)"), max_length=200, initial="0,100,200,400,800"
    )
    time = forms.CharField(label=_("Time bands (days)"), max_length=200, initial="0,7,14,28,56")
    metric = forms.ChoiceField(
        label=_("Distance"), choices=[("manhattan", _("Manhattan")), ("euclidean", _("Euclidean"))]
    )
    permutations = forms.IntegerField(
        label=_("Permutations"), min_value=19, max_value=9999, initial=99
    )

    @staticmethod
    def _breaks(text: str) -> list[float]:
        try:
            values = [float(v) for v in text.split(",") if v.strip()]
        except ValueError:
            raise forms.ValidationError(_("Numbers separated by commas, starting at 0.")) from None
        if len(values) < 2 or values[0] != 0 or any(b <= a for a, b in pairwise(values)):
            raise forms.ValidationError(
                _("Numbers separated by commas, starting at 0, increasing.")
            )
        if len(values) > 21 or values[-1] > 100_000:
            raise forms.ValidationError(_("At most 20 bands, up to 100,000."))
        return values

    def clean_space(self) -> list[float]:
        return self._breaks(self.cleaned_data["space"])

    def clean_time(self) -> list[float]:
        return self._breaks(self.cleaned_data["time"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end lies before the start."))
        return data


MAPPABLE = (
    "reference",
    "category",
    "occurred_from",
    "occurred_to",
    "lat",
    "lon",
    "x",
    "y",
    "precision",
)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Police export (CSV or XLSX)"))
    crs = forms.CharField(
        label=_("CRS of x/y"),
        max_length=20,
        required=False,
        help_text=_("e.g. EPSG:31370 (Belgian Lambert 72)"),
    )
    source = forms.CharField(label=_("Source"), max_length=60, required=False)
    all_or_nothing = forms.BooleanField(
        label=_("Import nothing if any row is rejected"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for column in MAPPABLE:
            self.fields[f"map_{column}"] = forms.CharField(
                label=_("Column for %(c)s") % {"c": column}, max_length=60, required=False
            )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > int(conf.get("URBIS_INCIDENTS_MAX_BYTES")):
            raise forms.ValidationError(
                _("The file is larger than the limit of %(mb)s MB.")
                % {"mb": f"{int(conf.get('URBIS_INCIDENTS_MAX_BYTES')) / 1048576:g}"}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload

    def mapping(self) -> dict[str, str]:
        return {
            column: self.cleaned_data[f"map_{column}"].strip().lower()
            for column in MAPPABLE
            if self.cleaned_data.get(f"map_{column}")
        }


class IncidentForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=100)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_active=True)
    )
    occurred_from = forms.DateTimeField(label=_("Occurred from"))
    occurred_to = forms.DateTimeField(label=_("Occurred to"), required=False)
    lat = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180)
    precision = forms.ChoiceField(label=_("Precision"), choices=Precision.choices, initial="exact")

    def clean_reference(self) -> str:
        value = self.cleaned_data["reference"].strip()
        if value.startswith(FORMULA_STARTS):
            raise forms.ValidationError(_("The reference looks like a spreadsheet formula."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("occurred_from") and not data.get("occurred_to"):
            data["occurred_to"] = data["occurred_from"]
        return data


def default_period() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    return today - dt.timedelta(days=365), today


class AddressImportForm(forms.Form):
    file = forms.FileField(label=_("Address register (CSV or XLSX)"))
    crs = forms.CharField(
        label=_("CRS of x/y"),
        max_length=20,
        required=False,
        help_text=_("e.g. EPSG:31370 (Belgian Lambert 72); not needed with lat/lon columns"),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > int(conf.get("URBIS_INCIDENTS_MAX_BYTES")):
            raise forms.ValidationError(
                _("The file is larger than the limit of %(mb)s MB.")
                % {"mb": f"{int(conf.get('URBIS_INCIDENTS_MAX_BYTES')) / 1048576:g}"}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload
