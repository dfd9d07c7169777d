"""Core API: who am I, organisations, areas and point-in-area lookup."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from urbis.core import selectors
from urbis.core.api.errors import error_body
from urbis.core.api.filters import AreaFilter
from urbis.core.api.permissions import roles_required
from urbis.core.api.serializers import (
    AreaSerializer,
    MeSerializer,
    OrganisationSerializer,
    PointQuerySerializer,
)
from urbis.core.permissions import STAFF_ROLES
from urbis.core.types import person_actor

HasStaffRole = roles_required(*STAFF_ROLES)


class MeView(APIView):
    permission_classes = [roles_required()]  # any logged-in user: who am I

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        # roles_required() turned anonymous callers away: a person asks
        return Response(MeSerializer.from_user(person_actor(request.user)))


class OrganisationList(generics.ListAPIView):
    serializer_class = OrganisationSerializer
    permission_classes = [permissions.IsAuthenticated, HasStaffRole]

    def get_queryset(self):
        return selectors.organisations_for(self.request.user)


class AreaList(generics.ListAPIView):
    serializer_class = AreaSerializer
    filterset_class = AreaFilter
    permission_classes = [permissions.IsAuthenticated, HasStaffRole]

    def get_queryset(self):
        return selectors.areas_for(self.request.user)


class AreaAtPoint(APIView):
    permission_classes = [permissions.IsAuthenticated, HasStaffRole]

    @extend_schema(parameters=[PointQuerySerializer], responses=AreaSerializer)
    def get(self, request: Request) -> Response:
        query = PointQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        area = selectors.area_at(
            query.validated_data["lat"],
            query.validated_data["lon"],
            kind=query.validated_data.get("kind") or None,
        )
        if area is None:
            return Response(
                error_body(404, "not_found", _("No area covers this point.")), status=404
            )
        return Response(AreaSerializer(area).data)
