"""Exchange with peer cities: the practice sheet (JSON, schema version 1).

No machine-readable Efus format exists (domain/plan-casework.md §5); the sheet is the union of
the Efus practice-sheet elements, the EWSI template fields and the four EUCPN good-practice
criteria, plus Bjørgo mechanism tags. The schema is documented in docs/plan.md.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from urbis.plan.bjorgo import Mechanism
from urbis.plan.models import Action, Indicator

SCHEMA = "urbis.practice-sheet/1"
REQUIRED = ("schema", "title", "problem", "measures", "mechanisms", "partners", "contact")


def practice_sheet(action: Action) -> dict[str, Any]:
    """Build the practice sheet of an action (no personal data beyond the public contact)."""
    objective = action.objective
    phenomenon = objective.priority.phenomenon
    return {
        "schema": SCHEMA,
        "title": action.title,
        "city": objective.priority.plan.title,
        "period": {
            "start": action.start.isoformat() if action.start else None,
            "end": action.end.isoformat() if action.end else None,
        },
        "problem": {
            "phenomenon": phenomenon.code,
            "label": phenomenon.label_en,
            "objective": objective.text,
        },
        "measures": action.description,
        "mechanisms": [
            {
                "code": m.mechanism,
                "label": str(Mechanism(m.mechanism).label),
                "strength": m.strength,
                "rationale": m.rationale,
            }
            for m in action.mechanisms.all()
        ],
        "partners": [{"name": p.organisation.name, "role": p.role} for p in action.partners.all()],
        "costs": {"budget_eur": str(action.budget), "funding": action.funding_source},
        "results": [
            {
                "indicator": i.name,
                "unit": i.unit,
                "values": [
                    {"period_end": m.period_end.isoformat(), "value": str(m.value)}
                    for m in i.measurements.all()
                    if m.area_id is None
                ],
            }
            for i in objective.indicators.all()
        ],
        "evaluation": {
            "side_effects": [
                {"description": s.description, "positive": s.positive, "observed": s.observed}
                for s in action.side_effects.all()
            ]
        },
        "contact": {"organisation": action.owner.name, "email": action.owner.email},
    }


def validate_practice_sheet(document: Any) -> dict[str, Any]:
    """Check an incoming sheet; every problem is named by its field."""
    if not isinstance(document, dict):
        raise ValidationError({"document": ["A practice sheet is a JSON object."]})
    errors: dict[str, list[str]] = {}
    for key in REQUIRED:
        if key not in document:
            errors[key] = ["This field is required."]
    if document.get("schema") not in (None, SCHEMA):
        errors["schema"] = [f"Unsupported schema {document.get('schema')!r}; expected {SCHEMA}."]
    for index, item in enumerate(document.get("mechanisms") or []):
        if not isinstance(item, dict) or item.get("code") not in Mechanism.values:
            errors.setdefault("mechanisms", []).append(f"Item {index}: unknown mechanism code.")
    if errors:
        raise ValidationError(errors)
    return document


BENCHMARK_SCHEMA = "urbis.indicator-benchmarks/1"


def benchmark_file(plan: Any) -> dict[str, Any]:
    """Anonymised indicator benchmarks: aggregate yearly values only, never microdata, areas
    or persons, so a peer city can compare definitions and levels."""
    indicators = []
    for indicator in Indicator.objects.filter(
        objective__priority__plan__in=[plan, *([plan.extends] if plan.extends_id else [])]
    ).prefetch_related("measurements"):
        by_year: dict[int, str] = {}
        for measurement in sorted(
            indicator.measurements.all(), key=lambda m: (m.period_end, m.entered_at)
        ):
            if measurement.area_id is None:
                by_year[measurement.period_end.year] = str(measurement.value)
        indicators.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "unit": indicator.unit,
                "definition": indicator.definition,
                "population_base": indicator.population_base,
                "values": [
                    {"year": year, "value": value} for year, value in sorted(by_year.items())
                ],
            }
        )
    return {"schema": BENCHMARK_SCHEMA, "city": plan.title, "indicators": indicators}


def validate_benchmark_file(document: Any) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if not isinstance(document, dict) or document.get("schema") != BENCHMARK_SCHEMA:
        raise ValidationError({"schema": [f"Expected {BENCHMARK_SCHEMA}."]})
    if not str(document.get("city") or "").strip():
        errors["city"] = ["This field is required."]
    for index, item in enumerate(document.get("indicators") or []):
        for key in ("name", "unit", "definition", "values"):
            if not isinstance(item, dict) or key not in item:
                errors.setdefault("indicators", []).append(f"Item {index}: {key} is required.")
        for value in (item.get("values") or []) if isinstance(item, dict) else []:
            try:
                year = int(value["year"])
                number = Decimal(str(value["value"]))
                if not number.is_finite() or not 1900 <= year <= 2100 or abs(number) >= 10**10:
                    raise ValueError(value)
            except (KeyError, TypeError, ValueError, ArithmeticError):
                errors.setdefault("indicators", []).append(
                    f"Item {index}: each value needs a year and a finite number."
                )
    if errors:
        raise ValidationError(errors)
    return document
