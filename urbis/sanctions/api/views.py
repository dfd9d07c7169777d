"""GAS API: intake with idempotency keys, cases, transitions, letters, payments."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from urbis.core.api.errors import error_body
from urbis.core.api.permissions import roles_required
from urbis.core.pagination import AccessLoggedPagination
from urbis.sanctions import selectors
from urbis.sanctions.api.filters import CaseFilter
from urbis.sanctions.api.serializers import (
    AscertainmentSerializer,
    CaseListSerializer,
    CaseSerializer,
    TransitionSerializer,
)
from urbis.sanctions.models import Case, Letter
from urbis.sanctions.permissions import CASE_ROLES, INTAKE_ROLES
from urbis.sanctions.services import cases as case_services
from urbis.sanctions.services import intake, payments

#: The column that stores the key (Ascertainment.idempotency_key).
IDEMPOTENCY_KEY_MAX = 100


class AscertainmentCreate(APIView):
    permission_classes = [roles_required(*INTAKE_ROLES)]

    @extend_schema(
        request=AscertainmentSerializer,
        responses={201: CaseListSerializer, 200: CaseListSerializer},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="A retried request with the same key returns the first case (200); "
                f"at most {IDEMPOTENCY_KEY_MAX} characters.",
            )
        ],
    )
    def post(self, request: Request) -> Response:
        key = request.headers.get("Idempotency-Key") or None
        if key is not None and len(key) > IDEMPOTENCY_KEY_MAX:
            raise ValidationError(
                {
                    "Idempotency-Key": [
                        _("Ensure this header has no more than %(n)s characters.")
                        % {"n": IDEMPOTENCY_KEY_MAX}
                    ]
                }
            )
        serializer = AscertainmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = dict(serializer.validated_data)
        offender = dict(d.pop("offender"))
        guardians = [dict(g) for g in offender.pop("guardians", [])]
        article = d.pop("article_code")
        data = intake.AscertainmentData(
            article_code=article,
            offender=intake.OffenderData(guardians=guardians, **offender),
            **d,
        )
        try:
            result = intake.ascertainment_create(
                actor=request.user,
                data=data,
                idempotency_key=key,
            )
        except intake.IdempotencyConflict:
            return Response(
                error_body(
                    409,
                    "idempotency_conflict",
                    _("This Idempotency-Key was used before for a different report."),
                ),
                status=status.HTTP_409_CONFLICT,
            )
        return Response(
            CaseListSerializer(result.case).data,
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )


class CaseList(generics.ListAPIView):
    serializer_class = CaseListSerializer
    permission_classes = [roles_required(*CASE_ROLES)]
    pagination_class = AccessLoggedPagination  # logs the cases of the page returned
    access_purpose = "gas.api.cases"

    filterset_class = CaseFilter

    def get_queryset(self):
        return selectors.cases_for(self.request.user).order_by("-created_at")


class CaseDetail(APIView):
    permission_classes = [roles_required(*CASE_ROLES)]

    @extend_schema(responses={200: CaseSerializer})
    def get(self, request: Request, number: str) -> Response:
        case = selectors.case_get(user=request.user, number=number, purpose="gas.api.case")
        return Response(CaseSerializer(case).data)


class TransitionCreate(APIView):
    permission_classes = [roles_required(*CASE_ROLES)]

    @extend_schema(request=TransitionSerializer, responses={200: CaseSerializer})
    def post(self, request: Request, number: str) -> Response:
        case = selectors.case_get(user=request.user, number=number, purpose="gas.api.transition")
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # A refused step is a Django ValidationError: the API error handler makes it a 400.
        case = case_services.case_transition(
            actor=request.user, case=case, **serializer.validated_data
        )
        return Response(CaseSerializer(Case.objects.get(pk=case.pk)).data)


class LetterDownload(APIView):
    permission_classes = [roles_required(*CASE_ROLES)]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request: Request, number: str, letter_id: int) -> HttpResponse:
        case = selectors.case_get(user=request.user, number=number, purpose="gas.api.letter")
        letter = get_object_or_404(Letter, pk=letter_id, case=case)
        return HttpResponse(bytes(letter.content), content_type="application/pdf")


class PaymentImportSerializer(serializers.Serializer[object]):
    source = serializers.ChoiceField(choices=["coda", "csv"])  # type: ignore[assignment]
    file = serializers.FileField()


class PaymentImport(APIView):
    permission_classes = [roles_required(*CASE_ROLES)]
    parser_classes = [MultiPartParser]

    @extend_schema(request=PaymentImportSerializer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request: Request) -> Response:
        serializer = PaymentImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        # A refused file is a Django ValidationError on "file": the handler makes it a 400.
        report = payments.payments_import(
            actor=request.user,
            source=serializer.validated_data["source"],
            content=upload,
            filename=upload.name or "",
        )
        return Response(
            {
                "matched": report.matched,
                "unmatched": report.unmatched,
                "duplicates": report.duplicates,
                "rejected": [{"line": line, "reason": reason} for line, reason in report.rejected],
            }
        )
