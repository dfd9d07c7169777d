"""The DPO's GDPR API: thin glue over the GDPR selectors (which write the access log)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from urbis.core.api.permissions import roles_required
from urbis.core.gdpr import exports, registry, selectors, services
from urbis.core.gdpr.access import asked_api
from urbis.core.gdpr.api import serializers as s
from urbis.core.roles import Role

_DPO = roles_required(Role.DPO)


class DpoOnly(_DPO):  # type: ignore[misc,valid-type]
    """The DPO only (others: 404, like the pages); a refused logged-in call is recorded as
    ``gdpr.export_refused`` for the DPO's alerts (issue 14: exports asked by a non-DPO)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if user and user.is_authenticated and not selectors.is_dpo(user):
            services.export_refused(
                actor=user, page=type(view).__name__, path=request.path, asked=asked_api(request)
            )
        return super().has_permission(request, view)


class Records(APIView):
    """The record of processing activities (GDPR art. 30)."""

    permission_classes = [DpoOnly]

    @extend_schema(responses=s.ActivitySerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(s.ActivitySerializer(exports.records(), many=True).data)


class SubjectAccess(APIView):
    """One person across every app (GDPR art. 15), with what is withheld and why."""

    permission_classes = [DpoOnly]

    @extend_schema(parameters=[s.SubjectQuerySerializer], responses=s.SubjectAccessSerializer)
    def get(self, request: Request) -> Response:
        query = s.SubjectQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = selectors.subject_access(
            request.user, registry.SubjectQuery(**query.validated_data)
        )
        return Response(s.SubjectAccessSerializer(result.as_dict()).data)


class AccessLog(APIView):
    """The access-log search by person, object or user, with readable names."""

    permission_classes = [DpoOnly]

    @extend_schema(
        parameters=[s.AccessLogQuerySerializer], responses=s.AccessLogRowSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        query = s.AccessLogQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = selectors.access_log_search(request.user, **query.validated_data)
        return Response(s.AccessLogRowSerializer(rows, many=True).data)


class Retention(APIView):
    """Each retention rule with its latest proof; ``dry_run`` adds what a run would purge."""

    permission_classes = [DpoOnly]

    @extend_schema(
        parameters=[s.RetentionQuerySerializer], responses=s.RetentionRuleSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        query = s.RetentionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        due: dict[str, int] = {}
        if query.validated_data["dry_run"]:
            results = services.retention_run(actor=request.user, dry_run=True)
            due = {r.rule: r.count for r in results}
        rows = [
            {**row, "due_now": due.get(row["code"])}
            for row in selectors.retention_status(request.user)
        ]
        return Response(s.RetentionRuleSerializer(rows, many=True).data)
