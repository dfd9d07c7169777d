"""The demo city: a sample Mechelen for trying Urbis (``urbis demo``; DEBUG only).

Feature apps add their own demo data by registering a loader with ``register_demo_loader``;
``urbis demo`` calls each after the core data, in registration order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

DemoLoader = Callable[[Any], str]
_loaders: list[tuple[str, DemoLoader]] = []


def register_demo_loader(name: str, loader: DemoLoader) -> None:
    """``loader(system_user)`` must be idempotent and return a one-line summary."""
    if all(existing != name for existing, _ in _loaders):
        _loaders.append((name, loader))


def demo_loaders() -> list[tuple[str, DemoLoader]]:
    return list(_loaders)
