"""Crime analytics kernels: pure numpy/scipy/numba, no Django (an import contract enforces it).

Near-repeat Knox test, kernel density and Getis–Ord Gi* hotspots, prospective hotspotting,
grid ETAS forecasting, and hit rate / PAI / PEI evaluation. Specification and golden values:
domain/analytics.md; usage: docs/analytics.md.

The public names below are imported on first use (PEP 562): numba and scipy take seconds to
import, and the command line should answer ``--help`` or a bad option at once.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from urbis.analytics.etas import GridETAS, HawkesSample, simulate_hawkes
    from urbis.analytics.evaluation import hit_rate, pai, pei
    from urbis.analytics.grid import Grid, grid_for
    from urbis.analytics.hotspots import (
        GiStarResult,
        benjamini_hochberg,
        gi_star,
        gi_star_areas,
    )
    from urbis.analytics.kde import KdeResult, kde_grid
    from urbis.analytics.knox import KnoxResult, knox_test
    from urbis.analytics.projection import (
        BELGIAN_LAMBERT_72,
        ensure_metres,
        project_lonlat,
        to_metres,
        unproject,
        utm_crs,
    )
    from urbis.analytics.prospective import RiskGrid, prospective_hotspot

_EXPORTS = {
    "GridETAS": "etas",
    "HawkesSample": "etas",
    "simulate_hawkes": "etas",
    "hit_rate": "evaluation",
    "pai": "evaluation",
    "pei": "evaluation",
    "Grid": "grid",
    "grid_for": "grid",
    "GiStarResult": "hotspots",
    "benjamini_hochberg": "hotspots",
    "gi_star": "hotspots",
    "gi_star_areas": "hotspots",
    "KdeResult": "kde",
    "kde_grid": "kde",
    "KnoxResult": "knox",
    "knox_test": "knox",
    "BELGIAN_LAMBERT_72": "projection",
    "ensure_metres": "projection",
    "project_lonlat": "projection",
    "to_metres": "projection",
    "unproject": "projection",
    "utm_crs": "projection",
    "RiskGrid": "prospective",
    "prospective_hotspot": "prospective",
}

__all__ = [
    "BELGIAN_LAMBERT_72",
    "GiStarResult",
    "Grid",
    "GridETAS",
    "HawkesSample",
    "KdeResult",
    "KnoxResult",
    "RiskGrid",
    "benjamini_hochberg",
    "ensure_metres",
    "gi_star",
    "gi_star_areas",
    "grid_for",
    "hit_rate",
    "kde_grid",
    "knox_test",
    "pai",
    "pei",
    "project_lonlat",
    "prospective_hotspot",
    "simulate_hawkes",
    "to_metres",
    "unproject",
    "utm_crs",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'urbis.analytics' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"urbis.analytics.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
