"""The POST body of a zone's checklist page, as the browser sends it (one row per item)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from urbis.cpted.models import Assessment, Zone


def zone_url(assessment: Assessment, zone: Zone) -> str:
    return reverse("cpted:zone_checklist", args=[assessment.pk, zone.pk])


def zone_data(assessment: Assessment, rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Every item of the checklist in page order; ``rows`` fills some by item code."""
    items = list(assessment.template.items.all())
    data: dict[str, Any] = {
        "form-TOTAL_FORMS": str(len(items)),
        "form-INITIAL_FORMS": str(len(items)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "500",
    }
    for index, item in enumerate(items):
        for name, value in rows.get(item.code, {}).items():
            data[f"form-{index}-{name}"] = value
    return data


def row_index(assessment: Assessment, code: str) -> int:
    return [i.code for i in assessment.template.items.all()].index(code)
