"""Core's own home-page providers: the DPO's alerts and requests, the administrator's accounts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbis.core import home
from urbis.core.gdpr import selectors as gdpr
from urbis.core.models import AuditEvent
from urbis.core.roles import Role, has_role

_ALERT_TITLES = {
    "volume": _("Unusual volume of reads by %(who)s"),
    "break_glass": _("Break-glass access by %(who)s"),
    "refused": _("GDPR page refused to %(who)s"),
}


def dpo_unusual_access(user: Any) -> Iterator[home.HomeItem]:
    """Unusual access of the last week (core/gdpr/selectors.py), newest first."""
    url = reverse("core:gdpr") + "#alerts"
    for alert in gdpr.unusual_access(user):
        title = _ALERT_TITLES.get(alert.kind, _("Access alert for %(who)s"))
        yield home.HomeItem(
            "alert", title % {"who": alert.user_label}, url, detail=alert.detail, at=alert.at
        )


def dpo_requests_due(user: Any) -> Iterator[home.HomeItem]:
    """Open data-subject requests, by the day their answer is due (GDPR art. 12(3))."""
    for request in gdpr.requests_for(user).filter(status="open").order_by("due_on")[:8]:
        yield home.HomeItem(
            "due",
            request.get_kind_display(),
            reverse("core:gdpr_request", args=[request.pk]),
            due=request.due_on,
        )


def admin_recent_accounts(user: Any) -> Iterator[home.HomeItem]:
    """The latest changes to accounts (invitations, roles, deactivations, second factors)."""
    if not has_role(user, Role.ADMIN):
        return
    since = timezone.now() - dt.timedelta(days=30)
    events = AuditEvent.objects.filter(
        action__startswith="user.", object_type="core.user", at__gte=since
    ).exclude(action__in=["user.password_changed", "user.2fa_enrolled", "user.password_reset"])
    for event in events.order_by("-at")[:8]:
        yield home.HomeItem(
            "recent",
            f"{event.object_label or event.object_id}: {event.action}",
            reverse("core:manage_user", args=[event.object_id]),
            detail=event.actor_label,
            at=event.at,
        )


def register() -> None:
    home.register_provider("core.dpo_alerts", dpo_unusual_access, roles={Role.DPO})
    home.register_provider("core.dpo_requests", dpo_requests_due, roles={Role.DPO})
    home.register_provider("core.accounts", admin_recent_accounts, roles={Role.ADMIN})
