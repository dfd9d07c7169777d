"""Reads of reports, filtered to what the user may see; reads of reporter details are
access-logged here (ARCHITECTURE §4.3), never in a view."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from urbis.core.audit import log_access, log_access_many
from urbis.core.gdpr.restrictions import restricted_among
from urbis.core.geo import to_metric
from urbis.core.models import Area, AreaKind
from urbis.core.roles import has_role
from urbis.core.types import Actor, actor_user
from urbis.reports import conf, permissions
from urbis.reports.models import (
    CLOSED_VALUES,
    OPEN_VALUES,
    Category,
    Photo,
    Report,
    Reporter,
    SavedFilter,
    SpeedCheck,
    Team,
)
from urbis.reports.rules import sla
from urbis.reports.rules.text import street_of
from urbis.sanctions.selectors import CaseStatus, case_status_of, case_statuses_of

# --- public (no personal data) -------------------------------------------------------------


def public_categories() -> QuerySet[Category]:
    return (
        Category.objects.filter(active=True, current__isnull=False, current__is_public=True)
        .select_related("current")
        .order_by("order", "code")
    )


def desk_categories() -> QuerySet[Category]:
    """Every active category, staff-only ones included: the desk files on the caller's behalf."""
    return (
        Category.objects.filter(active=True, current__isnull=False)
        .select_related("current")
        .order_by("order", "code")
    )


def report_by_token(token: str) -> Report:
    """The reporter's own report by its private token (the link is the credential)."""
    if not token or len(token) > 64:
        raise Http404
    report = (
        Report.objects.filter(token=token)
        .select_related("category_version", "duplicate_of")
        .first()
    )
    if report is None:
        raise Http404
    return report


def public_reports(*, today: date | None = None) -> QuerySet[Report]:
    """Open and recently closed reports of public categories: number, date, category, status,
    place — never a reporter (Signalen/frontend #93)."""
    today = today or timezone.localdate()
    days = int(conf.get("URBIS_REPORTS_PUBLIC_CLOSED_DAYS"))  # type: ignore[call-overload]
    since = timezone.now() - timedelta(days=days)
    return (
        Report.objects.filter(category_version__is_public=True)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=since))
        .select_related("category_version")
        .only(
            "pk", "created_at", "status", "lat", "lon", "address", "category_version", "closed_at"
        )
    )


def _bbox(lat: float, lon: float, metres: float) -> tuple[float, float, float, float]:
    dlat = metres / 111_320.0
    dlon = metres / (111_320.0 * max(math.cos(math.radians(lat)), 0.01))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def nearby_open(category_code: str, lat: float, lon: float, *, limit: int = 5) -> list[Report]:
    """Open reports of the same category within URBIS_REPORTS_NEARBY_METRES, nearest first
    ("is it one of these?", FixMyStreet PR #1677). Uses the (category, status, lat, lon) index."""
    metres = float(conf.get("URBIS_REPORTS_NEARBY_METRES"))  # type: ignore[arg-type]
    south, north, west, east = _bbox(lat, lon, metres)
    category = public_categories().filter(code=category_code).first()
    if category is None:
        return []
    # One index range scan: (category, status, lat, lon), no join.
    candidates = list(
        Report.objects.filter(
            category_id=category.pk,
            status__in=["new", "acknowledged", "planned", "in_progress", "reopened"],
            lat__gte=south,
            lat__lte=north,
            lon__gte=west,
            lon__lte=east,
        ).only("pk", "lat", "lon", "status", "address", "created_at", "category_version_id")[:200]
    )
    x0, y0 = to_metric(lat, lon)

    def distance(report: Report) -> float:
        x, y = to_metric(report.lat or lat, report.lon or lon)
        return math.hypot(x - x0, y - y0)

    ranked = sorted((r for r in candidates if distance(r) <= metres), key=distance)
    return ranked[:limit]


# --- staff ---------------------------------------------------------------------------------


def reports_for(user: Actor) -> QuerySet[Report]:
    """Every report for the public-space service and the coordinator (read-only); the
    enforcement team sees the reports of enforcement teams and those assigned to them."""
    base = Report.objects.select_related("category_version", "team", "assignee", "area")
    if has_role(user, *permissions.WORK_ROLES, *permissions.OVERSEE_ROLES):
        return base
    if has_role(user, *permissions.FIELD_ROLES):
        return base.filter(Q(assignee=user) | Q(team__enforcement=True))
    return base.none()


