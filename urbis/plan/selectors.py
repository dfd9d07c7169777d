"""Reads of the plan module. The plan holds no personal data; access is by role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from urbis.core.audit import log_access, log_access_many
from urbis.core.permissions import STAFF_ROLES
from urbis.core.roles import has_role
from urbis.core.types import Actor
from urbis.plan import bjorgo
from urbis.plan.models import (
    Action,
    ActionMechanism,
    ActionPartner,
    ActionStatusChange,
    BenchmarkPoint,
    Contact,
    Indicator,
    Measurement,
    Objective,
    PartnerRole,
    Plan,
    PracticeSheet,
    SurveyResponse,
)
from urbis.plan.permissions import READ_ROLES
from urbis.plan.survey import HEADLINE, Share, protect_complement, weighted_share


def plans_for(user: Any) -> QuerySet[Plan]:
    if not has_role(user, *READ_ROLES):
        return Plan.objects.none()
    return Plan.objects.all()


def actions_for(user: Any) -> QuerySet[Action]:
    """Coordinator and analyst see every action; other staff see the actions their
    organisation owns or takes part in (partners' need to know)."""
    if has_role(user, *READ_ROLES):
        return Action.objects.all()
    if not has_role(user, *STAFF_ROLES) or not getattr(user, "organisation_id", None):
        return Action.objects.none()
    organisation = user.organisation_id
    return Action.objects.filter(
        Q(owner_id=organisation) | Q(partners__organisation_id=organisation)
    ).distinct()


def imported_practices() -> list[PracticeSheet]:
    """The practice sheets received from peer cities, newest 50 (no personal data)."""
    return list(PracticeSheet.objects.all()[:50])


def action_history(action: Action) -> QuerySet[ActionStatusChange]:
    """The action's status changes, oldest first."""
    return action.status_changes.select_related("by")


def partner_roles() -> dict[int, list[tuple[Action, str]]]:
    """Per organisation id, the actions it takes part in with its role, by action title.

    The lead is the action's owner (``Action.owner``); a partner row that names another
    organisation as lead (older data, from before the rule) is not shown as a lead."""
    roles: dict[int, list[tuple[Action, str]]] = {}
    for action in Action.objects.order_by("title"):
        roles.setdefault(action.owner_id, []).append((action, str(PartnerRole.LEAD.label)))
    links = ActionPartner.objects.exclude(role=PartnerRole.LEAD).select_related("action")
    for link in links.order_by("action__title"):
        roles.setdefault(link.organisation_id, []).append((link.action, link.get_role_display()))
    for entries in roles.values():
        entries.sort(key=lambda entry: entry[0].title)
    return roles


def current_plan(user: Any, today: dt.date | None = None) -> Plan | None:
    day = today or timezone.localdate()
    plans = plans_for(user)
    return plans.filter(period_start__lte=day, period_end__gte=day).first() or plans.first()


def plan_tree(plan: Plan) -> list[dict[str, Any]]:
    """Priorities with their objectives nested general → strategic → operational → actions."""
    objectives = list(
        Objective.objects.filter(priority__plan=plan)
        .select_related("owner", "priority__phenomenon")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("owner").prefetch_related(
                    "mechanisms", "partners__organisation"
                ),
            ),
            "indicators",
            "alignments",
        )
    )
    children: dict[int | None, list[Objective]] = {}
    for objective in objectives:
        children.setdefault(objective.parent_id, []).append(objective)

    def node(objective: Objective) -> dict[str, Any]:
        return {
            "objective": objective,
            "children": [node(child) for child in children.get(objective.pk, [])],
        }

    tree = []
    for priority in plan.priorities.select_related("phenomenon"):
        roots = [o for o in children.get(None, []) if o.priority_id == priority.pk]
        tree.append({"priority": priority, "objectives": [node(o) for o in roots]})
    return tree


def mechanism_tags(plan: Plan) -> list[bjorgo.Tag]:
    rows = (
        ActionMechanism.objects.filter(action__objective__priority__plan=plan)
        .select_related("action__owner", "action__objective__priority__phenomenon")
        .prefetch_related("action__partners__organisation")
    )
    tags = []
    for row in rows:
        action = row.action
        actors = {action.owner.short_name or action.owner.name}
        actors.update(
            p.organisation.short_name or p.organisation.name for p in action.partners.all()
        )
        tags.append(
            bjorgo.Tag(
                action_id=action.pk,
                phenomenon=action.objective.priority.phenomenon.code,
                mechanism=row.mechanism,
                budget=action.budget,
                actors=tuple(sorted(actors)),
                strength=row.strength,
            )
        )
    return tags


