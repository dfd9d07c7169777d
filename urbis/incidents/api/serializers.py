"""Serializers of the incidents API: they parse and shape; services and layers decide."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from urbis.core.models import Area
from urbis.core.tabular import FORMULA_STARTS
from urbis.incidents import conf
from urbis.incidents.models import Category, CocoonWatch, ImportRun, Incident, KnoxRun, Precision
from urbis.incidents.selectors import Filters


class SafeSlugRelatedField(serializers.SlugRelatedField[Any]):
    """A slug look-up that refuses NUL bytes before the database sees them (PostgreSQL text
    cannot hold them: a 400, never a 500)."""

    def to_internal_value(self, data: Any) -> Any:
        if "\x00" in str(data):
            raise serializers.ValidationError(_("Not a valid value."))
        return super().to_internal_value(data)


class CategorySerializer(serializers.ModelSerializer[Category]):
    class Meta:
        model = Category
        fields = [
            "code",
            "label_nl",
            "label_fr",
            "label_en",
            "family",
            "dwelling",
            "triggers_cocoon",
        ]


class IncidentSerializer(serializers.ModelSerializer[Incident]):
    category = SafeSlugRelatedField(
        slug_field="code", queryset=Category.objects.filter(is_active=True)
    )
    area: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    reference = serializers.CharField(max_length=100)
    lat = serializers.FloatField(min_value=-90, max_value=90)
    lon = serializers.FloatField(min_value=-180, max_value=180)
    precision = serializers.ChoiceField(choices=Precision.choices, default=Precision.EXACT)
    occurred_to = serializers.DateTimeField(required=False)

    class Meta:
        model = Incident
        fields = [
            "id",
            "reference",
            "category",
            "occurred_from",
            "occurred_to",
            "lat",
            "lon",
            "precision",
            "area",
            "source",
            "is_synthetic",
        ]
        read_only_fields = ["id", "area", "source", "is_synthetic"]

    def validate_reference(self, value: str) -> str:
        value = value.strip()
        if not value or value.startswith(FORMULA_STARTS) or "\x00" in value:
            raise serializers.ValidationError(_("Not a valid reference."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs.setdefault("occurred_to", attrs.get("occurred_from"))
        return attrs


class FilterSerializer(serializers.Serializer[Any]):
    category = serializers.CharField(
        required=False, max_length=400, help_text="comma-separated category codes"
    )
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    area = SafeSlugRelatedField(slug_field="code", queryset=Area.objects.all(), required=False)
    weekday = serializers.CharField(
        required=False, max_length=40, help_text="comma-separated, 0 = Monday"
    )
    hour = serializers.CharField(
        required=False, max_length=100, help_text="comma-separated hours 0-23"
    )

    @staticmethod
    def _ints(text: str, top: int, field: str) -> tuple[int, ...]:
        try:
            values = tuple(int(v) for v in text.split(",") if v.strip())
        except ValueError:
            raise serializers.ValidationError(
                {field: [_("Comma-separated whole numbers.")]}
            ) from None
        if any(not 0 <= v <= top for v in values):
            raise serializers.ValidationError({field: [_("Out of range.")]})
        return values

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("start") and attrs.get("end") and attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": [_("The end lies before the start.")]})
        for name in ("category", "weekday", "hour"):
            if "\x00" in attrs.get(name, ""):
                raise serializers.ValidationError({name: [_("Not a valid value.")]})
        return attrs

    def filters(self) -> Filters:
        data = self.validated_data
        codes = tuple(c.strip() for c in data.get("category", "").split(",") if c.strip())
        area = data.get("area")
        return Filters(
            categories=codes,
            start=data.get("start"),
            end=data.get("end"),
            area=area.pk if isinstance(area, Area) else None,
            weekdays=self._ints(data.get("weekday", ""), 6, "weekday"),
            hours=self._ints(data.get("hour", ""), 23, "hour"),
        )


class LayerParamsSerializer(FilterSerializer):
    cell = serializers.IntegerField(required=False, min_value=25, max_value=2000, default=100)
    bandwidth = serializers.IntegerField(required=False, min_value=25, max_value=5000, default=300)
    per = serializers.ChoiceField(
        choices=["inhabitants", "dwellings"], required=False, default="inhabitants"
    )
    at = serializers.DateField(required=False)


class LayerSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField()
    n_events = serializers.IntegerField(required=False)
    grid = serializers.DictField(required=False)
    geojson = serializers.DictField()
    backtest = serializers.DictField(required=False, allow_null=True)
    cached = serializers.BooleanField()


class ImportRequestSerializer(serializers.Serializer[Any]):
    file = serializers.FileField()
    crs = serializers.CharField(required=False, max_length=20, default="")
    source_name = serializers.CharField(required=False, max_length=60, default="")
    all_or_nothing = serializers.BooleanField(required=False, default=False)

    def validate_file(self, value: Any) -> Any:
        if value.size > int(conf.get("URBIS_INCIDENTS_MAX_BYTES")):
            raise serializers.ValidationError(_("The file is too large."))
        return value


class ImportRunSerializer(serializers.ModelSerializer[ImportRun]):
    class Meta:
        model = ImportRun
        fields = [
            "id",
            "filename",
            "status",
            "total_rows",
            "processed_rows",
            "imported",
            "updated",
            "unchanged",
            "rejected",
            "rejections",
            "message",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class KnoxRequestSerializer(serializers.Serializer[Any]):
    category = SafeSlugRelatedField(
        slug_field="code", queryset=Category.objects.filter(is_active=True)
    )
    start = serializers.DateField()
    end = serializers.DateField()
    space_breaks = serializers.ListField(
        child=serializers.FloatField(min_value=0, max_value=100_000),
        min_length=2,
        max_length=21,
        required=False,
    )
    time_breaks = serializers.ListField(
        child=serializers.FloatField(min_value=0, max_value=3650),
        min_length=2,
        max_length=21,
        required=False,
    )
    metric = serializers.ChoiceField(choices=["manhattan", "euclidean"], default="manhattan")
    permutations = serializers.IntegerField(min_value=19, max_value=999, default=99)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for name in ("space_breaks", "time_breaks"):
            values = attrs.get(name)
            if values is not None and (values[0] != 0 or any(b <= a for a, b in pairwise(values))):
                raise serializers.ValidationError({name: [_("Must start at 0 and increase.")]})
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": [_("The end lies before the start.")]})
        return attrs


class KnoxRunSerializer(serializers.ModelSerializer[KnoxRun]):
    category: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = KnoxRun
        fields = [
            "id",
            "category",
            "period_start",
            "period_end",
            "parameters",
            "result",
            "n_events",
            "excluded_windows",
            "created_at",
        ]
        read_only_fields = fields


class CocoonWatchSerializer(serializers.ModelSerializer[CocoonWatch]):
    incident: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="reference", read_only=True
    )

    class Meta:
        model = CocoonWatch
        fields = [
            "id",
            "incident",
            "basis",
            "knox_run",
            "radius_m",
            "days",
            "starts_on",
            "ends_on",
            "address_count",
            "status",
            "letters_sent_at",
            "letters_count",
        ]
        read_only_fields = fields


class AreaCountSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField(
        allow_null=True, help_text="null: fewer than the minimum cell size (suppressed)"
    )
    suppressed = serializers.BooleanField()
