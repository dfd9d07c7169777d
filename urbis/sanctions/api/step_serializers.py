"""Bodies of the GAS API's procedure steps: every limit of the model and the law is here
(lengths, dates, amounts, hours), so a bad request is a 400 with per-field messages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from urbis.core.validators import validate_past_date, validate_planned_date
from urbis.sanctions.models import Article, MunicipalSettings
from urbis.sanctions.models.cases import DefenceChannel
from urbis.sanctions.rules.amounts import COMMUNITY_SERVICE_MAX_HOURS_ADULT

MONEY: dict[str, Any] = {"max_digits": 8, "decimal_places": 2}
MAX_PAYMENT = Decimal("99999999.99")  # Payment.amount: 10 digits, 2 decimals


class DefenceSerializer(serializers.Serializer[Any]):
    received_on = serializers.DateField(validators=[validate_past_date])
    channel = serializers.ChoiceField(choices=DefenceChannel.choices)
    text = serializers.CharField(max_length=20000)


class HearingSerializer(serializers.Serializer[Any]):
    at = serializers.DateTimeField(validators=[validate_planned_date])
    place = serializers.CharField(max_length=200)


class HearingRecordSerializer(serializers.Serializer[Any]):
    held = serializers.BooleanField(
        help_text="true: the offender was heard; false: summoned, he did not appear or waived"
    )
    minutes = serializers.CharField(max_length=20000)


class AppealSerializer(serializers.Serializer[Any]):
    lodged_on = serializers.DateField(validators=[validate_past_date])
    reference = serializers.CharField(max_length=60, required=False, default="", allow_blank=True)


class JudgmentSerializer(serializers.Serializer[Any]):
    judgment = serializers.ChoiceField(choices=["confirmed", "reformed", "annulled"])
    on = serializers.DateField(validators=[validate_past_date])
    new_amount = serializers.DecimalField(
        **MONEY, min_value=0, required=False, allow_null=True, default=None
    )


class ManualPaymentSerializer(serializers.Serializer[Any]):
    received_on = serializers.DateField(validators=[validate_past_date])
    amount = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=Decimal("0.01"), max_value=MAX_PAYMENT
    )
    counterparty = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )
    communication = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )


class LetterReceiptSerializer(serializers.Serializer[Any]):
    received_on = serializers.DateField(validators=[validate_past_date])


class PaymentTermsSerializer(serializers.Serializer[Any]):
    agreed_on = serializers.DateField(validators=[validate_past_date])
    terms = serializers.CharField(max_length=2000)


class CommunityServiceSerializer(serializers.Serializer[Any]):
    hours = serializers.IntegerField(min_value=1, max_value=COMMUNITY_SERVICE_MAX_HOURS_ADULT)
    provider = serializers.CharField(max_length=200)
    agreed_on = serializers.DateField(validators=[validate_past_date])


class CommunityServiceResultSerializer(serializers.Serializer[Any]):
    performed = serializers.BooleanField()
    on = serializers.DateField(validators=[validate_past_date])
    note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class LawyerSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200)
    street = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    postcode = serializers.CharField(max_length=10, required=False, default="", allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)


class LimitationEventSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=["interruption", "suspension"])
    on = serializers.DateField(validators=[validate_past_date])
    until = serializers.DateField(required=False, allow_null=True, default=None)
    ground = serializers.CharField(max_length=300)


class ArticleSerializer(serializers.ModelSerializer[Article]):
    procedure = serializers.CharField(read_only=True)

    class Meta:
        model = Article
        fields = [
            "code",
            "infringement_type",
            "procedure",
            "title_nl",
            "title_fr",
            "title_en",
            "max_fine",
            "applies_to_minors",
            "mediation_allowed",
            "community_service_allowed",
            "valid_from",
            "valid_to",
        ]


class MunicipalSettingsSerializer(serializers.ModelSerializer[MunicipalSettings]):
    class Meta:
        model = MunicipalSettings
        fields = [
            "valid_from",
            "municipality",
            "minimum_age",
            "protocol_mixed_light",
            "protocol_mixed_heavy",
            "protocol_parking",
            "speeding_regulation",
            "oral_hearing_threshold",
            "mediation_provided",
            "community_service_provided",
            "register_retention_years",
            "deemed_receipt_working_days",
            "letter_language",
            "creditor_name",
            "creditor_iban",
            "creditor_bic",
            "official_title",
        ]
