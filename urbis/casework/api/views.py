"""Casework API (/api/v1/casework/): the same need-to-know as the pages — a case the caller
does not take part in is a 404, like a number that does not exist."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from urbis.casework import jobs, selectors, services
from urbis.casework.api.serializers import (
    CaseworkCaseDetailSerializer,
    CaseworkCaseOpenSerializer,
    CaseworkCaseQuerySerializer,
    CaseworkCaseSerializer,
    CaseworkIndicatorSerializer,
    CaseworkParticipantSerializer,
    DisclosureSerializer,
    FeedbackSheetSerializer,
)
from urbis.casework.models import Case, ConsultationTable, Meeting
from urbis.casework.permissions import CASE_ROLES
from urbis.casework.selectors import CaseAccess
from urbis.core.api.permissions import roles_required
from urbis.core.roles import Role

Caseworker = roles_required(*CASE_ROLES)


def _access(request: Request, case_id: int, purpose: str) -> CaseAccess:
    try:
        access = selectors.case_get(request.user, case_id=case_id, purpose=purpose)
    except Case.DoesNotExist as missing:
        raise NotFound() from missing
    if access.participant is None:
        raise NotFound()
    return access


class CaseAPIView(APIView):
    """A view on one case: a method the route does not answer is a 404 for anyone who does
    not take part in the case (ADR 0003), so even a 405 never tells a probed number apart."""

    permission_classes = [Caseworker]

    def http_method_not_allowed(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not selectors.takes_part(request.user, case_id=int(kwargs["case_id"])):
            raise NotFound()
        return super().http_method_not_allowed(cast(Request, request), *args, **kwargs)


def _run(
    call: Any, *, request: Request | None = None, case: Case | None = None, step: str = ""
) -> Any:
    """Run a service; a missing case is a 404, a refusal a 400 that is also audit-logged."""
    try:
        return call()
    except Case.DoesNotExist as missing:
        raise NotFound() from missing
    except DjangoValidationError as error:
        if request is not None and case is not None:
            services.step_refused(actor=request.user, case=case, step=step, messages=error.messages)
        raise


class CaseList(APIView):
    permission_classes = [Caseworker]

    @extend_schema(
        parameters=[CaseworkCaseQuerySerializer], responses=CaseworkCaseSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        query = CaseworkCaseQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        cases = selectors.case_list(
            request.user,
            text=query.validated_data.get("q", ""),
            status=query.validated_data.get("status", ""),
        )
        return Response(CaseworkCaseSerializer(cases, many=True).data)

    @extend_schema(request=CaseworkCaseOpenSerializer, responses={201: CaseworkCaseSerializer})
    def post(self, request: Request) -> Response:
        serializer = CaseworkCaseOpenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        table = ConsultationTable.objects.filter(code=data.pop("table"), is_active=True).first()
        if table is None:
            raise DjangoValidationError({"table": [_("No such table.")]})
        case = services.case_open(actor=request.user, table=table, **data)
        return Response(CaseworkCaseSerializer(case).data, status=status.HTTP_201_CREATED)


class CaseDetail(CaseAPIView):
    @extend_schema(responses=CaseworkCaseDetailSerializer)
    def get(self, request: Request, case_id: int) -> Response:
        access = _access(request, case_id, "api_case")
        context = {"subjects": selectors.subjects_shown(access)}
        return Response(CaseworkCaseDetailSerializer(access.case, context=context).data)


class ParticipantList(CaseAPIView):
    @extend_schema(
        request=CaseworkParticipantSerializer, responses={201: CaseworkParticipantSerializer}
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = _access(request, case_id, "api_participants")
        serializer = CaseworkParticipantSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        participant = _run(
            lambda: services.participant_add(
                actor=request.user,
                case=access.case,
                user_id=serializer.validated_data["user_id"],
                identity_rights=serializer.validated_data["identity_rights"],
            ),
            request=request,
            case=access.case,
            step="api_participant",
        )
        body = {
            "id": participant.pk,
            "user": participant.user_id,
            "organisation": str(participant.organisation) if participant.organisation else None,
            "capacity": participant.capacity,
            "identity_rights": participant.identity_rights,
        }
        return Response(body, status=status.HTTP_201_CREATED)


class DisclosureList(CaseAPIView):
    @extend_schema(responses=DisclosureSerializer(many=True))
    def get(self, request: Request, case_id: int) -> Response:
        access = _access(request, case_id, "api_disclosures")
        visible = selectors.visible_disclosures(access, request.user)
        return Response(DisclosureSerializer(visible, many=True).data)

    @extend_schema(request=DisclosureSerializer, responses={201: DisclosureSerializer})
    def post(self, request: Request, case_id: int) -> Response:
        access = _access(request, case_id, "api_disclose")
        serializer = DisclosureSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        meeting = None
        if data.get("meeting_id"):
            meeting = Meeting.objects.filter(case=access.case, pk=data["meeting_id"]).first()
            if meeting is None:
                raise DjangoValidationError({"meeting": [_("No such meeting in this case.")]})
        disclosure = _run(
            lambda: services.disclosure_add(
                actor=request.user,
                case=access.case,
                basis=data["basis"],
                secrecy_class=data["secrecy_class"],
                summary=data["summary"],
                audience_ids=data.get("audience", []),
                meeting=meeting,
            ),
            request=request,
            case=access.case,
            step="api_disclosure",
        )
        return Response(DisclosureSerializer(disclosure).data, status=status.HTTP_201_CREATED)


class SheetList(CaseAPIView):
    @extend_schema(request=FeedbackSheetSerializer, responses={201: FeedbackSheetSerializer})
    def post(self, request: Request, case_id: int) -> Response:
        access = _access(request, case_id, "api_sheet")
        serializer = FeedbackSheetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        meeting = Meeting.objects.filter(case=access.case, pk=data["meeting_id"]).first()
        if meeting is None:
            raise DjangoValidationError({"meeting": [_("No such meeting in this case.")]})
        sheet = _run(
            lambda: services.sheet_draft(
                actor=request.user,
                case=access.case,
                meeting=meeting,
                content=data["content"],
                item_ids=data.get("items", []),
                recipient=data.get("recipient", "Local police"),
            ),
            request=request,
            case=access.case,
            step="api_sheet",
        )
        return Response(FeedbackSheetSerializer(sheet).data, status=status.HTTP_201_CREATED)


class SheetConsent(CaseAPIView):
    @extend_schema(request=None, responses=FeedbackSheetSerializer)
    def post(self, request: Request, case_id: int, sheet_id: int) -> Response:
        access = _access(request, case_id, "api_sheet_consent")
        consent = _run(
            lambda: services.sheet_consent(actor=request.user, case=access.case, sheet_id=sheet_id),
            request=request,
            case=access.case,
            step="api_sheet_consent",
        )
        return Response(FeedbackSheetSerializer(consent.sheet).data)


class SheetIssue(CaseAPIView):
    @extend_schema(request=None, responses=FeedbackSheetSerializer)
    def post(self, request: Request, case_id: int, sheet_id: int) -> Response:
        access = _access(request, case_id, "api_sheet_issue")
        sheet = _run(
            lambda: services.sheet_issue(actor=request.user, case=access.case, sheet_id=sheet_id),
            request=request,
            case=access.case,
            step="api_sheet_issue",
        )
        return Response(FeedbackSheetSerializer(sheet).data)


class Indicators(APIView):
    """Pseudonymised counts per table, risk level and quarter; small cells are null."""

    permission_classes = [roles_required(Role.COORDINATOR, Role.ANALYST, Role.CASEWORKER)]

    @extend_schema(responses=CaseworkIndicatorSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(
            CaseworkIndicatorSerializer(jobs.cases_by_table_risk_quarter(), many=True).data
        )
