"""Writes of the plan module: each service is atomic and records its audit event."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.models import Area, Organisation
from urbis.plan.bjorgo import Mechanism
from urbis.plan.models import (
    Action,
    ActionMechanism,
    ActionPartner,
    Indicator,
    Measurement,
    Objective,
    ObjectiveLevel,
    Phenomenon,
    Plan,
    Priority,
    SideEffect,
    SurveyResponse,
    Target,
)
from urbis.plan.survey import SCALE

# A level's parent level (KB 3 Jul 2019: general → strategic → operational).
PARENT_LEVEL = {
    ObjectiveLevel.GENERAL: None,
    ObjectiveLevel.STRATEGIC: ObjectiveLevel.GENERAL,
    ObjectiveLevel.OPERATIONAL: ObjectiveLevel.STRATEGIC,
}


def plan_create(
    *, actor: Any, code: str, title: str, period_start: dt.date, period_end: dt.date
) -> Plan:
    with transaction.atomic():
        plan = Plan(code=code, title=title, period_start=period_start, period_end=period_end)
        plan.full_clean()
        plan.save()
        record_event(actor=actor, action="plan.created", target=plan, data={"code": code})
    return plan


def plan_extend(*, actor: Any, plan: Plan, code: str, period_end: dt.date) -> Plan:
    """Extend a plan: a new period carrying the same priorities, objectives and actions (with
    their partners, mechanisms and areas); its indicators continue through the lineage (the same
    series measured on). A plan is extended once; a closed one not at all (domain §1.1)."""
    with transaction.atomic():
        base = Plan.objects.select_for_update().get(pk=plan.pk)
        if base.status in ("extended", "closed") or Plan.objects.filter(extends=base).exists():
            raise ValidationError({"plan": _("This plan was already extended or is closed.")})
        if period_end <= base.period_end:
            raise ValidationError({"period_end": _("An extension ends after the plan it extends.")})
        extension = Plan(
            code=code,
            title=base.title,
            period_start=base.period_end + dt.timedelta(days=1),
            period_end=period_end,
            extends=base,
            diagnostic_summary=base.diagnostic_summary,
        )
        extension.full_clean()
        extension.save()
        for priority in base.priorities.all():
            copy = Priority.objects.create(
                plan=extension,
                phenomenon=priority.phenomenon,
                rationale=priority.rationale,
                rank=priority.rank,
            )
            _copy_objectives(priority, copy)
        base.status = "extended"
        base.save(update_fields=["status"])
        record_event(
            actor=actor, action="plan.extended", target=extension, data={"extends": base.code}
        )
    return extension


def _copy_objectives(source: Priority, target: Priority) -> None:
    """The objective tree of a priority with its actions, parents first."""
    copies: dict[int, Objective] = {}
    levels = list(ObjectiveLevel.values)  # general, strategic, operational: parents first
    ordered = sorted(source.objectives.all(), key=lambda o: (levels.index(o.level), o.code))
    for objective in ordered:
        new = Objective.objects.create(
            priority=target,
            parent=copies.get(objective.parent_id) if objective.parent_id else None,
            level=objective.level,
            code=objective.code,
            text=objective.text,
            owner=objective.owner,
            due_date=objective.due_date,
        )
        copies[objective.pk] = new
        for action in objective.actions.all():
            areas = list(action.areas.all())
            partners = list(action.partners.all())
            mechanisms = list(action.mechanisms.all())
            action.pk = None
            action._state.adding = True
            action.objective = new
            action.save()
            action.areas.set(areas)
            for partner in partners:
                ActionPartner.objects.create(
                    action=action, organisation=partner.organisation, role=partner.role
                )
            for tag in mechanisms:
                ActionMechanism.objects.create(
                    action=action,
                    mechanism=tag.mechanism,
                    strength=tag.strength,
                    rationale=tag.rationale,
                )


def priority_add(
    *, actor: Any, plan: Plan, phenomenon: Phenomenon, rationale: str = "", rank: int = 1
) -> Priority:
    """Add a phenomenon to a plan. During an extension only a new phenomenon may be added,
    and it must be justified by the diagnostic (domain §1.1, extension rules since 2017)."""
    if not phenomenon.is_active:
        raise ValidationError({"phenomenon": _("This phenomenon is no longer in use.")})
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.priorities.filter(phenomenon=phenomenon).exists():
            raise ValidationError({"phenomenon": _("This phenomenon is already a priority.")})
        if locked.extends_id and not rationale.strip():
            raise ValidationError(
                {
                    "rationale": _(
                        "An extension may add a phenomenon only with a rationale "
                        "from the local safety diagnostic."
                    )
                }
            )
        priority = Priority.objects.create(
            plan=locked, phenomenon=phenomenon, rationale=rationale, rank=rank
        )
        record_event(
            actor=actor,
            action="plan.priority_added",
            target=locked,
            data={"phenomenon": phenomenon.code},
        )
    return priority


def priority_remove(*, actor: Any, priority: Priority) -> None:
    """Remove a priority; an extension cannot drop a phenomenon of the plan it extends."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=priority.plan_id)
        if (
            plan.extends_id
            and plan.extends.priorities.filter(  # type: ignore[union-attr]
                phenomenon=priority.phenomenon_id
            ).exists()
        ):
            raise ValidationError(
                _("An extension may only add phenomena; this one comes from the extended plan.")
            )
        if priority.objectives.exists():
            raise ValidationError(_("Remove the objectives of this priority first."))
        record_event(
            actor=actor,
            action="plan.priority_removed",
            target=plan,
            data={"phenomenon": priority.phenomenon.code},
        )
        priority.delete()


