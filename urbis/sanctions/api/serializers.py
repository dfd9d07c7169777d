"""GAS API serializers: intake payload in, cases with deadlines and allowed steps out."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from urbis.core.validators import (
    SMALLINT_MAX,
    validate_birth_date,
    validate_past_date,
    validate_planned_date,
)
from urbis.sanctions import labels, timelimits
from urbis.sanctions.models import Case
from urbis.sanctions.models.cases import AscertainerKind
from urbis.sanctions.models.parties import Language, OffenderKind
from urbis.sanctions.rules import workflow
from urbis.sanctions.rules.workflow import Action
from urbis.sanctions.selectors import mediators as selectors_mediators


class GuardianSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200)
    street = serializers.CharField(max_length=200, required=False, default="")
    postcode = serializers.CharField(max_length=10, required=False, default="")
    city = serializers.CharField(max_length=100, required=False, default="")


class OffenderSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=OffenderKind.choices)
    name = serializers.CharField(max_length=200)
    first_name = serializers.CharField(max_length=100, required=False, default="")
    national_number = serializers.CharField(max_length=20, required=False, default="")
    enterprise_number = serializers.CharField(max_length=20, required=False, default="")
    birth_date = serializers.DateField(
        required=False, allow_null=True, default=None, validators=[validate_birth_date]
    )
    street = serializers.CharField(max_length=200, required=False, default="")
    postcode = serializers.CharField(max_length=10, required=False, default="")
    city = serializers.CharField(max_length=100, required=False, default="")
    country = serializers.CharField(max_length=2, required=False, default="BE")
    language = serializers.ChoiceField(choices=Language.choices, required=False, default="nl")
    email = serializers.EmailField(required=False, default="")
    guardians = GuardianSerializer(many=True, required=False, default=list, max_length=10)  # type: ignore[call-arg]
    # The national number belongs to someone on file under another name: true only when the
    # caller confirms it is that person (a 400 names the person on file otherwise).
    same_person = serializers.BooleanField(required=False, default=False)


class AscertainmentSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=AscertainerKind.choices)
    reference = serializers.CharField(max_length=60)
    article_code = serializers.CharField(max_length=40)
    offence_at = serializers.DateTimeField(validators=[validate_past_date])
    ascertained_on = serializers.DateField(validators=[validate_past_date])
    received_on = serializers.DateField(validators=[validate_past_date])
    description = serializers.CharField(max_length=10000)
    address = serializers.CharField(max_length=200, required=False, default="")
    lat = serializers.FloatField(
        required=False, allow_null=True, default=None, min_value=-90, max_value=90
    )
    lon = serializers.FloatField(
        required=False, allow_null=True, default=None, min_value=-180, max_value=180
    )
    plate = serializers.CharField(max_length=20, required=False, default="")
    speed_limit = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=SMALLINT_MAX
    )
    measured_speed = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=SMALLINT_MAX
    )
    built_up_area = serializers.BooleanField(required=False, default=True)
    municipal_device = serializers.BooleanField(required=False, default=True)
    other_offence = serializers.BooleanField(required=False, default=False)
    driver_identified = serializers.BooleanField(required=False, default=False)
    driver_name = serializers.CharField(max_length=200, required=False, default="")
    officer = serializers.CharField(max_length=120, required=False, default="")
    offender = OffenderSerializer()


#: Every action of the workflow table (the GasActionEnum of the OpenAPI schema).
ACTION_CHOICES = [(a.value, labels.ACTION[a.value]) for a in Action]


class TransitionSerializer(serializers.Serializer[Any]):
    action = serializers.ChoiceField(choices=ACTION_CHOICES)
    on = serializers.DateField(
        required=False, allow_null=True, default=None, validators=[validate_planned_date]
    )
    amount = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        default=None,
    )
    motivation = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=10000
    )
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)
    mediator = serializers.PrimaryKeyRelatedField(
        queryset=selectors_mediators(), required=False, allow_null=True, default=None
    )


class CaseSerializer(serializers.ModelSerializer[Case]):
    article = serializers.CharField(source="ascertainment.article.code")
    reference = serializers.CharField(source="ascertainment.reference")
    offender = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    letters = serializers.SerializerMethodField()
    hearings = serializers.SerializerMethodField()
    appeals = serializers.SerializerMethodField()
    community_services = serializers.SerializerMethodField()
    limitation_events = serializers.SerializerMethodField()
    lawyer = serializers.SerializerMethodField()
    repeat_of = serializers.CharField(source="repeat_of.number", default=None, allow_null=True)

    class Meta:
        model = Case
        fields = [
            "number",
            "procedure",
            "minor",
            "status",
            "outcome",
            "amount",
            "payment_reference",
            "article",
            "reference",
            "offender",
            "repeat_of",
            "deadlines",
            "allowed_transitions",
            "history",
            "letters",
            "hearings",
            "appeals",
            "community_services",
            "limitation_events",
            "lawyer",
            "payment_terms_agreed",
            "payment_terms_agreed_on",
            "payment_terms",
        ]

    def get_offender(self, case: Case) -> dict[str, Any]:
        o = case.ascertainment.offender
        return {"name": str(o), "kind": o.kind, "language": o.language}

    def get_deadlines(self, case: Case) -> list[dict[str, Any]]:
        return [
            {
                "code": d.code.value,
                "due": d.due.isoformat(),
                "legal_basis": d.legal_basis,
                "fatal": d.fatal,
                "alert_on": d.alert_on.isoformat() if d.alert_on else None,
                "escalate_on": d.escalate_on.isoformat() if d.escalate_on else None,
            }
            for d in timelimits.deadlines_of(case)
        ]

    def get_allowed_transitions(self, case: Case) -> list[dict[str, str]]:
        return [
            {
                "action": e.action.value,
                "to": e.target_from(case.status).value,
                "legal_basis": e.legal_basis,
            }
            for e in workflow.allowed(case.status, case.procedure, minor=case.minor)
        ]

    def get_history(self, case: Case) -> list[dict[str, Any]]:
        return [
            {
                "at": h.at.isoformat(),
                "action": h.action,
                "from": h.from_status,
                "to": h.to_status,
                "legal_basis": h.legal_basis,
            }
            for h in case.history.all()
        ]

    def get_letters(self, case: Case) -> list[dict[str, Any]]:
        return [
            {
                "id": letter.pk,
                "kind": letter.kind,
                "language": letter.language,
                "registered": letter.registered,
                "addressee": letter.addressee,
                "addressee_role": letter.addressee_role,
                "sent_on": letter.created_at.date().isoformat(),
                "received_on": letter.received_on.isoformat() if letter.received_on else None,
            }
            for letter in case.letters.defer("content")
        ]

    def get_hearings(self, case: Case) -> list[dict[str, Any]]:
        return [
            {
                "id": h.pk,
                "at": h.at.isoformat(),
                "place": h.place,
                "held": h.held,
                "waived": h.waived,
            }
            for h in case.hearings.order_by("at")
        ]

    def get_appeals(self, case: Case) -> list[dict[str, Any]]:
        return [
            {
                "court": a.court,
                "lodged_on": a.lodged_on.isoformat(),
                "reference": a.reference,
                "judgment": a.judgment,
                "judgment_on": a.judgment_on.isoformat() if a.judgment_on else None,
                "new_amount": str(a.new_amount) if a.new_amount is not None else None,
            }
            for a in case.appeals.order_by("lodged_on")
        ]

    def get_community_services(self, case: Case) -> list[dict[str, Any]]:
        return [
            {
                "hours": c.hours,
                "provider": c.provider,
                "agreed_on": c.agreed_on.isoformat(),
                "performed": c.performed,
                "outcome_on": c.outcome_on.isoformat() if c.outcome_on else None,
            }
            for c in case.community_services.all()
        ]

    def get_limitation_events(self, case: Case) -> list[dict[str, Any]]:
        return [
            {
                "kind": e.kind,
                "on": e.on.isoformat(),
                "until": e.until.isoformat() if e.until else None,
                "ground": e.ground,
            }
            for e in case.limitation_events.all()
        ]

    def get_lawyer(self, case: Case) -> dict[str, Any] | None:
        if not case.lawyer_name:
            return None
        return {"name": case.lawyer_name, "address": case.lawyer_address_lines}


class CaseListSerializer(serializers.ModelSerializer[Case]):
    article = serializers.CharField(source="ascertainment.article.code")

    class Meta:
        model = Case
        fields = ["number", "procedure", "minor", "status", "outcome", "amount", "article"]
