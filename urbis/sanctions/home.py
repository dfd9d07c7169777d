"""The GAS office's home page: decision limits within a week or past, the nightly sweep."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbis.core.audit import log_access_many
from urbis.core.home import HomeItem, register_provider
from urbis.core.models import AuditEvent
from urbis.sanctions import selectors
from urbis.sanctions.permissions import CASE_ROLES

#: Days ahead a decision limit shows on the home page (the sweep alerts much earlier).
WITHIN_DAYS = 7


def limits_due(user: Any) -> Iterator[HomeItem]:
    """Undecided cases whose decision limit falls within a week, or has passed (GAS law
    art. 26 §1: six months, or the term the deadline engine computed for the case)."""
    today = timezone.localdate()
    cases = list(selectors.at_risk(user, today, within_days=WITHIN_DAYS)[:8])
    log_access_many(user=user, targets=cases, purpose="gas.home")
    for case in cases:
        yield HomeItem(
            "due",
            _("Case %(number)s: decision") % {"number": case.number},
            reverse("sanctions:case", args=[case.number]),
            detail=case.ascertainment.article.code,
            due=case.decision_limit,
        )


def sweep_results(user: Any) -> Iterator[HomeItem]:
    """The last deadline sweep of the past two days, when it flagged anything."""
    since = timezone.now() - dt.timedelta(days=2)
    event = AuditEvent.objects.filter(action="gas.deadline_sweep", at__gte=since).first()
    if event is None:
        return
    counts = {key: len(event.data.get(key, [])) for key in ("alerts", "escalations", "time_barred")}
    yield HomeItem(
        "alert",
        _(
            "Deadline sweep: %(alerts)d alerts, %(escalations)d escalations, "
            "%(time_barred)d time-barred"
        )
        % counts,
        reverse("sanctions:cases"),
        at=event.at,
    )


def register() -> None:
    register_provider("gas.limits", limits_due, roles=CASE_ROLES)
    register_provider("gas.sweep", sweep_results, roles=CASE_ROLES)
