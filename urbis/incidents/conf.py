"""The incidents app's settings, read from django.conf.settings with documented defaults.

config/settings.py sets them from the environment (URBIS_CITY_BBOX, URBIS_INCIDENTS_*);
docs/incidents.md lists which are BELIEVED conventions rather than facts.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "URBIS_CITY_BBOX": "",  # min_lon,min_lat,max_lon,max_lat; empty: from the areas
    "URBIS_INCIDENTS_MAX_WINDOW_DAYS": 31,  # BELIEVED: longer windows carry no timing
    "URBIS_INCIDENTS_MAX_ROWS": 1_000_000,
    "URBIS_INCIDENTS_MAX_BYTES": 200 * 1024 * 1024,
    "URBIS_INCIDENTS_AREA_KIND": "neighbourhood",
    "URBIS_INCIDENTS_AORISTIC_MAX_HOURS": 72,  # BELIEVED: longest window used as a midpoint
    "URBIS_INCIDENTS_COCOON_RADIUS_M": 200,  # BELIEVED (Johnson et al. 2007)
    "URBIS_INCIDENTS_COCOON_DAYS": 14,  # BELIEVED (Johnson et al. 2007)
    "URBIS_INCIDENTS_COCOON_ALPHA": 0.05,
    "URBIS_INCIDENTS_COCOON_MIN_RATIO": 1.0,
    "URBIS_INCIDENTS_COCOON_MAX_ADDRESSES": 2000,
    "URBIS_INCIDENTS_MIN_CELL": 5,  # BELIEVED: small-cell suppression in public outputs
    "URBIS_INCIDENTS_CACHE_SECONDS": 3600,
}


def get(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])
