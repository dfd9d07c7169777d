"""Plan API: actions (with partners and Bjørgo mechanisms) and indicators (with targets)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from urbis.core.api.permissions import roles_by_method
from urbis.core.models import Area, Organisation
from urbis.core.permissions import STAFF_ROLES
from urbis.plan import selectors, services
from urbis.plan.api.filters import ActionFilter
from urbis.plan.bjorgo import Mechanism
from urbis.plan.models import (
    Action,
    Indicator,
    MechanismStrength,
    Objective,
    ObjectiveLevel,
    PartnerRole,
)
from urbis.plan.permissions import EDIT_ROLES, READ_ROLES


class MechanismSerializer(serializers.Serializer[Any]):
    mechanism = serializers.ChoiceField(choices=Mechanism.choices)
    rationale = serializers.CharField()
    strength = serializers.ChoiceField(
        choices=MechanismStrength.choices, default=MechanismStrength.PRIMARY
    )


class PartnerSerializer(serializers.Serializer[Any]):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    role = serializers.ChoiceField(choices=PartnerRole.choices)


class ActionSerializer(serializers.ModelSerializer[Action]):
    objective = serializers.PrimaryKeyRelatedField(
        queryset=Objective.objects.filter(level=ObjectiveLevel.OPERATIONAL)
    )
    owner = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    mechanisms = MechanismSerializer(many=True, required=False)
    partners = PartnerSerializer(many=True, required=False)
    areas = serializers.PrimaryKeyRelatedField(
        queryset=Area.objects.all(), many=True, required=False
    )

    class Meta:
        model = Action
        fields = [
            "id",
            "objective",
            "title",
            "description",
            "status",
            "start",
            "end",
            "owner",
            "budget",
            "funding_source",
            "target_groups",
            "mechanisms",
            "partners",
            "areas",
        ]

    def to_representation(self, action: Action) -> dict[str, Any]:
        data = super().to_representation(action)
        data["mechanisms"] = [
            {"mechanism": m.mechanism, "rationale": m.rationale, "strength": m.strength}
            for m in action.mechanisms.all()
        ]
        data["partners"] = [
            {"organisation": p.organisation_id, "name": p.organisation.name, "role": p.role}
            for p in action.partners.select_related("organisation")
        ]
        return data


class ActionList(generics.GenericAPIView):
    """Actions the caller may see (partners see their organisation's); coordinators add."""

    permission_classes = [roles_by_method(STAFF_ROLES, POST=EDIT_ROLES)]
    serializer_class = ActionSerializer
    filterset_class = ActionFilter
    pagination_class = None

    def get_queryset(self):
        return (
            selectors.actions_for(self.request.user)
            .select_related("owner")
            .prefetch_related("mechanisms")
            .order_by("pk")
        )

    @extend_schema(responses={200: ActionSerializer(many=True)})
    def get(self, request: Request) -> Response:
        actions = self.filter_queryset(self.get_queryset())
        return Response(ActionSerializer(actions, many=True).data)

    @extend_schema(request=ActionSerializer, responses={201: ActionSerializer})
    def post(self, request: Request) -> Response:
        serializer = ActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        tags = [services.MechanismTag(**tag) for tag in data.pop("mechanisms", [])]
        partners = [(p["organisation"], p["role"]) for p in data.pop("partners", [])]
        if not any(role == "lead" for _o, role in partners):
            partners.insert(0, (data["owner"], "lead"))
        # A service's Django ValidationError becomes a 400 in the API error handler.
        action = services.action_create(
            actor=request.user, mechanisms=tags, partners=partners, **data
        )
        return Response(ActionSerializer(action).data, status=status.HTTP_201_CREATED)


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    targets = serializers.DictField(
        child=serializers.DecimalField(max_digits=14, decimal_places=4),
        required=False,
        write_only=True,
        help_text="Target value per year, e.g. {'2027': '4.5'}.",
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "objective",
            "code",
            "name",
            "kind",
            "definition",
            "unit",
            "population_base",
            "direction",
            "baseline",
            "baseline_year",
            "data_source",
            "frequency",
            "minimum",
            "maximum",
            "targets",
        ]

    def validate_targets(self, value: dict[str, Any]) -> dict[int, Any]:
        years: dict[int, Any] = {}
        for key, target in value.items():
            if not str(key).isdigit() or not 1990 <= int(key) <= 2100:
                raise serializers.ValidationError(f"{key!r} is not a year.")
            years[int(key)] = target
        return years

    def to_representation(self, indicator: Indicator) -> dict[str, Any]:
        data = super().to_representation(indicator)
        data["targets"] = {str(t.year): str(t.value) for t in indicator.targets.all()}
        return data


class IndicatorList(APIView):
    """The plan's indicators with their yearly targets; coordinators add indicators."""

    permission_classes = [roles_by_method(READ_ROLES, POST=EDIT_ROLES)]

    @extend_schema(responses={200: IndicatorSerializer(many=True)})
    def get(self, request: Request) -> Response:
        indicators = Indicator.objects.prefetch_related("targets").order_by("code")
        return Response(IndicatorSerializer(indicators, many=True).data)

    @extend_schema(request=IndicatorSerializer, responses={201: IndicatorSerializer})
    def post(self, request: Request) -> Response:
        serializer = IndicatorSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        targets = data.pop("targets", {})
        indicator = services.indicator_create(actor=request.user, targets=targets, **data)
        return Response(IndicatorSerializer(indicator).data, status=status.HTTP_201_CREATED)