@dataclass
class WorklistFilters:
    team: str = ""
    category: str = ""
    area: str = ""
    status: str = ""  # a status, "open" or "closed"
    assignee: str = ""  # user id, or "none"
    source: str = ""
    overdue: bool = False
    sort: str = "-created_at"


SORTS = {
    "-created_at": ("-created_at", "-id"),
    "created_at": ("created_at", "id"),
    "due_on": ("due_on", "id"),
    "-due_on": ("-due_on", "-id"),
    "status": ("status", "-created_at"),
}


def worklist(user: Actor, filters: WorklistFilters) -> QuerySet[Report]:
    """The team worklist: filtered, sorted (no personal data in it)."""
    queryset = reports_for(user)
    if filters.team:
        team = Team.objects.filter(code=filters.team).values_list("pk", flat=True).first()
        queryset = queryset.filter(team_id=team if team is not None else -1)
    if filters.category:
        found = Category.objects.filter(code=filters.category).values_list("pk", flat=True).first()
        queryset = queryset.filter(category_id=found if found is not None else -1)
    if filters.area:
        queryset = queryset.filter(area__code=filters.area)
    if filters.status == "open":
        queryset = queryset.filter(status__in=OPEN_VALUES)
    elif filters.status == "closed":
        queryset = queryset.filter(status__in=CLOSED_VALUES)
    elif filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.assignee == "none":
        queryset = queryset.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        queryset = queryset.filter(assignee_id=int(filters.assignee))
    if filters.source:
        queryset = queryset.filter(source=filters.source)
    if filters.overdue:
        queryset = queryset.filter(status__in=OPEN_VALUES, due_on__lt=timezone.localdate())
    return queryset.order_by(*SORTS.get(filters.sort, SORTS["-created_at"]))


def flag_of(report: Report, today: date | None = None) -> str:
    days = int(conf.get("URBIS_REPORTS_AT_RISK_DAYS"))  # type: ignore[call-overload]
    return sla.flag(
        report.due_on, today or timezone.localdate(), at_risk_days=days, closed=report.is_closed
    ).value


def report_get(user: Actor, pk: int) -> Report:
    report = reports_for(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def reporters_of(user: Actor, report: Report, *, purpose: str) -> list[Reporter]:
    """The reporters' contact details, for the roles that answer them; each read logged."""
    if not permissions.can_see_contact(user):
        return []
    reporters = [r for r in report.reporters.all() if r.has_details]
    # GDPR art. 18: a restricted reporter's details are kept but no longer shown or used.
    frozen = restricted_among(reporters)
    reporters = [r for r in reporters if ("reports.reporter", str(r.pk)) not in frozen]
    if reporters:
        log_access_many(user=user, targets=reporters, purpose=purpose)
    return reporters


def teams_for(user: Actor) -> QuerySet[Team]:
    if not has_role(user, *permissions.READ_ROLES):
        return Team.objects.none()
    return Team.objects.prefetch_related("members")


def saved_filters(user: Actor) -> QuerySet[SavedFilter]:
    return SavedFilter.objects.filter(user=actor_user(user))


def officer_worklist(
    user: Actor, lat: float | None, lon: float | None
) -> list[tuple[Report, float | None]]:
    """Open reports assigned to the officer (or his enforcement teams), nearest first from the
    device's location; without a location, oldest first."""
    queryset = (
        Report.objects.filter(Q(assignee=user) | Q(team__members=user, team__enforcement=True))
        .exclude(status__in=CLOSED_VALUES)
        .select_related("category_version")
        .distinct()
        .order_by("created_at")[:500]
    )
    reports = list(queryset)
    if lat is None or lon is None:
        return [(r, None) for r in reports]
    x0, y0 = to_metric(lat, lon)
    ranked: list[tuple[Report, float | None]] = []
    for report in reports:
        if report.lat is None or report.lon is None:
            ranked.append((report, None))
            continue
        x, y = to_metric(report.lat, report.lon)
        ranked.append((report, math.hypot(x - x0, y - y0)))
    ranked.sort(key=lambda pair: (pair[1] is None, pair[1] or 0.0))
    return ranked


@dataclass
class StreetRow:
    street: str
    complaints: int
    first: datetime
    last: datetime
    checks: list[SpeedCheck]


def speeding_streets(user: Actor) -> list[StreetRow]:
    """Streets whose residents complain about speeding: count, first and last complaint, the
    checks done and their result; most complaints first."""
    if not has_role(user, *permissions.READ_ROLES):
        return []
    rows: dict[str, list[datetime]] = defaultdict(list)
    for address, created in Report.objects.filter(category_version__speeding=True).values_list(
        "address", "created_at"
    ):
        street = street_of(address) if address else ""
        if street:
            rows[street].append(created)
    checks: dict[str, list[SpeedCheck]] = defaultdict(list)
    for check in SpeedCheck.objects.all():
        checks[check.street.casefold()].append(check)
    result = [
        StreetRow(street, len(times), min(times), max(times), checks.get(street.casefold(), []))
        for street, times in rows.items()
    ]
    return sorted(result, key=lambda row: (-row.complaints, row.street))


# --- indicators (plan) ---------------------------------------------------------------------


def city_population() -> int | None:
    total = sum(a.population or 0 for a in Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD))
    return total or None


