"""Reads of the CPTED module; each takes the user and returns only what the user may see."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from urbis.core import nearby
from urbis.core.audit import log_access
from urbis.core.models import Area
from urbis.core.roles import has_role
from urbis.core.types import Actor
from urbis.cpted import advice, scoring
from urbis.cpted.models import (
    Assessment,
    AssessmentStatus,
    ChecklistTemplate,
    InvestmentProject,
    Outcome,
    Photo,
    Recommendation,
    RecommendationStatus,
    RequirementLevel,
    Triage,
    TriageFlow,
)
from urbis.cpted.models.projects import PHASE_ORDER
from urbis.cpted.permissions import ALL_PROJECT_ROLES, COORDINATE_ROLES, READ_ROLES


def projects_for(user: Any) -> QuerySet[InvestmentProject]:
    """Advisors and the coordinator see every project; a planner sees the projects they lead
    or that their department owns."""
    base = InvestmentProject.objects.select_related("department", "project_leader")
    if has_role(user, *ALL_PROJECT_ROLES):
        return base
    if not has_role(user, *READ_ROLES):
        return base.none()
    own = Q(project_leader=user) | Q(created_by=user)
    if getattr(user, "organisation_id", None):
        own |= Q(department_id=user.organisation_id)
    return base.filter(own)


def checklist_templates_for(user: Any) -> QuerySet[ChecklistTemplate]:
    """Checklist templates with their item count, newest version first per code; the
    coordinator and the advisors manage them."""
    if not has_role(user, *COORDINATE_ROLES):
        return ChecklistTemplate.objects.none()
    return ChecklistTemplate.objects.annotate(item_count=Count("items")).order_by(
        "code", "-created_at", "-pk"
    )


def assessments_for(user: Any) -> QuerySet[Assessment]:
    return Assessment.objects.filter(project__in=projects_for(user)).select_related(
        "project", "template", "advisor"
    )


def assessment_get(*, user: Actor, assessment_id: int, purpose: str) -> Assessment:
    """One assessment the user may see (else Http404), access-logged: it names the site-visit
    participants and who signed it off, and its report and photos may show people."""
    assessment = get_object_or_404(assessments_for(user), pk=assessment_id)
    log_access(user=user, target=assessment, purpose=purpose)
    return assessment


def photo_get(*, user: Actor, photo_id: int, purpose: str) -> Photo:
    """A rating's photo (it may show people), access-logged."""
    photo = get_object_or_404(
        Photo.objects.filter(rating__assessment__in=assessments_for(user)), pk=photo_id
    )
    log_access(user=user, target=photo, purpose=purpose)
    return photo


def recommendations_for(user: Any) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(project__in=projects_for(user)).select_related(
        "project", "department", "item"
    )


def flows_for(user: Any) -> QuerySet[TriageFlow]:
    if not has_role(user, *READ_ROLES):
        return TriageFlow.objects.none()
    return TriageFlow.objects.all()


def flow_current(user: Actor) -> TriageFlow | None:
    """The flow in use (the latest version), or None before any is installed. A read never
    installs one: migration 0005 does (and ``services.cpted_defaults_install`` re-seeds)."""
    return flows_for(user).order_by("-created_at", "-pk").first()


def scored_ratings(assessment: Assessment) -> list[scoring.ScoredRating]:
    """Every (item, zone) of the assessment, rated or not, as input for :func:`scoring.score`."""
    ratings = {(r.item_id, r.zone_id): r for r in assessment.ratings.select_related("item", "zone")}
    rows = []
    for zone in assessment.zones.all():
        for item in assessment.template.items.all():
            rating = ratings.get((item.pk, zone.pk))
            rows.append(
                scoring.ScoredRating(
                    item_code=item.code,
                    strategy=item.strategy,
                    zone=zone.name,
                    scale=item.scale,
                    value=rating.value if rating else None,
                    not_applicable=bool(rating and rating.not_applicable),
                    not_observable=bool(rating and rating.not_observable),
                    critical=item.critical,
                    weight=float(item.weight),
                )
            )
    return rows


def scorecard(assessment: Assessment) -> scoring.Scorecard:
    """The assessment's scores per strategy and zone, with coverage and red flags."""
    return scoring.score(scored_ratings(assessment))


def open_mandatory_advice(project: InvestmentProject) -> list[Recommendation]:
    return list(
        project.recommendations.filter(
            requirement=RequirementLevel.MANDATORY, status__in=advice.UNRESOLVED
        )
    )


@dataclass(frozen=True)
class ContextCount:
    label: str
    count: int


def crime_context(project: InvestmentProject, today: dt.date | None = None) -> list[ContextCount]:
    """Counts of located events near the site over the last year, from every app that
    publishes them (urbis.core.nearby); empty when the site has no location or no app does."""
    if project.lat is None or project.lon is None:
        return []
    end = today or timezone.localdate()
    start = end - dt.timedelta(days=365)
    radius = settings.URBIS_CPTED_CONTEXT_RADIUS_M
    return [
        ContextCount(str(c.label), c.count)
        for c in nearby.counts_near(project.lat, project.lon, radius, start, end)
    ]


