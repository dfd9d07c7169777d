"""Reads of the incidents app, filtered to what the user may see (ADR 0001).

Incidents carry no victim identity and are not personal data; the cocoon-watch address list
is an output for the prevention service only, and reading it is written to the access log.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import F, QuerySet
from django.utils import timezone

from urbis.core.audit import log_access
from urbis.core.permissions import STAFF_ROLES
from urbis.core.roles import has_role
from urbis.core.types import Actor
from urbis.incidents import arrays, conf, rules
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


def scope(user: Actor) -> str:
    """Which incidents the user may see, as part of a cache key: all of them, or none."""
    return "all" if has_role(user, *WORKBENCH_ROLES) else "none"


def categories_for(user: Actor) -> QuerySet[Category]:
    if not has_role(user, *WORKBENCH_ROLES):
        return Category.objects.none()
    return Category.objects.filter(is_active=True)


def incidents_for(user: Actor, filters: Filters | None = None) -> QuerySet[Incident]:
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


def too_long_to_place_count(user: Actor, filters: Filters | None = None) -> int:
    """How many of the shown incidents have a window longer than
    URBIS_INCIDENTS_AORISTIC_MAX_HOURS: left out of the point-time outputs (weekly series,
    forecast, Knox), and the workbench says how many."""
    limit = float(conf.get("URBIS_INCIDENTS_AORISTIC_MAX_HOURS")) * 3600
    return incidents_for(user, filters).filter(t_to__gt=F("t_from") + limit).count()


def incidents_for_counts(user: Actor, filters: Filters | None = None) -> QuerySet[Incident]:
    """For suppressed area counts: every staff role (counts are not personal data); the
    caller suppresses small cells (rules.suppress)."""
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


def events_for(user: Actor, filters: Filters | None = None) -> arrays.Events:
    return arrays.events(incidents_for(user, filters))


def points_for(user: Actor, filters: Filters | None = None) -> Any:
    """The filtered incidents' coordinates in metres, an (n, 2) array."""
    return arrays.points(incidents_for(user, filters))


def knox_runs_for(user: Actor) -> QuerySet[KnoxRun]:
    if not has_role(user, *WORKBENCH_ROLES):
        return KnoxRun.objects.none()
    return KnoxRun.objects.select_related("category")


def knox_jobs_for(user: Actor) -> QuerySet[KnoxJob]:
    if not has_role(user, *WORKBENCH_ROLES):
        return KnoxJob.objects.none()
    return KnoxJob.objects.select_related("category", "knox_run")


def import_runs_for(user: Actor) -> QuerySet[ImportRun]:
    if not has_role(user, *WORKBENCH_ROLES):
        return ImportRun.objects.none()
    return ImportRun.objects.defer("payload")


def watches_for(user: Actor) -> QuerySet[CocoonWatch]:
    if not has_role(user, *COCOON_ROLES):
        return CocoonWatch.objects.none()
    return CocoonWatch.objects.select_related("incident__category", "knox_run")


def open_watches(user: Actor) -> QuerySet[CocoonWatch]:
    return watches_for(user).filter(status=WatchStatus.PROPOSED)


def addresses_in(*, x: float, y: float, radius_m: float) -> list[AddressPoint]:
    """Address points within ``radius_m`` metres (Euclidean, metric CRS) of (x, y)."""
    candidates = list(
        AddressPoint.objects.filter(
            x__gte=x - radius_m, x__lte=x + radius_m, y__gte=y - radius_m, y__lte=y + radius_m
        )
    )
    inside = [a for a in candidates if (a.x - x) ** 2 + (a.y - y) ** 2 <= radius_m**2]
    inside.sort(key=lambda a: (a.street, _house_key(a.number), a.box))
    return inside


def _house_key(number: str) -> tuple[int, str]:
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits) if digits else 0, number)


def address_count_for(user: Actor) -> int:
    """How many address points the register holds (no personal data: street addresses)."""
    if not has_role(user, *IMPORT_ROLES):
        return 0
    return AddressPoint.objects.count()


