"""Results keyed by their inputs: a layer's parameters plus the data revision.

The revision is derived from the incidents themselves (count, latest change, highest id), so a
cached layer is never stale, in any worker, and never recomputed needlessly.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

from urbis.core.models import Area
from urbis.core.types import Actor
from urbis.incidents import conf
from urbis.incidents.models import Incident
from urbis.incidents.selectors import scope

T = TypeVar("T")


def revision() -> str:
    """The data revision, read from the database: number of incidents, the latest change and
    the highest id. Every write (import, hand entry, correction, deletion) changes it, and
    every web worker sees the same value (a per-process cache would not)."""
    from django.db.models import Count, Max

    agg = Incident.objects.aggregate(n=Count("pk"), changed=Max("updated_at"), top=Max("pk"))
    stamp = agg["changed"].timestamp() if agg["changed"] else 0
    # The grid and the study-area mask come from the areas and the configured extent.
    areas = Area.objects.aggregate(n=Count("pk"), top=Max("pk"))
    extent = f"{conf.get('URBIS_CITY_BBOX')}|{conf.get('URBIS_INCIDENTS_AREA_KIND')}"
    return f"{agg['n']}:{stamp:.6f}:{agg['top'] or 0}:{areas['n']}:{areas['top']}:{extent}"


def bump() -> None:
    """Kept for the writers' call sites: the revision is derived from the data itself."""
    return None


def key_for(kind: str, params: dict[str, Any]) -> str:
    text = json.dumps(params, sort_keys=True, default=str)
    digest = hashlib.sha256(f"{kind}:{revision()}:{text}".encode()).hexdigest()[:40]
    return f"urbis.incidents.{kind}.{digest}"


def cached(
    kind: str, user: Actor, params: dict[str, Any], compute: Callable[[], T]
) -> tuple[T, bool]:
    """(value, hit): the cached value for these inputs, or compute and store it. What the
    user may see is part of the inputs (an outsider never gets an analyst's layer)."""
    key = key_for(kind, {**params, "scope": scope(user)})
    value = cache.get(key)
    if value is not None:
        return value, True
    value = compute()
    cache.set(key, value, int(conf.get("URBIS_INCIDENTS_CACHE_SECONDS")))
    return value, False
