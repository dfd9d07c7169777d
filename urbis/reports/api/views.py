"""Staff API under /api/v1/reports/ (OpenAPI via drf-spectacular): thin glue."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from urbis.core.api.permissions import roles_required
from urbis.core.models import User
from urbis.reports import selectors, services
from urbis.reports.api.serializers import (
    ReportAssignSerializer,
    ReportDetailSerializer,
    ReportSerializer,
    ReportTransitionSerializer,
    ReportWorklistQuerySerializer,
)
from urbis.reports.models import Team
from urbis.reports.permissions import READ_ROLES, WORK_ROLES


class ReportList(generics.ListAPIView):
    """The worklist: filters as on the page; paged."""

    serializer_class = ReportSerializer
    permission_classes = [roles_required(*READ_ROLES)]

    @extend_schema(parameters=[ReportWorklistQuerySerializer])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        if args and kwargs.get("many"):
            rows = list(args[0])
            kwargs["context"] = {
                **self.get_serializer_context(),
                "gas_cases": selectors.gas_cases_of(self.request.user, rows),
            }
            args = (rows, *args[1:])
        return super().get_serializer(*args, **kwargs)

    def get_queryset(self):
        query = ReportWorklistQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.worklist(
            self.request.user, selectors.WorklistFilters(**query.validated_data)
        )


def _report(request: Request, pk: int) -> Any:
    from django.http import Http404

    try:
        return selectors.report_get(request.user, pk)
    except Http404:
        raise NotFound() from None


def _gas(request: Request, report: Any) -> dict[str, Any]:
    return selectors.gas_cases_of(request.user, [report])


class ReportDetail(APIView):
    permission_classes = [roles_required(*READ_ROLES)]

    @extend_schema(responses=ReportDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        report = _report(request, pk)
        reporters = selectors.reporters_of(request.user, report, purpose="reports.api.reporter")
        context = {"reporters": reporters, "gas_cases": _gas(request, report)}
        return Response(ReportDetailSerializer(report, context=context).data)


class ReportTransition(APIView):
    permission_classes = [roles_required(*WORK_ROLES)]

    @extend_schema(request=ReportTransitionSerializer, responses=ReportSerializer)
    def post(self, request: Request, pk: int) -> Response:
        report = _report(request, pk)
        body = ReportTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        original = None
        if data.pop("duplicate_of"):
            original = (
                selectors.reports_for(request.user)
                .filter(pk=body.validated_data["duplicate_of"])
                .first()
            )
            if original is None:
                raise ValidationError({"duplicate_of": ["No such report."]})
        report = services.report_transition(
            actor=request.user,
            report=report,
            to_status=data.pop("status"),
            duplicate_of=original,
            **data,
        )
        return Response(ReportSerializer(report, context={"gas_cases": _gas(request, report)}).data)


class ReportAssign(APIView):
    permission_classes = [roles_required(*WORK_ROLES)]

    @extend_schema(request=ReportAssignSerializer, responses=ReportSerializer)
    def post(self, request: Request, pk: int) -> Response:
        report = _report(request, pk)
        body = ReportAssignSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        team = Team.objects.filter(code=body.validated_data["team"]).first()
        if team is None:
            raise ValidationError({"team": ["Unknown team."]})
        assignee = None
        if body.validated_data["assignee"]:
            assignee = User.objects.filter(pk=body.validated_data["assignee"]).first()
            if assignee is None:
                raise ValidationError({"assignee": ["Unknown user."]})
        report = services.report_assign(
            actor=request.user,
            report=report,
            team=team,
            assignee=assignee,
            note=body.validated_data["note"],
        )
        return Response(ReportSerializer(report, context={"gas_cases": _gas(request, report)}).data)


_unused = (OpenApiParameter, serializers)
