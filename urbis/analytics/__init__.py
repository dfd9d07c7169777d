"""Crime analytics kernels: pure numpy/scipy/numba, no Django (an import contract enforces it).

Near-repeat Knox test, kernel density and Getis–Ord Gi* hotspots, prospective hotspotting,
grid ETAS forecasting, and hit rate / PAI / PEI evaluation. Specification and golden values:
domain/analytics.md; usage: docs/analytics.md.
"""

from urbis.analytics.etas import GridETAS, HawkesSample, simulate_hawkes
from urbis.analytics.evaluation import hit_rate, pai, pei
from urbis.analytics.grid import Grid, grid_for
from urbis.analytics.hotspots import GiStarResult, benjamini_hochberg, gi_star, gi_star_areas
from urbis.analytics.kde import KdeResult, kde_grid
from urbis.analytics.knox import KnoxResult, knox_test
from urbis.analytics.projection import BELGIAN_LAMBERT_72, project_lonlat, unproject
from urbis.analytics.prospective import RiskGrid, prospective_hotspot

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
    "unproject",
]
