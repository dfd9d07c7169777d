"""Staff API shapes: no reporter contact details in lists; the detail adds them for the
public-space role (access-logged by the selector)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from urbis.reports.models import Report, Status
from urbis.reports.rules.text import MAX_DESCRIPTION


class ReportSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.code", read_only=True)
    category_name = serializers.SerializerMethodField()
    category_version = serializers.IntegerField(source="category_version.version", read_only=True)
    team = serializers.SerializerMethodField()
    area = serializers.SerializerMethodField()
    gas_case_status = serializers.SerializerMethodField(
        help_text="The GAS case's live status, read from sanctions (ADR 0002); the status at "
        "hand-off when the case cannot be read."
    )
    gas_case_status_label = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "category",
            "category_name",
            "category_version",
            "status",
            "description",
            "lat",
            "lon",
            "address",
            "area",
            "source",
            "team",
            "assignee",
            "created_at",
            "updated_at",
            "due_on",
            "closed_at",
            "duplicate_of",
            "forwarded_to",
            "gas_case_number",
            "gas_case_status",
            "gas_case_status_label",
        ]
        read_only_fields = fields

    def _gas(self, report: Report) -> Any:
        return self.context.get("gas_cases", {}).get(report.gas_case_number)

    def get_gas_case_status(self, report: Report) -> str:
        live = self._gas(report)
        return live.status if live is not None else report.gas_case_status

    def get_gas_case_status_label(self, report: Report) -> str:
        live = self._gas(report)
        return live.label if live is not None else ""

    def get_category_name(self, report: Report) -> str:
        return report.category_version.name

    def get_team(self, report: Report) -> str | None:
        return report.team.code if report.team else None

    def get_area(self, report: Report) -> str | None:
        return report.area.code if report.area else None


class ReporterSerializer(serializers.Serializer):
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    original = serializers.BooleanField()


class ReportDetailSerializer(ReportSerializer):
    reporters = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "attributes", "reporters", "history"]
        read_only_fields = fields

    def get_reporters(self, report: Report) -> list[dict[str, Any]]:
        rows = self.context.get("reporters", [])
        return ReporterSerializer(rows, many=True).data  # type: ignore[return-value]

    def get_history(self, report: Report) -> list[dict[str, Any]]:
        return [
            {
                "at": c.at.isoformat(),
                "from": c.from_status,
                "to": c.to_status,
                "by": c.by,
                "text": c.text,
            }
            for c in report.status_changes.all()
        ]


class ReportTransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    text = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    internal_note = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    forwarded_to = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    duplicate_of = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**31 - 1, default=None
    )


class ReportAssignSerializer(serializers.Serializer):
    team = serializers.SlugField(max_length=40)
    assignee = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**31 - 1, default=None
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ReportWorklistQuerySerializer(serializers.Serializer):
    team = serializers.CharField(max_length=40, required=False, default="")
    category = serializers.CharField(max_length=40, required=False, default="")
    area = serializers.CharField(max_length=40, required=False, default="")
    status = serializers.CharField(max_length=20, required=False, default="")
    assignee = serializers.CharField(max_length=12, required=False, default="")
    source = serializers.CharField(max_length=10, required=False, default="")  # type: ignore[assignment]
    overdue = serializers.BooleanField(required=False, default=False)
    sort = serializers.ChoiceField(
        choices=["-created_at", "created_at", "due_on", "-due_on", "status"],
        required=False,
        default="-created_at",
    )


_ = MAX_DESCRIPTION
