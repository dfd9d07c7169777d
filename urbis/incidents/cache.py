"""Results keyed by their inputs: a layer's parameters plus the data revision.

Every write that changes incidents bumps the revision (on commit), so a cached layer is never
stale and never recomputed needlessly.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

from urbis.incidents import conf

T = TypeVar("T")
_REVISION = "urbis.incidents.revision"


def revision() -> int:
    value = cache.get(_REVISION)
    if value is None:
        from urbis.incidents.models import Incident

        # After a restart: derive one from the data so old entries are not reused blindly.
        latest = Incident.objects.order_by("-updated_at").values_list("updated_at", flat=True)
        stamp = latest.first()
        value = int(stamp.timestamp() * 1000) if stamp else 1
        cache.set(_REVISION, value, None)
    return int(value)


def bump() -> None:
    """Invalidate every cached layer once the current transaction commits."""

    def _bump() -> None:
        try:
            cache.incr(_REVISION)
        except ValueError:
            cache.set(_REVISION, revision() + 1, None)

    transaction.on_commit(_bump)


def key_for(kind: str, params: dict[str, Any]) -> str:
    text = json.dumps(params, sort_keys=True, default=str)
    digest = hashlib.sha256(f"{kind}:{revision()}:{text}".encode()).hexdigest()[:40]
    return f"urbis.incidents.{kind}.{digest}"


def cached(
    kind: str, user: Any, params: dict[str, Any], compute: Callable[[], T]
) -> tuple[T, bool]:
    """(value, hit): the cached value for these inputs, or compute and store it. What the
    user may see is part of the inputs (an outsider never gets an analyst's layer)."""
    from urbis.incidents.selectors import scope

    key = key_for(kind, {**params, "scope": scope(user)})
    value = cache.get(key)
    if value is not None:
        return value, True
    value = compute()
    cache.set(key, value, int(conf.get("URBIS_INCIDENTS_CACHE_SECONDS")))
    return value, False
