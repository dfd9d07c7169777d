"""Casework figures for the plan (pseudonymised counts with small-cell suppression) and the
nightly alert on overdue support-path actions."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbis.casework import rules
from urbis.casework.models import Case, SupportAction
from urbis.core.indicators import IndicatorProvider, ProvidedValue, register_provider
from urbis.core.nightly import nightly_job


def cases_by_table_risk_quarter() -> list[dict[str, object]]:
    """Cases opened per table, risk level and quarter; cells under the threshold suppressed
    (CW-R9). No person, no alias, no number leaves this function."""
    from collections import Counter

    counts: Counter[tuple[str, str, str]] = Counter()
    for table, risk, opened in Case.objects.values_list("table__name", "risk_level", "opened_on"):
        counts[(table, risk, f"{opened.year}-Q{(opened.month - 1) // 3 + 1}")] += 1
    threshold = settings.URBIS_CASEWORK_MIN_CELL
    return [
        {
            "table": table,
            "risk_level": risk,
            "quarter": quarter,
            "cases": rules.suppress_small(n, threshold),
        }
        for (table, risk, quarter), n in sorted(counts.items())
    ]


def cases_opened(period_start: dt.date, period_end: dt.date) -> ProvidedValue:
    n = Case.objects.filter(opened_on__gte=period_start, opened_on__lte=period_end).count()
    value = rules.suppress_small(n, settings.URBIS_CASEWORK_MIN_CELL)
    return ProvidedValue(
        value=None if value is None else float(value),
        base_n=value,
        source=(
            f"casework cases opened {period_start}..{period_end} "
            f"(n<{settings.URBIS_CASEWORK_MIN_CELL} suppressed)"
        ),
    )


register_provider(
    IndicatorProvider(
        code="casework.cases_opened",
        label=_("Multi-agency cases opened (small counts suppressed)"),
        unit="cases",
        compute=cases_opened,
    )
)


@nightly_job("casework.overdue_actions")
def overdue_actions() -> str:
    n = SupportAction.objects.filter(status="open", due_on__lt=timezone.localdate()).count()
    return f"{n} overdue support-path action(s)"
