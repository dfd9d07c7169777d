"""Reads of the incidents app, filtered to what the user may see (ADR 0001).

Incidents carry no victim identity and are not personal data; the cocoon-watch address list
is an output for the prevention service only, and reading it is written to the access log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from urbis.core.audit import log_access
from urbis.core.roles import has_role
from urbis.incidents import arrays, conf
from urbis.incidents.models import (
    AddressPoint,
    Category,
    CocoonWatch,
    ImportRun,
    Incident,
    KnoxJob,
    KnoxRun,
    WatchStatus,
)
from urbis.incidents.permissions import COCOON_ROLES, IMPORT_ROLES, LETTER_ROLES, WORKBENCH_ROLES


@dataclass(frozen=True)
class Filters:
    categories: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    area: int | None = None
    weekdays: tuple[int, ...] = ()  # 0 = Monday
    hours: tuple[int, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def key(self) -> dict[str, Any]:
        return {
            "categories": sorted(self.categories),
            "start": self.start,
            "end": self.end,
            "area": self.area,
            "weekdays": sorted(self.weekdays),
            "hours": sorted(self.hours),
        }


def scope(user: Any) -> str:
    """Which incidents the user may see, as part of a cache key: all of them, or none."""
    return "all" if has_role(user, *WORKBENCH_ROLES) else "none"


def categories_for(user: Any) -> QuerySet[Category]:
    if not has_role(user, *WORKBENCH_ROLES):
        return Category.objects.none()
    return Category.objects.filter(is_active=True)


def incidents_for(user: Any, filters: Filters | None = None) -> QuerySet[Incident]:
    """The incidents the workbench shows, narrowed by the filters. Day-of-week and hour use
    the window's midpoint, and only windows short enough to place in time
    (URBIS_INCIDENTS_AORISTIC_MAX_HOURS) — never ``occurred_from`` alone."""
    if not has_role(user, *WORKBENCH_ROLES):
        return Incident.objects.none()
    return incidents_narrow(Incident.objects.all(), filters or Filters())


def incidents_narrow(queryset: QuerySet[Incident], f: Filters) -> QuerySet[Incident]:
    """Narrow incidents the caller may already see by the workbench filters."""
    if f.categories:
        queryset = queryset.filter(category__code__in=f.categories)
    if f.start:
        queryset = queryset.filter(occurred_to__date__gte=f.start)
    if f.end:
        queryset = queryset.filter(occurred_from__date__lte=f.end)
    if f.area:
        queryset = queryset.filter(area_id=f.area)
    if f.weekdays or f.hours:
        queryset = queryset.filter(pk__in=_matching_time(queryset, f))
    return queryset


def _matching_time(queryset: QuerySet[Incident], f: Filters) -> list[int]:
    limit = float(conf.get("URBIS_INCIDENTS_AORISTIC_MAX_HOURS")) * 3600
    keep = []
    for pk, start, end in queryset.values_list("pk", "t_from", "t_to"):
        if end - start > limit:
            continue
        mid = arrays.EPOCH + dt.timedelta(seconds=(start + end) / 2)
        if f.weekdays and mid.weekday() not in f.weekdays:
            continue
        if f.hours and mid.hour not in f.hours:
            continue
        keep.append(pk)
    return keep


def incidents_for_counts(user: Any, filters: Filters | None = None) -> QuerySet[Incident]:
    """For suppressed area counts: every staff role (counts are not personal data); the
    caller suppresses small cells (rules.suppress)."""
    from urbis.core.permissions import STAFF_ROLES

    if not has_role(user, *STAFF_ROLES):
        return Incident.objects.none()
    f = filters or Filters()
    queryset = Incident.objects.all()
    if f.categories:
        queryset = queryset.filter(category__code__in=f.categories)
    if f.start:
        queryset = queryset.filter(occurred_to__date__gte=f.start)
    if f.end:
        queryset = queryset.filter(occurred_from__date__lte=f.end)
    if f.area:
        queryset = queryset.filter(area_id=f.area)
    return queryset


def events_for(user: Any, filters: Filters | None = None) -> arrays.Events:
    return arrays.events(incidents_for(user, filters))


def points_for(user: Any, filters: Filters | None = None) -> Any:
    """The filtered incidents' coordinates in metres, an (n, 2) array."""
    return arrays.points(incidents_for(user, filters))


def knox_runs_for(user: Any) -> QuerySet[KnoxRun]:
    if not has_role(user, *WORKBENCH_ROLES):
        return KnoxRun.objects.none()
    return KnoxRun.objects.select_related("category")


def knox_jobs_for(user: Any) -> QuerySet[KnoxJob]:
    if not has_role(user, *WORKBENCH_ROLES):
        return KnoxJob.objects.none()
    return KnoxJob.objects.select_related("category", "knox_run")


def import_runs_for(user: Any) -> QuerySet[ImportRun]:
    if not has_role(user, *WORKBENCH_ROLES):
        return ImportRun.objects.none()
    return ImportRun.objects.defer("payload")


def watches_for(user: Any) -> QuerySet[CocoonWatch]:
    if not has_role(user, *COCOON_ROLES):
        return CocoonWatch.objects.none()
    return CocoonWatch.objects.select_related("incident__category", "knox_run")


def open_watches(user: Any) -> QuerySet[CocoonWatch]:
    return watches_for(user).filter(status=WatchStatus.PROPOSED)


def address_count_for(user: Any) -> int:
    """How many address points the register holds (no personal data: street addresses)."""
    if not has_role(user, *IMPORT_ROLES):
        return 0
    return AddressPoint.objects.count()


def watch_addresses(user: Any, watch: CocoonWatch) -> list[AddressPoint]:
    """The addresses inside a watch's zone: for the prevention service (coordinator) only,
    and logged (the letter list is a targeted output even if addresses are not personal)."""
    if not has_role(user, *LETTER_ROLES):
        return []
    from urbis.incidents.services.cocoon import addresses_in

    found = addresses_in(x=watch.incident.x, y=watch.incident.y, radius_m=watch.radius_m)
    log_access(user=user, target=watch, purpose="incidents.cocoon_letter_list")
    return found
