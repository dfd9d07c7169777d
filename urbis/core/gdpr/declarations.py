"""Core's own GDPR declarations: user accounts and the audit/access logs (art. 30), the
access log's retention (purged with a proof), and the users' subject-access provider."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from urbis.core import db_guards
from urbis.core.calendar import add_months
from urbis.core.gdpr.registry import (
    ProcessingActivity,
    RetentionRule,
    SubjectItem,
    SubjectItems,
    SubjectQuery,
    register_processing_activity,
    register_retention_rule,
    register_subject_provider,
)
from urbis.core.models import AccessLogEntry
from urbis.core.types import Actor

register_processing_activity(
    ProcessingActivity(
        code="core.user_accounts",
        app="core",
        name=_("Staff accounts and roles"),
        purposes=(_("authenticate staff and give each the access of their role"),),
        legal_basis=(_("art. 6(1)(e) GDPR: the city's tasks; art. 32 security"),),
        data_subjects=(_("city staff and partner professionals"),),
        data_categories=(_("name, user name, e-mail, organisation, roles, login history"),),
        recipients=(_("administrators"),),
        retention=_("while the account is active; deactivated accounts are kept for the logs"),
        security=(_("hashed passwords, login throttling, two-factor authentication"),),
    )
)
register_processing_activity(
    ProcessingActivity(
        code="core.audit_access_logs",
        app="core",
        name=_("Audit log and access log"),
        purposes=(_("accountability: who changed or read which personal data (art. 5(2), 32)"),),
        legal_basis=(_("art. 6(1)(c) GDPR: legal obligation (art. 5(2), 32 GDPR)"),),
        data_subjects=(_("staff who act or read"), _("persons whose records were read")),
        data_categories=(_("user, time, object, purpose, address"),),
        recipients=(_("the DPO; administrators for the audit log"),),
        retention=_("access log: URBIS_ACCESS_LOG_RETENTION_MONTHS (default 24), then purged"),
        security=(_("append-only in the ORM and by database triggers"),),
    )
)


def _purge_access_log(today: dt.date, dry_run: bool) -> int:
    """The access log is itself personal data and kept for a fixed period (plan-casework.md
    §4.3). Rows are append-only by trigger: the purge lifts the trigger for this one statement
    inside the transaction, so no other write can slip through."""
    cutoff = add_months(today, -settings.URBIS_ACCESS_LOG_RETENTION_MONTHS)
    rows = AccessLogEntry.objects.filter(at__date__lt=cutoff)
    count = rows.count()
    if dry_run or not count:
        return count
    with transaction.atomic():
        db_guards.drop_triggers(connection, ("core_accesslogentry",))
        sql, params = rows.values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM core_accesslogentry WHERE id IN ({sql})", params)  # noqa: S608
        db_guards.create_triggers(connection, ("core_accesslogentry",))
    return count


register_retention_rule(
    RetentionRule(
        code="core.access_log",
        app="core",
        category=_("access-log rows"),
        retention=_("URBIS_ACCESS_LOG_RETENTION_MONTHS months from the read"),
        action="delete",
        run=_purge_access_log,
    )
)


def find_user(query: SubjectQuery, *, user: Actor) -> SubjectItems:
    """Staff accounts matching the e-mail address (users carry no national number)."""
    from django.contrib.auth import get_user_model

    result = SubjectItems(app="core", label=str(_("Staff accounts")))
    if not query.email:
        return result
    for account in get_user_model().objects.filter(email__iexact=query.email):
        result.items.append(
            SubjectItem(
                kind="user",
                label=account.get_username(),
                data={
                    "username": account.get_username(),
                    "name": account.get_full_name(),
                    "email": account.email,
                    "organisation": str(account.organisation or ""),
                    "roles": sorted(account.groups.values_list("name", flat=True)),
                    "last_login": account.last_login.isoformat() if account.last_login else None,
                },
                object_type="core.user",
                object_id=str(account.pk),
            )
        )
    return result


register_subject_provider("core", _("Staff accounts"), find_user)