def objective_create(
    *,
    actor: Any,
    priority: Priority,
    level: str,
    code: str,
    text: str,
    parent: Objective | None = None,
    owner: Organisation | None = None,
    due_date: dt.date | None = None,
) -> Objective:
    expected_parent = PARENT_LEVEL.get(ObjectiveLevel(level))
    if expected_parent is None and parent is not None:
        raise ValidationError({"parent": _("A general objective has no parent.")})
    if expected_parent is not None and (parent is None or parent.level != expected_parent):
        raise ValidationError(
            {
                "parent": _("A %(level)s objective needs a %(parent)s objective as parent.")
                % {"level": ObjectiveLevel(level).label, "parent": expected_parent.label}
            }
        )
    if parent is not None and parent.priority_id != priority.pk:
        raise ValidationError({"parent": _("The parent belongs to another priority.")})
    with transaction.atomic():
        objective = Objective.objects.create(
            priority=priority,
            parent=parent,
            level=level,
            code=code,
            text=text,
            owner=owner,
            due_date=due_date,
        )
        record_event(
            actor=actor,
            action="plan.objective_created",
            target=objective,
            data={"code": code, "level": level},
        )
    return objective


@dataclass(frozen=True)
class MechanismTag:
    mechanism: str
    rationale: str
    strength: str = "primary"