@dataclass(frozen=True)
class MatrixView:
    phenomena: list[tuple[str, str]]  # (code, label)
    cells: dict[str, dict[str, bjorgo.Cell]]
    gaps: dict[str, list[str]]
    balance: dict[str, float]
    secondary_only: dict[str, list[str]]


def matrix_for(plan: Plan) -> MatrixView:
    phenomena = [
        (p.phenomenon.code, p.phenomenon.label())
        for p in plan.priorities.select_related("phenomenon")
    ]
    tags = mechanism_tags(plan)
    cells = bjorgo.matrix(tags, [code for code, _label in phenomena])
    return MatrixView(
        phenomena,
        cells,
        bjorgo.gaps(cells),
        bjorgo.balance(tags),
        bjorgo.secondary_only(cells),
    )


def cell_actions(plan: Plan, phenomenon: str, mechanism: str) -> QuerySet[Action]:
    return (
        Action.objects.filter(
            objective__priority__plan=plan,
            objective__priority__phenomenon__code=phenomenon,
            mechanisms__mechanism=mechanism,
        )
        .select_related("owner", "objective")
        .distinct()
    )


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: Indicator
    latest: Measurement | None
    target: Decimal | None
    light: str  # green, amber, red; grey without a value; no_target with a value but no target
    target_year: int | None = None


def _light(indicator: Indicator, value: Decimal | None, target: Decimal | None) -> str:
    """Green when the target is met, amber within 10 % of it, red otherwise; grey without a
    value, ``no_target`` with a value but no target. The 10 % band is a presentation choice,
    stated in docs/plan.md."""
    if value is None:
        return "grey"
    if target is None:
        return "no_target"
    if indicator.direction == "up":
        if value >= target:
            return "green"
        return "amber" if target == 0 or value >= target * Decimal("0.9") else "red"
    if value <= target:
        return "green"
    return "amber" if value <= target * Decimal("1.1") else "red"


def _target_for(
    targets: list[tuple[int, Decimal]], year: int | None, *, exact: bool
) -> tuple[int, Decimal] | None:
    """The target of ``year``; unless ``exact``, without one, the next target the value is
    heading for (a 2024 value against the plan's 2026 target), else the latest earlier one."""
    if year is None or not targets:
        return None
    ordered = sorted(targets)
    same = [t for t in ordered if t[0] == year]
    if exact:
        return same[0] if same else None
    later = [t for t in ordered if t[0] > year]
    return (same or later or ordered[-1:])[0]


def _city_wide(indicator: Indicator, year: int | None) -> list[Measurement]:
    """City-wide values only (area rows are breakdowns), oldest first; with a year, its values."""
    measurements = sorted(
        (m for m in indicator.measurements.all() if m.area_id is None),
        key=lambda m: (m.period_end, m.entered_at),
    )
    if year is not None:
        measurements = [m for m in measurements if m.period_end.year == year]
    return measurements


def _status(indicator: Indicator, year: int | None) -> IndicatorStatus:
    measurements = _city_wide(indicator, year)
    latest = measurements[-1] if measurements else None
    wanted = year or (latest.period_end.year if latest else None)
    # A yearly report compares with that year's target only; the pages with the next one.
    targets = [(t.year, t.value) for t in indicator.targets.all()]
    found = _target_for(targets, wanted, exact=year is not None)
    target_year, target = found if found else (None, None)
    light = _light(indicator, latest.value if latest else None, target)
    return IndicatorStatus(indicator, latest, target, light, target_year)


def indicator_statuses(plan: Plan, year: int | None = None) -> list[IndicatorStatus]:
    """Each indicator of the plan (and the plans it extends) with its latest city-wide value,
    the target it is measured against and the resulting light."""
    indicators = plan_indicators(plan).prefetch_related("targets", "measurements")
    return [_status(indicator, year) for indicator in indicators]


@dataclass(frozen=True)
class IndicatorTrend:
    """An indicator's series for the dashboard chart and its table fallback."""

    status: IndicatorStatus
    years: list[int]
    values: dict[int, Decimal]
    targets: dict[int, Decimal]
    benchmarks: dict[int, Decimal]
    benchmark_series: str

    @property
    def rows(self) -> list[tuple[int, Decimal | None, Decimal | None, Decimal | None]]:
        """(year, measured, target, benchmark) for the table beside the chart."""
        return [
            (y, self.values.get(y), self.targets.get(y), self.benchmarks.get(y)) for y in self.years
        ]


