"""Serializers of the CPTED API: they parse and shape; services decide."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from rest_framework import serializers

from urbis.core.models import User
from urbis.core.roles import Role
from urbis.cpted import selectors
from urbis.cpted.models import (
    Assessment,
    InvestmentProject,
    Rating,
    Recommendation,
    Triage,
    TriageFlow,
)
from urbis.cpted.services.projects import EDITABLE_FIELDS


class TriageSerializer(serializers.ModelSerializer[Triage]):
    """``path`` and ``check_moments`` are in the request's language (Accept-Language);
    ``steps`` hold the path as data with every text in nl, fr and en."""

    flow_version = serializers.CharField(source="flow.version", read_only=True)
    language = serializers.SerializerMethodField()
    path = serializers.SerializerMethodField()
    check_moments = serializers.SerializerMethodField()

    class Meta:
        model = Triage
        fields = [
            "id",
            "flow_version",
            "answers",
            "outcome",
            "language",
            "path",
            "steps",
            "check_moments",
            "decided_at",
        ]

    def get_language(self, triage: Triage) -> str:
        return get_language() or "en"

    def get_path(self, triage: Triage) -> list[str]:
        return triage.path_in()

    def get_check_moments(self, triage: Triage) -> list[str]:
        return triage.check_moments_in()


class ProjectSerializer(serializers.ModelSerializer[InvestmentProject]):
    location = serializers.JSONField(required=False, allow_null=True)
    triage = serializers.SerializerMethodField()
    # The project leader is a planner, as on the page.
    project_leader = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(groups__name=Role.PLANNER, is_active=True)
    )

    class Meta:
        model = InvestmentProject
        fields = [
            "id",
            *EDITABLE_FIELDS,
            "location",
            "lat",
            "lon",
            "phase",
            "final_design_approved_at",
            "triage",
        ]
        # A project starts in the idea phase and moves through the phase endpoint (its gate).
        read_only_fields = ["lat", "lon", "phase", "final_design_approved_at"]

    def get_triage(self, project: InvestmentProject) -> dict[str, Any] | None:
        triage = project.current_triage
        return TriageSerializer(triage).data if triage else None


class TriageRequestSerializer(serializers.Serializer[Any]):
    answers = serializers.DictField(help_text="question id → answer")


class PhaseSerializer(serializers.Serializer[Any]):
    phase = serializers.CharField()


class FlowSerializer(serializers.ModelSerializer[TriageFlow]):
    class Meta:
        model = TriageFlow
        fields = ["id", "version", "document", "note", "created_at"]
        read_only_fields = ["created_at"]
        extra_kwargs = {"version": {"required": False, "allow_blank": True, "validators": []}}


class AssessmentSerializer(serializers.ModelSerializer[Assessment]):
    zones: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )
    zone_names = serializers.ListField(
        child=serializers.CharField(max_length=100), write_only=True, required=False, max_length=50
    )
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "project",
            "phase",
            "template",
            "status",
            "zones",
            "zone_names",
            "summary",
            "signed_off_by",
            "started_at",
            "completed_at",
            "scores",
        ]
        read_only_fields = [
            "phase",
            "status",
            "summary",
            "signed_off_by",
            "started_at",
            "completed_at",
        ]

    def get_scores(self, assessment: Assessment) -> dict[str, Any]:
        card = selectors.scorecard(assessment)
        return {
            "overall": {"score": card.overall.value, "coverage": card.overall.coverage},
            "by_strategy": {
                k: {"score": v.value, "coverage": v.coverage} for k, v in card.by_strategy.items()
            },
            "by_zone": {
                k: {"score": v.value, "coverage": v.coverage} for k, v in card.by_zone.items()
            },
            "compliant": card.compliant,
            "red_flags": [{"item": f.item_code, "zone": f.zone} for f in card.red_flags],
        }


class RatingSerializer(serializers.ModelSerializer[Rating]):
    item = serializers.CharField(help_text="item code, e.g. NS-03")
    zone = serializers.CharField(help_text="zone name")

    class Meta:
        model = Rating
        fields = [
            "id",
            "item",
            "zone",
            "value",
            "not_applicable",
            "not_observable",
            "note",
            "lat",
            "lon",
        ]

    def to_representation(self, instance: Rating) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["item"], data["zone"] = instance.item.code, instance.zone.name
        return data


class RecommendationSerializer(serializers.ModelSerializer[Recommendation]):
    class Meta:
        model = Recommendation
        fields = [
            "id",
            "project",
            "assessment",
            "text",
            "texts",
            "strategy",
            "kind",
            "priority",
            "quick_win",
            "phase",
            "department",
            "requirement",
            "status",
            "motivation",
            "due_date",
            "created_at",
        ]
        read_only_fields = ["status", "motivation", "created_at", "texts"]
        extra_kwargs = {"phase": {"required": False}}

    def to_representation(self, instance: Recommendation) -> dict[str, Any]:
        # Generated advice reads in the request's language; ``texts`` has all three.
        data = super().to_representation(instance)
        data["text"] = instance.text_in()
        return data


class ChecklistTemplateSerializer(serializers.Serializer[Any]):
    """A checklist template document (the upload/download format of services/checklists.py)."""

    document = serializers.JSONField(
        help_text="code, version, name and items (code, strategy, question {en, nl, fr}, ...)"
    )


class StatusSerializer(serializers.Serializer[Any]):
    status = serializers.CharField()
    motivation = serializers.CharField(required=False, allow_blank=True, default="")