def action_create(
    *,
    actor: Any,
    objective: Objective,
    title: str,
    owner: Organisation,
    budget: Decimal = Decimal(0),
    partners: Iterable[tuple[Organisation, str]] = (),
    mechanisms: Iterable[MechanismTag] = (),
    areas: Iterable[Area] = (),
    **fields: Any,
) -> Action:
    """Create an action under an operational objective with its partners and Bjørgo tags."""
    errors: dict[str, list[str]] = {}
    if objective.level != ObjectiveLevel.OPERATIONAL:
        errors["objective"] = [_("Actions belong to an operational objective.")]
    if owner is None:
        errors["owner"] = [_("Every action has an owning organisation.")]
    tags = list(mechanisms)
    for tag in tags:
        if tag.mechanism not in Mechanism.values:
            errors.setdefault("mechanisms", []).append(
                _("Unknown mechanism %(code)s.") % {"code": tag.mechanism}
            )
        elif not tag.rationale.strip():
            errors.setdefault("mechanisms", []).append(
                _("Say why the action activates %(mechanism)s.")
                % {"mechanism": Mechanism(tag.mechanism).label}
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = Action(objective=objective, title=title, owner=owner, budget=budget, **fields)
        action.full_clean()
        action.save()
        action.areas.set(list(areas))
        for organisation, role in partners:
            ActionPartner.objects.get_or_create(action=action, organisation=organisation, role=role)
        for tag in tags:
            ActionMechanism.objects.create(
                action=action,
                mechanism=tag.mechanism,
                strength=tag.strength,
                rationale=tag.rationale,
            )
        record_event(
            actor=actor,
            action="plan.action_created",
            target=action,
            data={"title": title, "mechanisms": [t.mechanism for t in tags]},
        )
    return action


def action_tag(*, actor: Any, action: Action, tag: MechanismTag) -> ActionMechanism:
    if tag.mechanism not in Mechanism.values:
        raise ValidationError({"mechanism": _("Unknown mechanism.")})
    if not tag.rationale.strip():
        raise ValidationError({"rationale": _("Say why the action activates this mechanism.")})
    with transaction.atomic():
        Action.objects.select_for_update().get(pk=action.pk)
        item, _created = ActionMechanism.objects.update_or_create(
            action=action,
            mechanism=tag.mechanism,
            defaults={"strength": tag.strength, "rationale": tag.rationale},
        )
        record_event(
            actor=actor,
            action="plan.action_tagged",
            target=action,
            data={"mechanism": tag.mechanism, "strength": tag.strength},
        )
    return item


def side_effect_record(
    *, actor: Any, action: Action, description: str, positive: bool, observed: bool
) -> SideEffect:
    if not description.strip():
        raise ValidationError({"description": _("Describe the side effect.")})
    with transaction.atomic():
        effect = SideEffect.objects.create(
            action=action, description=description, positive=positive, observed=observed
        )
        record_event(
            actor=actor,
            action="plan.side_effect_recorded",
            target=action,
            data={"positive": positive, "observed": observed},
        )
    return effect


def indicator_create(
    *,
    actor: Any,
    objective: Objective,
    targets: dict[int, Decimal] | None = None,
    **fields: Any,
) -> Indicator:
    """Create an indicator and its yearly targets in one transaction."""
    with transaction.atomic():
        indicator = Indicator(objective=objective, **fields)
        indicator.full_clean()
        indicator.save()
        for year, value in sorted((targets or {}).items()):
            Target.objects.create(indicator=indicator, year=year, value=value)
        record_event(
            actor=actor,
            action="plan.indicator_created",
            target=indicator,
            data={"code": indicator.code},
        )
    return indicator


def target_set(*, actor: Any, indicator: Indicator, year: int, value: Decimal) -> Target:
    with transaction.atomic():
        target, _created = Target.objects.update_or_create(
            indicator=indicator, year=year, defaults={"value": value}
        )
        record_event(
            actor=actor,
            action="plan.target_set",
            target=indicator,
            data={"year": year, "value": str(value)},
        )
    return target


def indicator_range(indicator: Indicator) -> tuple[Decimal | None, Decimal | None]:
    """Valid values: the indicator's own bounds, else 0–100 for a percentage and at least 0
    for counts, rates and amounts (all Urbis indicators are non-negative by nature)."""
    low, high = indicator.minimum, indicator.maximum
    if indicator.unit.strip() in ("%", "percent", "procent", "pourcent"):
        low = Decimal(0) if low is None else low
        high = Decimal(100) if high is None else high
    return (Decimal(0) if low is None else low), high


def measurement_record(
    *,
    actor: Any,
    indicator: Indicator,
    period_start: dt.date,
    period_end: dt.date,
    value: Decimal,
    source: str,
    base_n: int | None = None,
    ci: tuple[Decimal, Decimal] | None = None,
    area: Area | None = None,
    automatic: bool = False,
    note: str = "",
) -> Measurement:
    """Append a measurement (a correction is a new row; none is ever overwritten)."""
    errors: dict[str, list[str]] = {}
    low, high = indicator_range(indicator)
    if (low is not None and value < low) or (high is not None and value > high):
        errors["value"] = [
            _("%(value)s is outside the range of %(unit)s (%(low)s to %(high)s).")
            % {
                "value": value,
                "unit": indicator.unit,
                "low": "–" if low is None else low,
                "high": "–" if high is None else high,
            }
        ]
    if period_end < period_start:
        errors["period_end"] = [_("The period ends before it starts.")]
    if not source.strip():
        errors["source"] = [_("Say where the value comes from.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        measurement = Measurement.objects.create(
            indicator=indicator,
            period_start=period_start,
            period_end=period_end,
            value=value,
            base_n=base_n,
            ci_low=ci[0] if ci else None,
            ci_high=ci[1] if ci else None,
            area=area,
            source=source,
            automatic=automatic,
            note=note,
            entered_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record_event(
            actor=actor,
            action="plan.measurement_recorded",
            target=indicator,
            data={
                "value": str(value),
                "period_end": period_end.isoformat(),
                "automatic": automatic,
            },
        )
    return measurement


# --- Survey import -------------------------------------------------------------------------

SURVEY_COLUMNS = (
    "respondent",
    "area",
    "year",
    "weight",
    "insecurity",
    "pride",
    "avoid_dark",
    "avoid_places",
)
ANSWER_ALIASES = {
    "never": "never",
    "nooit": "never",
    "jamais": "never",
    "1": "never",
    "rarely": "rarely",
    "zelden": "rarely",
    "rarement": "rarely",
    "2": "rarely",
    "sometimes": "sometimes",
    "soms": "sometimes",
    "parfois": "sometimes",
    "3": "sometimes",
    "often": "often",
    "vaak": "often",
    "souvent": "often",
    "4": "often",
    "always": "always",
    "altijd": "always",
    "toujours": "always",
    "5": "always",
}


@dataclass
class ImportReport:
    imported: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


def _answer(value: Any, column: str) -> str:
    text = str(value or "").strip().lower()
    if not text:
        return ""
    if text not in ANSWER_ALIASES:
        raise ValueError(
            _("%(column)s: %(value)r is not on the scale %(scale)s")
            % {"column": column, "value": value, "scale": ", ".join(SCALE)}
        )
    return ANSWER_ALIASES[text]


def survey_import(
    *, actor: Any, rows: Iterable[dict[str, Any]], first_line: int = 2, all_or_nothing: bool = True
) -> ImportReport:
    """Import survey microdata rows; each rejected row is reported with its line and reason.

    With ``all_or_nothing`` (the default) nothing is written when any row is rejected, so a
    file is never half-imported; otherwise the valid rows are written.
    """
    report = ImportReport()
    areas = {area.code: area for area in Area.objects.all()}
    valid: list[SurveyResponse] = []
    seen: set[tuple[int, str]] = set()
    for line, row in enumerate(rows, start=first_line):
        try:
            missing = [c for c in ("respondent", "year") if not str(row.get(c) or "").strip()]
            if missing:
                raise ValueError(_("missing %(columns)s") % {"columns": ", ".join(missing)})
            year = int(str(row["year"]).strip())
            if not 1990 <= year <= 2100:
                raise ValueError(_("year: %(year)s is not a survey year") % {"year": year})
            respondent = str(row["respondent"]).strip()
            if (year, respondent) in seen or SurveyResponse.objects.filter(
                edition=year, respondent=respondent
            ).exists():
                raise ValueError(
                    _("respondent %(id)s appears twice for %(year)s")
                    % {"id": respondent, "year": year}
                )
            try:
                weight = float(str(row.get("weight") or "1").replace(",", "."))
            except ValueError:
                raise ValueError(_("weight: not a number")) from None
            if not math.isfinite(weight) or not weight > 0:
                raise ValueError(_("weight: must be positive"))
            area_code = str(row.get("area") or "").strip()
            if not area_code:
                raise ValueError(_("area: missing"))
            if area_code not in areas:
                raise ValueError(_("area: unknown code %(code)s") % {"code": area_code})
            response = SurveyResponse(
                edition=year,
                respondent=respondent,
                weight=weight,
                area=areas[area_code],
                insecurity=_answer(row.get("insecurity"), "insecurity"),
                pride=_answer(row.get("pride"), "pride"),
                avoid_dark=_answer(row.get("avoid_dark"), "avoid_dark"),
                avoid_places=_answer(row.get("avoid_places"), "avoid_places"),
            )
        except (ValueError, TypeError) as exc:
            report.rejected.append((line, str(exc)))
            continue
        seen.add((year, respondent))
        valid.append(response)
    if report.rejected and all_or_nothing:
        return report
    with transaction.atomic():
        SurveyResponse.objects.bulk_create(valid)
        record_event(
            actor=actor,
            action="plan.survey_imported",
            target=("plan.surveyresponse", 0),
            data={"rows": len(valid), "rejected": len(report.rejected)},
        )
    report.imported = len(valid)
    return report


def survey_publish(
    *, actor: Any, indicator: Indicator, edition: int, item: str = "insecurity"
) -> Measurement:
    """Turn a survey edition's weighted often+always share into a measurement (in %), with
    its base N and 95% interval; refused when the cell is suppressed."""
    from django.conf import settings

    from urbis.plan.survey import weighted_share

    if item not in ("insecurity", "pride", "avoid_dark", "avoid_places"):
        raise ValidationError({"item": _("Unknown survey question.")})
    if indicator.unit.strip() != "%":
        raise ValidationError(
            {"indicator": _("A survey share is a percentage: choose an indicator in %.")}
        )
    pairs = list(SurveyResponse.objects.filter(edition=edition).values_list(item, "weight"))
    result = weighted_share(
        [a or None for a, _w in pairs],
        [w for _a, w in pairs],
        min_respondents=getattr(settings, "URBIS_SURVEY_MIN_RESPONDENTS", 30),
    )
    if result.suppressed or result.share is None:
        raise ValidationError(
            {
                "edition": _("Too few respondents in %(year)s to publish a share.")
                % {"year": edition}
            }
        )
    assert result.ci_low is not None and result.ci_high is not None
    percent = Decimal(str(round(result.share * 100, 4)))
    ci = (Decimal(str(round(result.ci_low * 100, 4))), Decimal(str(round(result.ci_high * 100, 4))))
    return measurement_record(
        actor=actor,
        indicator=indicator,
        period_start=dt.date(edition, 1, 1),
        period_end=dt.date(edition, 12, 31),
        value=percent,
        base_n=result.n,
        ci=ci,
        source=_("Safety survey %(year)s, question %(item)s, weighted often+always")
        % {"year": edition, "item": item},
        automatic=True,
    )


def objective_add(
    *,
    actor: Any,
    parent: Objective,
    code: str,
    text: str,
    owner: Organisation | None = None,
    due_date: dt.date | None = None,
) -> Objective:
    """Add the next level under ``parent`` (general → strategic → operational)."""
    child = {
        ObjectiveLevel.GENERAL: ObjectiveLevel.STRATEGIC,
        ObjectiveLevel.STRATEGIC: ObjectiveLevel.OPERATIONAL,
    }.get(ObjectiveLevel(parent.level))
    if child is None:
        raise ValidationError(
            {"parent": _("An operational objective has actions, not objectives.")}
        )
    return objective_create(
        actor=actor,
        priority=parent.priority,
        level=child,
        code=code,
        text=text,
        parent=parent,
        owner=owner,
        due_date=due_date,
    )


def exchange_import(*, actor: Any, document: Any) -> str:
    """Import a peer city's practice sheet or anonymised benchmark file (validated first)."""
    from urbis.plan import exchange
    from urbis.plan.models import BenchmarkPoint, PracticeSheet

    schema = document.get("schema") if isinstance(document, dict) else None
    if schema == exchange.BENCHMARK_SCHEMA:
        exchange.validate_benchmark_file(document)
        city = str(document["city"]).strip()
        count = 0
        with transaction.atomic():
            for item in document.get("indicators") or []:
                for value in item.get("values") or []:
                    BenchmarkPoint.objects.update_or_create(
                        series=f"{city}: {item['name']}"[:100],
                        year=int(value["year"]),
                        defaults={
                            "value": Decimal(str(value["value"])),
                            "unit": item["unit"][:40],
                            "definition": item["definition"],
                            "population_base": str(item.get("population_base") or "")[:200],
                            "source": _("Benchmark file from %(city)s") % {"city": city},
                        },
                    )
                    count += 1
            record_event(
                actor=actor,
                action="plan.benchmarks_imported",
                target=("plan.benchmarkpoint", 0),
                data={"city": city, "values": count},
            )
        return _("%(n)s benchmark values imported from %(city)s.") % {"n": count, "city": city}
    exchange.validate_practice_sheet(document)
    with transaction.atomic():
        sheet = PracticeSheet.objects.create(
            title=str(document["title"])[:200],
            city=str(document.get("city") or "")[:200],
            document=document,
        )
        record_event(actor=actor, action="plan.practice_imported", target=sheet)
    return _("Practice sheet “%(title)s” imported.") % {"title": sheet.title}


def imported_practices() -> list[Any]:
    from urbis.plan.models import PracticeSheet

    return list(PracticeSheet.objects.all()[:50])