def indicator_trends(plan: Plan) -> list[IndicatorTrend]:
    """Per indicator: its city-wide value per year (the latest of the year), its yearly targets
    and the reference series it is compared with (``Indicator.benchmark_series``)."""
    statuses = indicator_statuses(plan)
    wanted = {s.indicator.benchmark_series for s in statuses if s.indicator.benchmark_series}
    references: dict[str, dict[int, Decimal]] = {}
    for point in BenchmarkPoint.objects.filter(series__in=wanted):
        references.setdefault(point.series, {})[point.year] = point.value
    trends = []
    for status in statuses:
        indicator = status.indicator
        values = {m.period_end.year: m.value for m in _city_wide(indicator, None)}
        targets = {t.year: t.value for t in indicator.targets.all()}
        benchmarks = references.get(indicator.benchmark_series, {})
        years = sorted(set(values) | set(targets) | set(benchmarks))
        trends.append(
            IndicatorTrend(status, years, values, targets, benchmarks, indicator.benchmark_series)
        )
    return trends


def lineage(plan: Plan) -> list[Plan]:
    """The plan and the plans it extends, newest first (indicators carry on through them)."""
    chain = [plan]
    while chain[-1].extends_id and len(chain) < 20:
        chain.append(chain[-1].extends)  # type: ignore[arg-type]
    return chain


def plan_indicators(plan: Plan) -> QuerySet[Indicator]:
    return Indicator.objects.filter(objective__priority__plan__in=lineage(plan))


SURVEY_ITEMS = ("insecurity", "pride", "avoid_dark", "avoid_places")


def partner_contacts(*, user: Actor, purpose: str) -> list[Contact]:
    """The partner organisations' contact people (personal data): access-logged, one insert."""
    if not has_role(user, *READ_ROLES):
        return []
    contacts = list(Contact.objects.select_related("organisation").order_by("name"))
    log_access_many(user=user, targets=contacts, purpose=purpose)
    return contacts


def survey_results_for(*, user: Actor, item: str, purpose: str) -> dict[str, Any]:
    """:func:`survey_results` for a page: the pseudonymous microdata (respondent, area, year)
    read to compute the figures are access-logged as one read of the survey item."""
    if not has_role(user, *READ_ROLES):
        raise ValueError("survey results are for plan readers")
    results = survey_results(item)
    log_access(user=user, target=("plan.surveyresponse", item), purpose=purpose)
    return results


def survey_results(item: str = "insecurity") -> dict[str, Any]:
    """Weighted often+always shares by year, overall and by area, with suppression."""
    if item not in SURVEY_ITEMS:
        raise ValueError(f"item: unknown survey item {item!r}")
    minimum = getattr(settings, "URBIS_SURVEY_MIN_RESPONDENTS", 30)
    rows = list(
        SurveyResponse.objects.select_related("area").values_list(
            "edition", "area__code", "area__name", "weight", item
        )
    )
    by_year: dict[int, list[tuple[str | None, float]]] = {}
    by_area: dict[tuple[int, str, str], list[tuple[str | None, float]]] = {}
    for edition, code, name, weight, answer in rows:
        value = answer or None
        by_year.setdefault(edition, []).append((value, weight))
        if code:
            by_area.setdefault((edition, code, name), []).append((value, weight))

    def share(pairs: list[tuple[str | None, float]]) -> Share:
        return weighted_share(
            [a for a, _w in pairs],
            [w for _a, w in pairs],
            positive=HEADLINE,
            min_respondents=minimum,
        )

    areas: dict[tuple[int, str, str], Share] = {}
    for year in sorted(by_year):
        cells = {key: share(pairs) for key, pairs in by_area.items() if key[0] == year}
        protected = protect_complement({key[1]: cell for key, cell in cells.items()}, minimum)
        areas.update({key: protected[key[1]] for key in sorted(cells)})
    return {
        "item": item,
        "minimum": minimum,
        "years": {year: share(pairs) for year, pairs in sorted(by_year.items())},
        "areas": areas,
        # Reference series of this question only, in its unit (domain §1.5).
        "benchmarks": list(BenchmarkPoint.objects.filter(item=item, unit="%")),
    }
