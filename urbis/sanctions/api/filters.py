"""Query filters of the GAS API (django-filter: declared in the schema, validated)."""

from __future__ import annotations

import django_filters

from urbis.sanctions.models import Case
from urbis.sanctions.models.cases import CASE_STATUS_CHOICES
from urbis.sanctions.rules.workflow import Procedure


class CaseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CASE_STATUS_CHOICES)
    procedure = django_filters.ChoiceFilter(choices=[(p.value, p.value) for p in Procedure])

    class Meta:
        model = Case
        fields = ["status", "procedure"]
