"""Staff API of the incidents app: incidents, import, layers, near repeats, cocoon watch, and
area counts with small-cell suppression (the public form of the figures)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from urbis.core.api.permissions import roles_required
from urbis.core.models import Area
from urbis.core.permissions import STAFF_ROLES
from urbis.incidents import conf, layers, rules, selectors
from urbis.incidents.api.filters import IncidentFilter
from urbis.incidents.api.serializers import (
    AreaCountSerializer,
    CocoonWatchSerializer,
    FilterSerializer,
    ImportRequestSerializer,
    ImportRunSerializer,
    IncidentSerializer,
    KnoxRequestSerializer,
    KnoxRunSerializer,
    LayerParamsSerializer,
    LayerSerializer,
)
from urbis.incidents.permissions import COCOON_ROLES, IMPORT_ROLES, LETTER_ROLES, WORKBENCH_ROLES
from urbis.incidents.services import cocoon, runs

Workbench = roles_required(*WORKBENCH_ROLES)


def _filters(request: Request) -> selectors.Filters:
    serializer = FilterSerializer(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.filters()


class IncidentList(generics.ListCreateAPIView):
    """Incidents (no victim identity), filtered; POST records one (a burglary proposes its
    cocoon watch)."""

    serializer_class = IncidentSerializer
    permission_classes = [Workbench]
    filterset_class = IncidentFilter

    def get_queryset(self):
        return (
            selectors.incidents_for(self.request.user)
            .select_related("category", "area")
            .order_by("-occurred_from", "pk")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = IncidentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        incident = cocoon.incident_record(
            actor=request.user,
            reference=data["reference"],
            category=data["category"],
            occurred_from=data["occurred_from"],
            occurred_to=data["occurred_to"],
            lat=data["lat"],
            lon=data["lon"],
            precision=data["precision"],
            source="api",
        )
        return Response(IncidentSerializer(incident).data, status=status.HTTP_201_CREATED)


class IncidentDetail(generics.RetrieveAPIView):
    serializer_class = IncidentSerializer
    permission_classes = [Workbench]

    def get_queryset(self):
        return selectors.incidents_for(self.request.user).select_related("category", "area")


class ImportCreate(APIView):
    """Queue an import of a police export (CSV/XLSX); poll the run for progress and rejections."""

    permission_classes = [roles_required(*IMPORT_ROLES)]
    parser_classes = [MultiPartParser]

    @extend_schema(request=ImportRequestSerializer, responses={202: ImportRunSerializer})
    def post(self, request: Request) -> Response:
        serializer = ImportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        run = runs.import_run_create(
            actor=request.user,
            data=data["file"].read(),
            filename=data["file"].name or "upload.csv",
            crs=data["crs"],
            source=data["source_name"],
            all_or_nothing=data["all_or_nothing"],
        )
        return Response(ImportRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class ImportDetail(generics.RetrieveAPIView):
    serializer_class = ImportRunSerializer
    permission_classes = [roles_required(*IMPORT_ROLES)]

    def get_queryset(self):
        return selectors.import_runs_for(self.request.user)


class LayerView(APIView):
    """A map layer as GeoJSON (WGS84) from the kernels: kde, gistar, choropleth, forecast."""

    permission_classes = [Workbench]

    @extend_schema(
        parameters=[
            LayerParamsSerializer,
            OpenApiParameter(
                "kind", str, OpenApiParameter.PATH, enum=["kde", "gistar", "choropleth", "forecast"]
            ),
        ],
        responses=LayerSerializer,
    )
    def get(self, request: Request, kind: str) -> Response:
        from rest_framework.exceptions import NotFound, ValidationError

        if kind not in ("kde", "gistar", "choropleth", "forecast"):
            raise NotFound()
        serializer = LayerParamsSerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        filters, p = serializer.filters(), serializer.validated_data
        try:
            if kind == "kde":
                data, hit = layers.kde_layer(
                    request.user, filters, cell_size=p["cell"], bandwidth=p["bandwidth"]
                )
            elif kind == "gistar":
                data, hit = layers.gistar_layer(request.user, filters, cell_size=p["cell"])
            elif kind == "choropleth":
                data, hit = layers.choropleth_layer(request.user, filters, per=p["per"])
            else:
                data, hit = layers.forecast_layer(
                    request.user, filters, at=p.get("at"), cell_size=p["cell"]
                )
        except ValueError as error:
            raise ValidationError({"cell": [str(error)]}) from None
        body = {k: v for k, v in data.items() if k in ("n_events", "grid", "geojson", "backtest")}
        return Response({"kind": kind, "cached": hit, **body})


class NearRepeatList(APIView):
    """Knox runs of the city (GET) and a new run (POST, at most 999 permutations)."""

    permission_classes = [Workbench]

    @extend_schema(responses=KnoxRunSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(
            KnoxRunSerializer(selectors.knox_runs_for(request.user)[:50], many=True).data
        )

    @extend_schema(request=KnoxRequestSerializer, responses={201: KnoxRunSerializer})
    def post(self, request: Request) -> Response:
        serializer = KnoxRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        run = cocoon.knox_run_create(
            actor=request.user,
            category=data["category"],
            period_start=data["start"],
            period_end=data["end"],
            space_breaks=data.get("space_breaks"),
            time_breaks=data.get("time_breaks"),
            metric=data["metric"],
            permutations=data["permutations"],
        )
        return Response(KnoxRunSerializer(run).data, status=status.HTTP_201_CREATED)


class CocoonList(generics.ListAPIView):
    serializer_class = CocoonWatchSerializer
    permission_classes = [roles_required(*COCOON_ROLES)]

    def get_queryset(self):
        return selectors.watches_for(self.request.user).order_by("-created_at", "-pk")


class CocoonDetail(generics.RetrieveAPIView):
    serializer_class = CocoonWatchSerializer
    permission_classes = [roles_required(*COCOON_ROLES)]

    def get_queryset(self):
        return selectors.watches_for(self.request.user)


class CocoonLettersSent(APIView):
    """Record that the neighbours' letters went out (prevention service only)."""

    permission_classes = [roles_required(*LETTER_ROLES)]

    @extend_schema(request=None, responses=CocoonWatchSerializer)
    def post(self, request: Request, pk: int) -> Response:
        watch = get_object_or_404(selectors.watches_for(request.user), pk=pk)
        return Response(
            CocoonWatchSerializer(cocoon.letters_sent(actor=request.user, watch=watch)).data
        )


class AreaCounts(APIView):
    """Incidents per area: the public form of the figures, small cells suppressed
    (counts from 1 to URBIS_INCIDENTS_MIN_CELL − 1 are withheld, never rounded)."""

    permission_classes = [roles_required(*STAFF_ROLES)]

    @extend_schema(parameters=[FilterSerializer], responses=AreaCountSerializer(many=True))
    def get(self, request: Request) -> Response:
        filters = _filters(request)
        # Counts are not personal data; every staff role may see the suppressed figures.
        base = selectors.incidents_for_counts(request.user, filters)
        counts = dict(
            base.exclude(area__isnull=True)
            .values_list("area_id")
            .annotate(n=Count("pk"))
            .values_list("area_id", "n")
        )
        minimum = int(conf.get("URBIS_INCIDENTS_MIN_CELL"))
        kind = str(conf.get("URBIS_INCIDENTS_AREA_KIND"))
        rows = []
        for area in Area.objects.filter(kind=kind):
            shown = rules.suppress(counts.get(area.pk, 0), minimum)
            rows.append(
                {"code": area.code, "name": area.name, "count": shown, "suppressed": shown is None}
            )
        return Response(AreaCountSerializer(rows, many=True).data)
