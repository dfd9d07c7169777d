"""Safety-survey microdata import, and a result published as a measurement."""

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
from urbis.core.models import Area
from urbis.core.tabular import Table
from urbis.core.types import Actor
from urbis.plan.models import (
    Indicator,
    Measurement,
    SurveyResponse,
)
from urbis.plan.services.indicators import measurement_record
from urbis.plan.survey import SCALE, weighted_share

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


def _year(row: Any) -> int:
    year = int(str(row["year"]).strip())
    if not 1990 <= year <= 2100:
        raise ValueError(_("year: %(year)s is not a survey year") % {"year": year})
    return year


def _respondent(row: Any, year: int, seen: set[tuple[int, str]], respondent_max: int) -> str:
    respondent = str(row["respondent"]).strip()
    if len(respondent) > respondent_max:
        raise ValueError(
            _("respondent: at most %(max)s characters (this one has %(n)s)")
            % {"max": respondent_max, "n": len(respondent)}
        )
    if (year, respondent) in seen or SurveyResponse.objects.filter(
        edition=year, respondent=respondent
    ).exists():
        raise ValueError(
            _("respondent %(id)s appears twice for %(year)s") % {"id": respondent, "year": year}
        )
    return respondent


def _weight(row: Any) -> float:
    try:
        weight = float(str(row.get("weight") or "1").replace(",", "."))
    except ValueError:
        raise ValueError(_("weight: not a number")) from None
    if not math.isfinite(weight) or not weight > 0:
        raise ValueError(_("weight: must be positive"))
    return weight


def _area(row: Any, areas: dict[str, Area]) -> Area:
    area_code = str(row.get("area") or "").strip()
    if not area_code:
        raise ValueError(_("area: missing"))
    if area_code not in areas:
        raise ValueError(_("area: unknown code %(code)s") % {"code": area_code})
    return areas[area_code]


def _response(
    row: Any, *, areas: dict[str, Area], seen: set[tuple[int, str]], respondent_max: int
) -> SurveyResponse:
    """One file row as a response, or ``ValueError`` with the reason it is rejected."""
    missing = [c for c in ("respondent", "year") if not str(row.get(c) or "").strip()]
    if missing:
        raise ValueError(_("missing %(columns)s") % {"columns": ", ".join(missing)})
    year = _year(row)
    return SurveyResponse(
        edition=year,
        respondent=_respondent(row, year, seen, respondent_max),
        weight=_weight(row),
        area=_area(row, areas),
        insecurity=_answer(row.get("insecurity"), "insecurity"),
        pride=_answer(row.get("pride"), "pride"),
        avoid_dark=_answer(row.get("avoid_dark"), "avoid_dark"),
        avoid_places=_answer(row.get("avoid_places"), "avoid_places"),
    )


def survey_import(
    *,
    actor: Actor,
    rows: Table | Iterable[dict[str, Any]],
    first_line: int = 2,
    all_or_nothing: bool = True,
) -> ImportReport:
    """Import survey microdata rows; each rejected row is reported with its line and reason.

    ``rows`` is the ``Table`` of ``urbis.core.tabular.read_table`` (rows keep their line in the
    file; the rows the reader refused are reported too) or plain dictionaries. With
    ``all_or_nothing`` (the default) nothing is written when any row is rejected, so a file is
    never half-imported; otherwise the valid rows are written, in one transaction.
    """
    report = ImportReport()
    numbered: Iterable[tuple[int, Any]]
    if isinstance(rows, Table):
        report.rejected += [(r.line, r.reason) for r in rows.rejected]
        numbered = [(r.line, r.values) for r in rows.rows]
    else:
        numbered = enumerate(rows, start=first_line)
    areas = {area.code: area for area in Area.objects.all()}
    valid: list[SurveyResponse] = []
    seen: set[tuple[int, str]] = set()
    respondent_max = SurveyResponse._meta.get_field("respondent").max_length or 40
    for line, row in numbered:
        try:
            response = _response(row, areas=areas, seen=seen, respondent_max=respondent_max)
        except (ValueError, TypeError) as exc:
            report.rejected.append((line, str(exc)))
            continue
        seen.add((response.edition, response.respondent))
        valid.append(response)
    report.rejected.sort()
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
    *, actor: Actor, indicator: Indicator, edition: int, item: str = "insecurity"
) -> Measurement:
    """Turn a survey edition's weighted often+always share into a measurement (in %), with
    its base N and 95% interval; refused when the cell is suppressed."""
    from django.conf import settings

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
