"""Dashboard alerts published by the apps (e.g. a cocoon watch after a burglary).

An app registers a source in ``AppConfig.ready()``; the dashboard shows each user the alerts
the sources return for them (a source filters by the user's roles itself).

    register_source("incidents.cocoon", lambda user: [Alert(...), ...])
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from urbis.core.types import Actor

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Alert:
    key: str
    title: str | Promise
    url: str
    detail: str | Promise = ""


AlertSource = Callable[[Any], list[Alert]]
_sources: dict[str, AlertSource] = {}


def register_source(code: str, source: AlertSource) -> None:
    _sources[code] = source


def alerts_for(user: Actor) -> list[Alert]:
    found: list[Alert] = []
    for code in sorted(_sources):
        try:
            found.extend(_sources[code](user))
        except Exception:  # one broken source must not take the dashboard down
            logger.exception("alert source %s failed", code)
    return found
