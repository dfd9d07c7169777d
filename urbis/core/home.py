"""What each user's home page (/) shows: their work, filled by the apps.

Core imports no feature app (import-linter); each app registers providers in its
``AppConfig.ready()``, written against its own selectors::

    home.register_provider("gas.limits", gas_limits, roles={"sanctioning_officer", "gas_staff"})

A provider takes the user and returns :class:`HomeItem` objects for one of three sections:
``due`` (with a date: overdue when it has passed), ``alert`` and ``recent``. It is only called
for users holding one of its roles, and one failing provider never takes the home page down.
The alert sources of :mod:`urbis.core.alerts` (cocoon watch, ...) show as alerts too.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from django.utils import timezone
from django.utils.functional import Promise

from urbis.core import alerts
from urbis.core.roles import roles_of

logger = logging.getLogger(__name__)

Section = Literal["due", "alert", "recent"]
#: Items per section and provider: the home page is a summary, the app's page has the rest.
PER_PROVIDER = 8


@dataclass(frozen=True)
class HomeItem:
    section: Section
    title: str | Promise
    url: str
    detail: str | Promise = ""
    due: dt.date | None = None
    at: dt.datetime | None = None  # recent items: when it happened, newest first
    source: str = ""  # set by the registry: the provider's code (the page's data-source)

    def overdue_on(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today


HomeProvider = Callable[[Any], Iterable[HomeItem]]


@dataclass(frozen=True)
class _Registration:
    provider: HomeProvider
    roles: frozenset[str]


@dataclass
class Home:
    overdue: list[HomeItem] = field(default_factory=list)
    due: list[HomeItem] = field(default_factory=list)
    alerts: list[HomeItem] = field(default_factory=list)
    recent: list[HomeItem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due or self.alerts or self.recent)


_providers: dict[str, _Registration] = {}


def register_provider(code: str, provider: HomeProvider, *, roles: Iterable[str]) -> None:
    _providers[code] = _Registration(provider=provider, roles=frozenset(roles))


def registered() -> list[str]:
    return sorted(_providers)


def _collect(user: Any) -> list[HomeItem]:
    held = roles_of(user)
    items: list[HomeItem] = []
    for code in sorted(_providers):
        registration = _providers[code]
        if not registration.roles & held:
            continue
        try:
            found = list(registration.provider(user))[:PER_PROVIDER]
        except Exception:  # one broken provider must not take the home page down
            logger.exception("home provider %s failed", code)
            continue
        items.extend(replace(item, source=code) for item in found)
    for alert in alerts.alerts_for(user):
        items.append(HomeItem("alert", alert.title, alert.url, alert.detail, source=alert.key))
    return items


def home_for(user: Any, today: dt.date | None = None) -> Home:
    """The user's home: overdue and due work (soonest first), alerts, recent items."""
    today = today or timezone.localdate()
    home = Home()
    for item in _collect(user):
        if item.section == "due":
            (home.overdue if item.overdue_on(today) else home.due).append(item)
        elif item.section == "alert":
            home.alerts.append(item)
        else:
            home.recent.append(item)
    home.overdue.sort(key=lambda item: item.due or today)
    home.due.sort(key=lambda item: item.due or today)
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    home.recent.sort(key=lambda item: item.at or oldest, reverse=True)
    return home
