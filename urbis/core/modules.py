"""The registry of modules shown in the navigation and on the dashboard.

Each app registers its entries in ``AppConfig.ready()``; the shell shows a user only the
entries one of whose roles they hold, so no link is dead and none leads to a 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise

from urbis.core.roles import roles_of


@dataclass(frozen=True)
class ModuleEntry:
    key: str
    label: str | Promise
    url_name: str
    roles: frozenset[str]
    description: str | Promise = ""
    order: int = 100
    children: tuple[tuple[str | Promise, str], ...] = field(default=())

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_registry: dict[str, ModuleEntry] = {}


def register(entry: ModuleEntry) -> None:
    _registry[entry.key] = entry


def visible_to(user: object) -> list[ModuleEntry]:
    roles = roles_of(user)  # type: ignore[arg-type]
    return sorted(
        (entry for entry in _registry.values() if entry.roles & roles),
        key=lambda entry: (entry.order, entry.key),
    )


def all_entries() -> list[ModuleEntry]:
    return sorted(_registry.values(), key=lambda entry: (entry.order, entry.key))


def active_entry(path: str, entries: list[ModuleEntry], home: str = "/") -> str | None:
    """The key of the one navigation entry the page at ``path`` belongs to: the entry whose
    URL is the longest prefix of the path (``/plan/1/dashboard/`` belongs to the plan at
    ``/plan/``, ``/plan/survey/`` to the survey). ``home`` (the dashboard, a prefix of every
    path) is active only on itself; ``None`` when the page belongs to no entry."""
    if path == home:
        return "dashboard"
    best: tuple[int, str] | None = None
    for entry in entries:
        url = entry.url
        if url != home and path.startswith(url) and (best is None or len(url) > best[0]):
            best = (len(url), entry.key)
    return best[1] if best else None
