"""Plan API: plans, matrix, indicators and measurements (OpenAPI via drf-spectacular)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from urbis.core.api.permissions import roles_required
from urbis.plan import selectors, services
from urbis.plan.bjorgo import MECHANISM_ORDER
from urbis.plan.models import Indicator, Measurement, Plan
from urbis.plan.permissions import EDIT_ROLES, READ_ROLES


class PlanSerializer(serializers.ModelSerializer[Plan]):
    class Meta:
        model = Plan
        fields = ["id", "code", "title", "period_start", "period_end", "status", "extends"]


class MeasurementSerializer(serializers.ModelSerializer[Measurement]):
    class Meta:
        model = Measurement
        fields = [
            "id",
            "indicator",
            "period_start",
            "period_end",
            "value",
            "base_n",
            "source",
            "note",
            "automatic",
            "entered_at",
        ]
        read_only_fields = ["automatic", "entered_at"]


class PlanList(generics.ListAPIView):
    serializer_class = PlanSerializer
    permission_classes = [roles_required(*READ_ROLES)]

    def get_queryset(self):
        return selectors.plans_for(self.request.user)


class MatrixView(APIView):
    permission_classes = [roles_required(*READ_ROLES)]

    @extend_schema(responses={200: dict[str, Any]})
    def get(self, request: Request, plan_id: int) -> Response:
        plan = get_object_or_404(selectors.plans_for(request.user), pk=plan_id)
        view = selectors.matrix_for(plan)
        return Response(
            {
                "mechanisms": list(MECHANISM_ORDER),
                "phenomena": [
                    {
                        "code": code,
                        "label": label,
                        "cells": {
                            m: {
                                "actions": view.cells[code][m].count,
                                "budget": str(view.cells[code][m].budget),
                                "actors": sorted(view.cells[code][m].actors),
                            }
                            for m in MECHANISM_ORDER
                        },
                        "gaps": view.gaps[code],
                        "secondary_only": view.secondary_only[code],
                    }
                    for code, label in view.phenomena
                ],
            }
        )


class MeasurementCreate(APIView):
    permission_classes = [roles_required(*EDIT_ROLES)]

    @extend_schema(request=MeasurementSerializer, responses={201: MeasurementSerializer})
    def post(self, request: Request) -> Response:
        serializer = MeasurementSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        indicator = get_object_or_404(Indicator, pk=data["indicator"].pk)
        measurement = services.measurement_record(
            actor=request.user,
            indicator=indicator,
            period_start=data["period_start"],
            period_end=data["period_end"],
            value=data["value"],
            source=data["source"],
            base_n=data.get("base_n"),
            note=data.get("note", ""),
        )
        return Response(MeasurementSerializer(measurement).data, status=status.HTTP_201_CREATED)
