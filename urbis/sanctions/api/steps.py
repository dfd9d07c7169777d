"""GAS API: every recorded step of the procedure (defences, hearings, appeals and judgments,
manual payments, letter receipt, mediation payment terms, community service, the minor's
lawyer, limitation events) through the same services and guards as the pages; and the
regulation catalogue and municipal settings, readable."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from urbis.core.api.permissions import roles_required
from urbis.sanctions import selectors
from urbis.sanctions.api import step_serializers as s
from urbis.sanctions.api.serializers import CaseSerializer
from urbis.sanctions.models import Case, Hearing, Letter
from urbis.sanctions.permissions import CASE_ROLES
from urbis.sanctions.services import cases as case_services
from urbis.sanctions.services import payments, procedure

IDEMPOTENCY_KEY_MAX = 100


class _CaseStep(APIView):
    """POST a step on one case: validate the body, run one service, answer the case."""

    permission_classes = [roles_required(*CASE_ROLES)]
    body: type[Any]
    purpose = "gas.api.step"

    def run(self, request: Request, case: Case, data: dict[str, Any], **kwargs: Any) -> None:
        raise NotImplementedError

    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        case = selectors.case_get(user=request.user, number=number, purpose=self.purpose)
        serializer = self.body(data=request.data)
        serializer.is_valid(raise_exception=True)
        # A refusal of the service is a Django ValidationError: the handler makes it a 400.
        self.run(request, case, dict(serializer.validated_data), **kwargs)
        fresh = selectors.case_get(user=request.user, number=number, purpose=self.purpose)
        return Response(CaseSerializer(fresh).data)


def _step_schema(body: type[Any], summary: str) -> Any:
    return extend_schema(request=body, responses={200: CaseSerializer}, summary=summary)


class DefenceCreate(_CaseStep):
    body = s.DefenceSerializer

    @_step_schema(s.DefenceSerializer, "Record a defence (art. 25, GAS-R18)")
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number)

    def run(self, request: Request, case: Case, data: dict[str, Any], **kwargs: Any) -> None:
        case_services.defence_record(actor=request.user, case=case, **data)


class HearingCreate(_CaseStep):
    body = s.HearingSerializer

    @_step_schema(s.HearingSerializer, "Schedule a hearing (art. 25, GAS-R11, R20)")
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number)

    def run(self, request: Request, case: Case, data: dict[str, Any], **kwargs: Any) -> None:
        case_services.hearing_schedule(actor=request.user, case=case, **data)


class HearingRecord(_CaseStep):
    body = s.HearingRecordSerializer

    @_step_schema(s.HearingRecordSerializer, "Record a hearing held or not attended (GAS-R11)")
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number, **kwargs)

    def run(self, request: Request, case: Case, data: dict[str, Any], **kwargs: Any) -> None:
        hearing = get_object_or_404(Hearing, pk=kwargs["hearing_id"], case=case)
        procedure.hearing_record(actor=request.user, case=case, hearing=hearing, **data)


class AppealCreate(_CaseStep):
    body = s.AppealSerializer

    @_step_schema(s.AppealSerializer, "Record an appeal (art. 31, GAS-R26)")
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number)

    def run(self, request: Request, case: Case, data: dict[str, Any], **kwargs: Any) -> None:
        case_services.appeal_lodge(actor=request.user, case=case, **data)


class JudgmentCreate(_CaseStep):
    body = s.JudgmentSerializer

    @_step_schema(s.JudgmentSerializer, "Record the court's judgment (art. 31)")
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number)

    def run(self, request: Request, case: Case, data: dict[str, Any], **kwargs: Any) -> None:
        case_services.appeal_judgment(actor=request.user, case=case, **data)


class PaymentCreate(_CaseStep):
    body = s.ManualPaymentSerializer

    @extend_schema(
        request=s.ManualPaymentSerializer,
        responses={200: CaseSerializer},
        summary="Record a payment by hand (GAS-R25)",
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="A retried request with the same key records the payment once; "
                f"at most {IDEMPOTENCY_KEY_MAX} characters.",
            )
        ],
    )
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        key = request.headers.get("Idempotency-Key") or ""
        if len(key) > IDEMPOTENCY_KEY_MAX:
            raise ValidationError(
                {
                    "Idempotency-Key": [
                        _("Ensure this header has no more than %(n)s characters.")
                        % {"n": IDEMPOTENCY_KEY_MAX}
                    ]
                }
            )
        return super().post(request, number, key=key)

    def run(self, request: Request, case: Case, data: dict[str, Any], **kwargs: Any) -> None:
        payments.payment_record(actor=request.user, case=case, key=kwargs.get("key", ""), **data)


class LetterReceipt(_CaseStep):
    body = s.LetterReceiptSerializer

    @_step_schema(s.LetterReceiptSerializer, "Record the actual receipt of a letter (GAS-R19)")
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number, **kwargs)

    def run(self, request: Request, case: Case, data: dict[str, Any], **kwargs: Any) -> None:
        letter = get_object_or_404(
            Letter.objects.defer("content"), pk=kwargs["letter_id"], case=case
        )
        procedure.letter_receipt_record(actor=request.user, case=case, letter=letter, **data)


class PaymentTerms(_CaseStep):
    body = s.PaymentTermsSerializer

    @_step_schema(s.PaymentTermsSerializer, "Payment terms agreed in mediation (GAS-R23)")
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number)

    def run(self, request: Request, case: Case, data: dict[str, Any], **kwargs: Any) -> None:
        procedure.payment_terms_agree(actor=request.user, case=case, **data)


class CommunityServiceCreate(_CaseStep):
    body = s.CommunityServiceSerializer

    @_step_schema(s.CommunityServiceSerializer, "Agree community service (GAS-R06, R07)")
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number)

    def run(self, request: Request, case: Case, data: dict[str, Any], **kwargs: Any) -> None:
        procedure.community_service_propose(actor=request.user, case=case, **data)


class CommunityServiceResult(_CaseStep):
    body = s.CommunityServiceResultSerializer

    @_step_schema(s.CommunityServiceResultSerializer, "Community service performed or not")
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number)

    def run(self, request: Request, case: Case, data: dict[str, Any], **kwargs: Any) -> None:
        procedure.community_service_result(actor=request.user, case=case, **data)


class LawyerRecord(_CaseStep):
    body = s.LawyerSerializer

    @_step_schema(s.LawyerSerializer, "Record the minor's lawyer (GAS-R09)")
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number)

    def run(self, request: Request, case: Case, data: dict[str, Any], **kwargs: Any) -> None:
        procedure.lawyer_record(actor=request.user, case=case, **data)


class LimitationEventCreate(_CaseStep):
    body = s.LimitationEventSerializer

    @_step_schema(s.LimitationEventSerializer, "Interrupt or suspend the collection limit")
    def post(self, request: Request, number: str, **kwargs: Any) -> Response:
        return super().post(request, number)

    def run(self, request: Request, case: Case, data: dict[str, Any], **kwargs: Any) -> None:
        procedure.limitation_event_record(actor=request.user, case=case, **data)


class ArticleList(generics.ListAPIView):
    """The police regulation's articles, every version with its validity."""

    serializer_class = s.ArticleSerializer
    permission_classes = [roles_required(*CASE_ROLES)]

    def get_queryset(self):
        return selectors.articles()


class SettingsList(generics.ListAPIView):
    """The municipal GAS settings, each row with the date it applies from."""

    serializer_class = s.MunicipalSettingsSerializer
    permission_classes = [roles_required(*CASE_ROLES)]

    def get_queryset(self):
        return selectors.municipal_settings()
