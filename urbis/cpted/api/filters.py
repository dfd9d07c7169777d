"""Query filters of the CPTED API (django-filter: declared in the schema, validated)."""

from __future__ import annotations

import django_filters

from urbis.cpted.models import Assessment, Recommendation


class AssessmentFilter(django_filters.FilterSet):
    project = django_filters.NumberFilter(field_name="project_id", min_value=1)

    class Meta:
        model = Assessment
        fields = ["project"]


class RecommendationFilter(django_filters.FilterSet):
    project = django_filters.NumberFilter(field_name="project_id", min_value=1)

    class Meta:
        model = Recommendation
        fields = ["project"]
