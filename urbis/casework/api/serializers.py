"""Serializers of the casework API: they parse and shape; services decide. Output never holds
an identity the caller may not see, nor a disclosure outside its audience."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from urbis.casework.models import (
    Case,
    CaseStatus,
    Disclosure,
    DisclosureBasis,
    FeedbackSheet,
    RiskLevel,
    SecrecyClass,
)

MAX_ID = 2**53


class CaseworkCaseSerializer(serializers.ModelSerializer[Case]):
    table = serializers.CharField(source="table.code", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "alias",
            "table",
            "status",
            "risk_level",
            "approach",
            "opened_on",
            "closed_on",
        ]
        read_only_fields = fields


class CaseworkCaseQuerySerializer(serializers.Serializer[Any]):
    """The list's filters: a search on number or alias (never on content) and the status."""

    q = serializers.CharField(max_length=60, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)


class CaseworkCaseOpenSerializer(serializers.Serializer[Any]):
    table = serializers.SlugField(max_length=40)
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices)
    referrer = serializers.CharField(max_length=200, required=False, allow_blank=True)
    goals = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class SubjectShownSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    role = serializers.CharField()
    name = serializers.CharField()


class CaseworkParticipantSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    user = serializers.IntegerField(min_value=1, max_value=MAX_ID, source="user_id")
    organisation = serializers.CharField(read_only=True, allow_null=True)
    capacity = serializers.CharField(read_only=True)
    identity_rights = serializers.BooleanField(default=False)


class DisclosureSerializer(serializers.ModelSerializer[Disclosure]):
    audience = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=200,
        write_only=True,
    )
    audience_ids = serializers.SerializerMethodField()
    meeting = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True, source="meeting_id"
    )
    disclosed_by = serializers.CharField(source="disclosed_by.username", read_only=True)
    basis = serializers.ChoiceField(choices=DisclosureBasis.choices)
    secrecy_class = serializers.ChoiceField(choices=SecrecyClass.choices)
    summary = serializers.CharField(max_length=2000)

    class Meta:
        model = Disclosure
        fields = [
            "id",
            "basis",
            "secrecy_class",
            "summary",
            "audience",
            "audience_ids",
            "meeting",
            "disclosed_by",
            "at",
        ]
        read_only_fields = ["id", "disclosed_by", "at"]

    def get_audience_ids(self, instance: Disclosure) -> list[int]:
        return sorted(u.pk for u in instance.audience.all())


class CaseworkCaseDetailSerializer(CaseworkCaseSerializer):
    subjects = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()

    class Meta(CaseworkCaseSerializer.Meta):
        fields = [
            *CaseworkCaseSerializer.Meta.fields,
            "referrer",
            "goals",
            "subjects",
            "participants",
        ]
        read_only_fields = fields

    def get_subjects(self, case: Case) -> list[dict[str, Any]]:
        return [
            {"id": s["id"], "role": str(s["role"]), "name": s["name"]}
            for s in self.context["subjects"]
        ]

    def get_participants(self, case: Case) -> list[dict[str, Any]]:
        return [
            {
                "id": p.pk,
                "user": p.user_id,
                "organisation": str(p.organisation) if p.organisation else None,
                "capacity": p.capacity,
                "identity_rights": p.identity_rights,
            }
            for p in case.participants.filter(removed_at__isnull=True).select_related(
                "organisation"
            )
        ]


class FeedbackSheetSerializer(serializers.ModelSerializer[FeedbackSheet]):
    meeting = serializers.IntegerField(min_value=1, max_value=MAX_ID, source="meeting_id")
    items = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=200,
        write_only=True,
    )
    item_ids = serializers.SerializerMethodField()
    content = serializers.CharField(max_length=4000)
    recipient = serializers.CharField(max_length=200, required=False)
    consents = serializers.SerializerMethodField()

    class Meta:
        model = FeedbackSheet
        fields = [
            "id",
            "meeting",
            "content",
            "items",
            "item_ids",
            "recipient",
            "status",
            "issued_at",
            "consents",
        ]
        read_only_fields = ["id", "status", "issued_at", "consents", "item_ids"]

    def get_consents(self, sheet: FeedbackSheet) -> list[int]:
        return sorted(sheet.consents.values_list("user_id", flat=True))

    def get_item_ids(self, instance: FeedbackSheet) -> list[int]:
        return sorted(instance.items.values_list("pk", flat=True))


class CaseworkIndicatorSerializer(serializers.Serializer[Any]):
    table = serializers.CharField()
    risk_level = serializers.CharField()
    quarter = serializers.CharField()
    cases = serializers.IntegerField(allow_null=True)
