"""Shapes of the GDPR API: every query parameter bounded, every answer described."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from urbis.core.gdpr import forms


def _national_number(value: str) -> str:
    from django.core.exceptions import ValidationError

    try:
        return forms._national_number(value)
    except ValidationError as error:
        raise serializers.ValidationError(error.messages) from error


class ActivitySerializer(serializers.Serializer):
    """One entry of the record of processing activities (GDPR art. 30(1))."""

    code = serializers.CharField()
    app = serializers.CharField()
    name = serializers.CharField()
    controller = serializers.CharField()
    dpo = serializers.CharField()
    purposes = serializers.ListField(child=serializers.CharField())
    legal_basis = serializers.ListField(child=serializers.CharField())
    data_subjects = serializers.ListField(child=serializers.CharField())
    data_categories = serializers.ListField(child=serializers.CharField())
    special_categories = serializers.ListField(child=serializers.CharField())
    recipients = serializers.ListField(child=serializers.CharField())
    transfers = serializers.CharField()
    retention = serializers.CharField()
    security = serializers.ListField(child=serializers.CharField())
    dpia_required = serializers.BooleanField()


class SubjectQuerySerializer(serializers.Serializer):
    national_number = serializers.CharField(max_length=20, required=False, default="")
    email = serializers.EmailField(max_length=254, required=False, default="")

    def validate_national_number(self, value: str) -> str:
        return _national_number(value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not (attrs.get("national_number") or attrs.get("email")):
            raise serializers.ValidationError(
                {"national_number": [_("Give a national register number or an e-mail address.")]}
            )
        return attrs


class SubjectItemSerializer(serializers.Serializer):
    # DRF's metaclass takes declared fields off the class: they shadow no attribute at run time.
    kind = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    data = serializers.DictField()  # type: ignore[assignment]


class WithheldSerializer(serializers.Serializer):
    kind = serializers.CharField()
    reason = serializers.CharField()
    count = serializers.IntegerField()


class SubjectAppSerializer(serializers.Serializer):
    app = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    items = SubjectItemSerializer(many=True)
    withheld = WithheldSerializer(many=True)


class ReadSerializer(serializers.Serializer):
    at = serializers.CharField()
    user_label = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    purpose = serializers.CharField()


class SubjectAccessSerializer(serializers.Serializer):
    """The art. 15 answer: what every app holds, what is withheld and why, who read it."""

    national_number = serializers.CharField()
    email = serializers.CharField()
    generated_at = serializers.CharField()
    apps = SubjectAppSerializer(many=True)
    reads = ReadSerializer(many=True)


class AccessLogQuerySerializer(serializers.Serializer):
    national_number = serializers.CharField(max_length=20, required=False, default="")
    object_type = serializers.CharField(max_length=100, required=False, default="")
    object_id = serializers.CharField(max_length=64, required=False, default="")
    username = serializers.CharField(max_length=150, required=False, default="")

    def validate_national_number(self, value: str) -> str:
        return _national_number(value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not any(attrs.values()):
            raise serializers.ValidationError(
                {"national_number": [_("Give a person, an object or a user name.")]}
            )
        return attrs


class AccessLogRowSerializer(serializers.Serializer):
    at = serializers.DateTimeField(source="entry.at")
    user = serializers.CharField(source="entry.user_label")
    object_type = serializers.CharField(source="entry.object_type")
    object_id = serializers.CharField(source="entry.object_id")
    purpose = serializers.CharField(source="entry.purpose")
    name = serializers.CharField()
    url = serializers.CharField()


class RetentionQuerySerializer(serializers.Serializer):
    dry_run = serializers.BooleanField(
        required=False, default=False, help_text="Also count what a run today would purge."
    )


class RetentionProofSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    run_on = serializers.DateField()
    count = serializers.IntegerField()
    actor = serializers.CharField(source="actor_label")


class RetentionRuleSerializer(serializers.Serializer):
    """A retention rule with its latest proof (``null``: never run) and the dry-run count."""

    code = serializers.CharField()
    app = serializers.CharField()
    category = serializers.CharField()
    retention = serializers.CharField()
    action = serializers.CharField()
    last_run = RetentionProofSerializer(allow_null=True)
    due_now = serializers.IntegerField(allow_null=True)
