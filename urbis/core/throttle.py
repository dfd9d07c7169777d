"""A fixed-window counter in the Django cache (shared across workers with URBIS_CACHE_URL)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def hit(scope: str, value: str, *, limit: int, window_seconds: int = 3600) -> bool:
    """Count one attempt for ``value`` in ``scope``; False once ``limit`` is passed.

    The value is hashed, so no e-mail address or client address is kept in the cache."""
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    key = f"urbis:throttle:{scope}:{digest}"
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count <= limit
