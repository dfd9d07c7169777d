"""Query filters of the incident list (django-filter: declared in the OpenAPI schema, and a
bad value is a 400 naming the parameter). The narrowing itself is the selector's
(``selectors.incidents_narrow``): day of week and hour use the window's midpoint."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from urbis.core.models import Area
from urbis.incidents import selectors
from urbis.incidents.models import Incident


class CharInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """Comma-separated texts."""


class IntInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """Comma-separated whole numbers."""

    field_class = forms.IntegerField


class IncidentFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end lies before the start."))
        code = data.get("area")
        if code:
            area = Area.objects.filter(code=code).first()
            if area is None:
                self.add_error("area", _("Unknown area."))
            else:
                data["area"] = area
        return data


def _unfiltered(queryset: QuerySet[Incident], name: str, value: Any) -> QuerySet[Incident]:
    return queryset  # filter_queryset narrows with all the values at once


class IncidentFilter(django_filters.FilterSet):
    category = CharInFilter(
        max_length=40, method=_unfiltered, help_text=_("Comma-separated category codes.")
    )
    start = django_filters.DateFilter(method=_unfiltered, help_text=_("From this day."))
    end = django_filters.DateFilter(method=_unfiltered, help_text=_("Up to this day."))
    area = django_filters.CharFilter(max_length=40, method=_unfiltered, help_text=_("Area code."))
    weekday = IntInFilter(
        min_value=0, max_value=6, method=_unfiltered, help_text=_("Comma-separated, 0 = Monday.")
    )
    hour = IntInFilter(
        min_value=0, max_value=23, method=_unfiltered, help_text=_("Comma-separated hours 0-23.")
    )

    class Meta:
        model = Incident
        fields = ["category", "start", "end", "area", "weekday", "hour"]
        form = IncidentFilterForm

    def to_filters(self) -> selectors.Filters:
        data = self.form.cleaned_data
        area = data.get("area")
        return selectors.Filters(
            categories=tuple(c.strip() for c in data.get("category") or () if c.strip()),
            start=data.get("start"),
            end=data.get("end"),
            area=area.pk if isinstance(area, Area) else None,
            weekdays=tuple(data.get("weekday") or ()),
            hours=tuple(data.get("hour") or ()),
        )

    def filter_queryset(self, queryset: QuerySet[Incident]) -> QuerySet[Incident]:
        return selectors.incidents_narrow(queryset, self.to_filters())
