"""Query filters of the plan API (django-filter: declared in the schema, validated)."""

from __future__ import annotations

import django_filters

from urbis.plan.models import Action, ActionStatus


class ActionFilter(django_filters.FilterSet):
    objective = django_filters.NumberFilter(field_name="objective_id", min_value=1)
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices)

    class Meta:
        model = Action
        fields = ["objective", "status"]