@dataclass
class Portfolio:
    projects: int = 0
    triaged: int = 0
    by_outcome: dict[str, int] = field(default_factory=dict)
    qualifying: int = 0
    checked_in_time: int = 0
    late: list[InvestmentProject] = field(default_factory=list)
    open_by_department: list[tuple[str, int, int]] = field(default_factory=list)
    days_triage_to_report: float | None = None
    reports: int = 0


def portfolio(user: Any) -> Portfolio:
    """The dashboard: projects triaged, qualifying projects checked before their final design,
    open advice per department, and the median time from triage to the completed report."""
    projects = list(projects_for(user).prefetch_related("triages", "assessments"))
    result = Portfolio(projects=len(projects))
    durations = []
    final = PHASE_ORDER.index("final_design")
    for project in projects:
        triages = sorted(project.triages.all(), key=lambda t: (t.decided_at, t.pk))
        if not triages:
            continue
        result.triaged += 1
        latest = triages[-1]
        result.by_outcome[latest.outcome] = result.by_outcome.get(latest.outcome, 0) + 1
        if latest.outcome not in (Outcome.FULL_CHECK, Outcome.SPECIALIST):
            continue
        result.qualifying += 1
        completed = sorted(
            a.completed_at
            for a in project.assessments.all()
            if a.status == AssessmentStatus.COMPLETED and a.completed_at
        )
        approved = project.final_design_approved_at
        if completed and (approved is None or completed[0] <= approved):
            result.checked_in_time += 1
        elif PHASE_ORDER.index(project.phase) > final:
            result.late.append(project)
        if completed:
            result.reports += 1
            durations.append((completed[0] - triages[0].decided_at).total_seconds() / 86400)
    if durations:
        result.days_triage_to_report = round(statistics.median(durations), 1)
    rows = (
        recommendations_for(user)
        .values("department__name")
        .annotate(
            open=Count("pk", filter=Q(status=RecommendationStatus.OPEN)),
            mandatory=Count(
                "pk", filter=Q(status=RecommendationStatus.OPEN, requirement="mandatory")
            ),
        )
        .filter(open__gt=0)
        .order_by("-open", "department__name")
    )
    result.open_by_department = [(r["department__name"], r["open"], r["mandatory"]) for r in rows]
    return result


def latest_triage(project: InvestmentProject) -> Triage | None:
    return project.triages.select_related("flow", "decided_by").first()


# Project fields that answer questions of the default flow (domain/cpted.md §5.1 ids).
TYPE_TO_T1 = {"public_building": "community"}


def suggested_answers(project: InvestmentProject) -> dict[str, Any]:
    """Answers the project's own data already give (the planner confirms them)."""
    return {
        "T1": [TYPE_TO_T1.get(project.project_type, project.project_type)],
        "T4": project.dwellings,
        "T5": float(project.floor_area),
        "T6": project.parking_spaces,
        "T7": project.night_time_uses or project.licensed_uses,
        "T8": project.vulnerable_users,
    }


def areas_around(
    south: float, west: float, north: float, east: float
) -> list[tuple[str, dict[str, Any]]]:
    """(name, GeoJSON geometry) of the city's areas whose bounding box meets the given one, for
    the report's site map (areas are not personal data); smallest kind last so it draws on top."""
    rows = list(
        Area.objects.filter(
            min_lat__lte=north, max_lat__gte=south, min_lon__lte=east, max_lon__gte=west
        )[:200]
    )
    rows.sort(key=lambda a: -(a.max_lat - a.min_lat) * (a.max_lon - a.min_lon))
    return [(area.name, area.geometry) for area in rows]


def located_ratings(assessment: Assessment) -> list[tuple[float, float, str, str]]:
    """(lon, lat, item code, zone name) of every rating with a pin."""
    return [
        (r.lon, r.lat, r.item.code, r.zone.name)
        for r in assessment.ratings.select_related("item", "zone")
        if r.lat is not None and r.lon is not None
    ]


def _feature(project: InvestmentProject) -> dict[str, Any] | None:
    geometry = project.location or (
        {"type": "Point", "coordinates": [project.lon, project.lat]}
        if project.lat is not None and project.lon is not None
        else None
    )
    if not geometry:
        return None
    latest = next(iter(project.triages.all()), None)  # Triage orders newest first
    return {
        "type": "Feature",
        "id": project.pk,
        "geometry": geometry,
        "properties": {
            "name": project.name,
            "url": reverse("cpted:project", args=[project.pk]),
            "phase": str(project.get_phase_display()),
            "outcome": latest.outcome if latest else "",
            "outcome_label": str(latest.get_outcome_display()) if latest else "",
        },
    }


def projects_geojson(user: Any, project_id: int | None = None) -> dict[str, Any]:
    """The located projects the user may see, as a GeoJSON FeatureCollection (no personal
    data: name, phase, triage outcome, a link); ``project_id`` narrows it to one project."""
    projects = projects_for(user).prefetch_related("triages")
    if project_id is not None:
        projects = projects.filter(pk=project_id)
    features = [f for f in (_feature(p) for p in projects) if f is not None]
    return {"type": "FeatureCollection", "features": features}