def counts_by(
    start: date, end: date, *, categories: list[str] | None = None
) -> list[dict[str, Any]]:
    """Reports filed in [start, end] by category, neighbourhood and month (no personal data)."""
    from django.db.models.functions import TruncMonth

    queryset = Report.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    if categories:
        queryset = queryset.filter(category__code__in=categories)
    return list(
        queryset.annotate(month=TruncMonth("created_at"))
        .values("category__code", "area__code", "area__name", "area__population", "month")
        .annotate(n=Count("id"))
        .order_by("month", "category__code", "area__code")
    )


def resolution_days(start: date, end: date) -> list[float]:
    """Days from filing to resolution of reports resolved in [start, end]."""
    pairs = Report.objects.filter(
        status="resolved", closed_at__date__gte=start, closed_at__date__lte=end
    ).values_list("created_at", "closed_at")
    return [(closed - created).total_seconds() / 86400 for created, closed in pairs if closed]


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(sorted(values), n=100, method="inclusive")[int(q) - 1]


# --- GDPR subject access -------------------------------------------------------------------


def reports_of_person(
    user: Actor, *, email: str = "", phone: str = "", name: str = ""
) -> list[Report]:
    """One person's reports, found by e-mail, phone or name (GDPR art. 15 subject access);
    for the DPO, every hit access-logged."""
    if not has_role(user, *permissions.SUBJECT_ACCESS_ROLES):
        return []
    query = Q()
    if email.strip():
        query |= Q(email__iexact=email.strip())
    if phone.strip():
        query |= Q(phone=phone.strip())
    if name.strip():
        parts = name.split()
        query |= Q(last_name__iexact=parts[-1]) & Q(first_name__iexact=" ".join(parts[:-1]))
    if not query:
        return []
    reporters = list(Reporter.objects.filter(query).select_related("report"))
    if reporters:
        log_access_many(user=user, targets=reporters, purpose="reports.subject_access")
    return sorted({r.report for r in reporters}, key=lambda r: r.pk)


def report_with_access_log(user: Actor, pk: int, *, purpose: str) -> Report:
    report = report_get(user, pk)
    log_access(user=user, target=report, purpose=purpose)
    return report


def photo_get(*, user: Actor, photo_id: int, purpose: str) -> Any:
    """A report's photo for staff who may see the report (photos may show people: logged)."""
    photo = Photo.objects.filter(pk=photo_id, report__in=reports_for(user)).first()
    if photo is None:
        raise Http404
    log_access(user=user, target=photo, purpose=purpose)
    return photo


def gas_case_of(user: Actor, report: Report) -> CaseStatus | None:
    """The live number and status of the report's GAS case, never the offender (ADR 0002).

    Read through the one read entry point of sanctions (``case_status_of``); ``None`` when the
    report has no case or the case cannot be read (the page then shows the hand-off status).
    """
    if not report.gas_case_number:
        return None
    return case_status_of(user, report.gas_case_number)


def gas_cases_of(user: Any, reports: Iterable[Report]) -> dict[str, CaseStatus]:
    """``gas_case_of`` for a list of reports in one query: case number → live status."""
    return case_statuses_of(user, [r.gas_case_number for r in reports if r.gas_case_number])
