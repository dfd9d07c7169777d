"""The dashboard's indicator charts as plain data for static/js/plan-dashboard.js (no inline
script: the chart reads a data attribute). The same series fill the table beside each chart."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from urbis.plan.selectors import IndicatorTrend


def _series(years: list[int], points: dict[int, Decimal]) -> list[float | None]:
    return [float(points[year]) if year in points else None for year in years]


def trend_chart(trend: IndicatorTrend) -> dict[str, Any]:
    """Labels (years) and three series: the measured value, the target and the benchmark."""
    return {
        "labels": [str(year) for year in trend.years],
        "unit": trend.status.indicator.unit,
        "values": _series(trend.years, trend.values),
        "targets": _series(trend.years, trend.targets),
        "benchmarks": _series(trend.years, trend.benchmarks),
        "names": {
            "value": _("Measured"),
            "target": _("Target"),
            "benchmark": trend.benchmark_series or _("Benchmark"),
        },
    }


def trend_chart_json(trend: IndicatorTrend) -> str:
    return json.dumps(trend_chart(trend), ensure_ascii=False)
