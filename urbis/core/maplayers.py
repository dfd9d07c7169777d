"""The registry of GeoJSON layers shown on the core city map (``/map/``).

Core depends on no feature app (import-linter), so a feature app registers its layers in
``AppConfig.ready()``, like the module entries (``urbis.core.modules``). The map page shows a
user only the layers one of whose roles they hold; the layer's own view must check the same
roles (a layer URL is an ordinary protected route).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise

from urbis.core.roles import roles_of


@dataclass(frozen=True)
class MapLayer:
    key: str
    label: str | Promise
    url_name: str
    roles: frozenset[str]
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_registry: dict[str, MapLayer] = {}


def register(layer: MapLayer) -> None:
    _registry[layer.key] = layer


def visible_to(user: object) -> list[MapLayer]:
    roles = roles_of(user)  # type: ignore[arg-type]
    return sorted(
        (layer for layer in _registry.values() if layer.roles & roles),
        key=lambda layer: (layer.order, layer.key),
    )


def all_layers() -> list[MapLayer]:
    return sorted(_registry.values(), key=lambda layer: (layer.order, layer.key))