def watch_addresses(user: Actor, watch: CocoonWatch) -> list[AddressPoint]:
    """The addresses inside a watch's zone: for the prevention service (coordinator) only,
    and logged (the letter list is a targeted output even if addresses are not personal)."""
    if not has_role(user, *LETTER_ROLES):
        return []
    found = addresses_in(x=watch.incident.x, y=watch.incident.y, radius_m=watch.radius_m)
    log_access(user=user, target=watch, purpose="incidents.cocoon_letter_list")
    return found


@dataclass(frozen=True)
class ZoneProposal:
    zone: rules.Zone
    knox_run: KnoxRun | None


def zone_for(category: Category) -> ZoneProposal:
    """The zone from the category's latest Knox run, or the configured default."""
    run = KnoxRun.objects.filter(category=category).order_by("-created_at", "-pk").first()
    default_radius = float(conf.get("URBIS_INCIDENTS_COCOON_RADIUS_M"))
    default_days = int(conf.get("URBIS_INCIDENTS_COCOON_DAYS"))
    if run is None:
        return ZoneProposal(rules.Zone(default_radius, default_days, False), None)
    zone = rules.zone_from_knox(
        run.parameters["space_breaks"],
        run.parameters["time_breaks"],
        [[math.nan if v is None else v for v in row] for row in run.result["ratio"]],
        [[math.nan if v is None else v for v in row] for row in run.result["p_value"]],
        alpha=float(conf.get("URBIS_INCIDENTS_COCOON_ALPHA")),
        min_ratio=float(conf.get("URBIS_INCIDENTS_COCOON_MIN_RATIO")),
        default_radius_m=default_radius,
        default_days=default_days,
    )
    return ZoneProposal(zone, run if zone.from_knox else None)


@dataclass(frozen=True)
class Evaluation:
    warned: int
    warned_repeats: int
    not_warned: int
    not_warned_repeats: int
    pending: int = 0  # burglaries whose follow-up window has not ended: not counted yet

    @staticmethod
    def rate(repeats: int, total: int) -> float | None:
        return repeats / total if total else None


def cocoon_evaluation(*, category_family: str = "burglary") -> Evaluation:
    """Repeat rate inside warned zones (letters sent) against comparable zones that were not
    warned: every other triggering burglary, with the same radius and window drawn around it.
    A repeat is another burglary inside the radius within the window after the trigger. A
    burglary whose window has not ended yet is left out (counted as ``pending``): its repeats
    may still come, and counting it would flatter the rate of the latest, warned zones."""
    triggers = list(
        Incident.objects.filter(category__triggers_cocoon=True).select_related("cocoon")
    )
    if not triggers:
        return Evaluation(0, 0, 0, 0)
    xy = np.array([(i.x, i.y) for i in triggers])
    times = np.array([i.occurred_to.timestamp() for i in triggers])
    default_r = float(conf.get("URBIS_INCIDENTS_COCOON_RADIUS_M"))
    default_d = int(conf.get("URBIS_INCIDENTS_COCOON_DAYS"))
    counts = {True: [0, 0], False: [0, 0]}
    now, pending = timezone.now().timestamp(), 0
    for index, incident in enumerate(triggers):
        watch = getattr(incident, "cocoon", None)
        warned = bool(watch and watch.letters_sent_at)
        radius = watch.radius_m if watch else default_r
        days = watch.days if watch else default_d
        if times[index] + days * 86400 > now:
            pending += 1
            continue
        d2 = ((xy - xy[index]) ** 2).sum(axis=1)
        dt_s = times - times[index]
        repeat = bool(np.any((d2 <= radius**2) & (dt_s > 0) & (dt_s <= days * 86400)))
        counts[warned][0] += 1
        counts[warned][1] += int(repeat)
    return Evaluation(counts[True][0], counts[True][1], counts[False][0], counts[False][1], pending)
