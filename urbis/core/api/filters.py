"""Query filters of the core API, declared with django-filter (so the OpenAPI schema lists
them and a value outside the choices is a 400 naming the parameter)."""

from __future__ import annotations

import django_filters

from urbis.core.models import Area, AreaKind


class AreaFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=AreaKind.choices)

    class Meta:
        model = Area
        fields = ["kind"]
