from __future__ import annotations

from typing import Any

from rest_framework import serializers

from urbis.core.models import Area, Organisation, User
from urbis.core.roles import roles_of


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "kind", "prevention_levels", "website", "is_active"]


class AreaSerializer(serializers.ModelSerializer[Area]):
    class Meta:
        model = Area
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "population",
            "population_year",
            "is_sample",
            "geometry",
        ]


class PointQuerySerializer(serializers.Serializer[Any]):
    lat = serializers.FloatField(min_value=-90, max_value=90)
    lon = serializers.FloatField(min_value=-180, max_value=180)
    kind = serializers.CharField(required=False, allow_blank=True)


class MeSerializer(serializers.Serializer[Any]):
    username = serializers.CharField()
    full_name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    organisation = serializers.CharField(allow_null=True)

    @staticmethod
    def from_user(user: User) -> dict[str, Any]:
        return {
            "username": user.get_username(),
            "full_name": user.get_full_name(),
            "roles": sorted(roles_of(user)),
            "organisation": str(user.organisation) if user.organisation_id else None,
        }
