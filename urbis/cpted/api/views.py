"""CPTED API: projects, triage (answers in, outcome and path out), flow, assessments, ratings
and recommendations (OpenAPI via drf-spectacular). Bad input → 400 with per-field messages."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from urbis.core.api.permissions import roles_required
from urbis.core.pagination import AccessLoggedPagination
from urbis.core.roles import has_role
from urbis.cpted import selectors, services
from urbis.cpted.api.filters import AssessmentFilter, RecommendationFilter
from urbis.cpted.api.serializers import (
    AssessmentSerializer,
    ChecklistTemplateSerializer,
    FlowSerializer,
    PhaseSerializer,
    ProjectSerializer,
    RatingSerializer,
    RecommendationSerializer,
    StatusSerializer,
    TriageRequestSerializer,
    TriageSerializer,
)
from urbis.cpted.permissions import (
    ASSESS_ROLES,
    COORDINATE_ROLES,
    PROJECT_ROLES,
    READ_ROLES,
)

Read = roles_required(*READ_ROLES)


def _require(request: Request, roles: tuple[str, ...]) -> None:
    if not has_role(request.user, *roles):
        raise NotFound()


class ProjectList(generics.ListCreateAPIView):
    serializer_class = ProjectSerializer
    permission_classes = [Read]

    def get_queryset(self):
        return selectors.projects_for(self.request.user).prefetch_related("triages__flow")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        _require(request, PROJECT_ROLES)
        serializer = ProjectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        project = services.project_create(actor=request.user, **serializer.validated_data)
        return Response(ProjectSerializer(project).data, status=status.HTTP_201_CREATED)


class ProjectDetail(APIView):
    permission_classes = [Read]

    def _project(self, request: Request, project_id: int) -> Any:
        return get_object_or_404(selectors.projects_for(request.user), pk=project_id)

    @extend_schema(responses=ProjectSerializer)
    def get(self, request: Request, project_id: int) -> Response:
        return Response(ProjectSerializer(self._project(request, project_id)).data)

    @extend_schema(request=ProjectSerializer, responses=ProjectSerializer)
    def patch(self, request: Request, project_id: int) -> Response:
        _require(request, PROJECT_ROLES)
        project = self._project(request, project_id)
        serializer = ProjectSerializer(project, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "phase" in request.data:  # the phase moves through its own endpoint (the gate)
            raise ValidationError({"phase": [_("Use the phase endpoint to change the phase.")]})
        updated = services.project_update(actor=request.user, project=project, **data)
        return Response(ProjectSerializer(updated).data)


class ProjectTriage(APIView):
    permission_classes = [Read]

    @extend_schema(request=TriageRequestSerializer, responses={201: TriageSerializer})
    def post(self, request: Request, project_id: int) -> Response:
        _require(request, PROJECT_ROLES)
        project = get_object_or_404(selectors.projects_for(request.user), pk=project_id)
        serializer = TriageRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        triage = services.triage_record(
            actor=request.user, project=project, answers=serializer.validated_data["answers"]
        )
        return Response(TriageSerializer(triage).data, status=status.HTTP_201_CREATED)


class ProjectPhase(APIView):
    permission_classes = [Read]

    @extend_schema(request=PhaseSerializer, responses=ProjectSerializer)
    def post(self, request: Request, project_id: int) -> Response:
        _require(request, PROJECT_ROLES)
        project = get_object_or_404(selectors.projects_for(request.user), pk=project_id)
        serializer = PhaseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        project = services.project_set_phase(
            actor=request.user, project=project, phase=serializer.validated_data["phase"]
        )
        return Response(ProjectSerializer(project).data)


class FlowView(APIView):
    permission_classes = [Read]

    @extend_schema(responses=FlowSerializer)
    def get(self, request: Request) -> Response:
        flow = selectors.flow_current(request.user)
        if flow is None:  # migration 0005 seeds it; a GET never writes
            raise NotFound(_("No triage flow is installed."))
        return Response(FlowSerializer(flow).data)

    @extend_schema(request=FlowSerializer, responses={201: FlowSerializer})
    def post(self, request: Request) -> Response:
        _require(request, COORDINATE_ROLES)
        serializer = FlowSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        flow = services.flow_save(actor=request.user, **serializer.validated_data)
        return Response(FlowSerializer(flow).data, status=status.HTTP_201_CREATED)


class ChecklistTemplates(APIView):
    """Checklist templates as documents: GET lists them, POST uploads a new version (400 with
    one message per problem, each naming its item; nothing saved on error)."""

    permission_classes = [roles_required(*COORDINATE_ROLES)]

    @extend_schema(responses=ChecklistTemplateSerializer(many=True))
    def get(self, request: Request) -> Response:
        templates = selectors.checklist_templates_for(request.user).prefetch_related("items")
        return Response([{"document": services.checklist_document(t)} for t in templates])

    @extend_schema(
        request=ChecklistTemplateSerializer, responses={201: ChecklistTemplateSerializer}
    )
    def post(self, request: Request) -> Response:
        serializer = ChecklistTemplateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        template = services.checklist_upload(
            actor=request.user, document=serializer.validated_data["document"]
        )
        return Response(
            {"document": services.checklist_document(template)}, status=status.HTTP_201_CREATED
        )


class AssessmentList(generics.ListCreateAPIView):
    filterset_class = AssessmentFilter
    serializer_class = AssessmentSerializer
    permission_classes = [Read]
    # An assessment names who signed it off: the page returned is access-logged, as on the pages.
    pagination_class = AccessLoggedPagination
    access_purpose = "cpted.api.assessments"

    def get_queryset(self):
        return selectors.assessments_for(self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        _require(request, ASSESS_ROLES)
        serializer = AssessmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        project = get_object_or_404(selectors.projects_for(request.user), pk=data["project"].pk)
        assessment = services.assessment_start(
            actor=request.user,
            project=project,
            template=data["template"],
            zones=data.get("zone_names"),
        )
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)


class AssessmentRatings(APIView):
    permission_classes = [Read]

    @extend_schema(responses=RatingSerializer(many=True))
    def get(self, request: Request, assessment_id: int) -> Response:
        assessment = selectors.assessment_get(
            user=request.user, assessment_id=assessment_id, purpose="cpted.api.ratings"
        )
        ratings = assessment.ratings.select_related("item", "zone")
        return Response(RatingSerializer(ratings, many=True).data)

    @extend_schema(request=RatingSerializer, responses={201: RatingSerializer})
    def post(self, request: Request, assessment_id: int) -> Response:
        _require(request, ASSESS_ROLES)
        assessment = get_object_or_404(selectors.assessments_for(request.user), pk=assessment_id)
        serializer = RatingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        item = assessment.template.items.filter(code=data.pop("item")).first()
        zone = assessment.zones.filter(name=data.pop("zone")).first()
        errors = {}
        if item is None:
            errors["item"] = [_("Unknown item code for this checklist.")]
        if zone is None:
            errors["zone"] = [_("Unknown zone for this assessment.")]
        if errors or item is None or zone is None:
            raise ValidationError(errors)
        rating = services.rating_record(
            actor=request.user, assessment=assessment, item=item, zone=zone, **data
        )
        return Response(RatingSerializer(rating).data, status=status.HTTP_201_CREATED)


class RecommendationList(generics.ListCreateAPIView):
    filterset_class = RecommendationFilter
    serializer_class = RecommendationSerializer
    permission_classes = [Read]

    def get_queryset(self):
        return selectors.recommendations_for(self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        _require(request, ASSESS_ROLES)
        serializer = RecommendationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["project"] = get_object_or_404(
            selectors.projects_for(request.user), pk=data["project"].pk
        )
        recommendation = services.recommendation_create(actor=request.user, **data)
        return Response(
            RecommendationSerializer(recommendation).data, status=status.HTTP_201_CREATED
        )


class RecommendationDetail(generics.RetrieveAPIView):
    serializer_class = RecommendationSerializer
    permission_classes = [Read]
    lookup_url_kwarg = "recommendation_id"

    def get_queryset(self):
        return selectors.recommendations_for(self.request.user)


class RecommendationStatusView(APIView):
    permission_classes = [Read]

    @extend_schema(request=StatusSerializer, responses=RecommendationSerializer)
    def post(self, request: Request, recommendation_id: int) -> Response:
        _require(request, PROJECT_ROLES)
        recommendation = get_object_or_404(
            selectors.recommendations_for(request.user), pk=recommendation_id
        )
        serializer = StatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data["status"] == "verified":
            _require(request, ASSESS_ROLES)
        updated = services.recommendation_set_status(
            actor=request.user, recommendation=recommendation, **serializer.validated_data
        )
        return Response(RecommendationSerializer(updated).data)
