"""GDPR reads for the DPO: subject access across apps, the access-log search with readable
names, unusual-access alerts, the break-glass report, requests and breaches."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncHour
from django.utils import timezone

from urbis.core.audit import log_access
from urbis.core.gdpr import registry
from urbis.core.gdpr.models import Breach, RetentionProof, SubjectRequest
from urbis.core.models import AccessLogEntry, AuditEvent
from urbis.core.roles import Role, has_role
from urbis.core.types import Actor

DPO_ROLES: tuple[str, ...] = (Role.DPO,)


def is_dpo(user: Actor) -> bool:
    return has_role(user, *DPO_ROLES)


@dataclass
class SubjectAccess:
    query: registry.SubjectQuery
    generated_at: dt.datetime
    apps: list[registry.SubjectItems] = field(default_factory=list)
    reads: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "national_number": self.query.national_number,
            "email": self.query.email,
            "generated_at": self.generated_at.isoformat(),
            "apps": [app_dict(a) for a in self.apps],
            "reads": self.reads,
        }


def app_dict(a: registry.SubjectItems) -> dict[str, Any]:
    """One app's part of a subject-access export: its items, and what it withholds with the
    reason only (never the content)."""
    return {
        "app": a.app,
        "label": str(a.label),
        "items": [{"kind": i.kind, "label": i.label, "data": i.data} for i in a.items],
        "withheld": [
            {"kind": w.kind, "reason": str(w.reason), "count": w.count} for w in a.withheld
        ],
    }


def subject_access(user: Actor, query: registry.SubjectQuery) -> SubjectAccess:
    """Find one person in every app that registered a provider (art. 15), plus who read those
    records according to the access log. Only the DPO (or the system, for the command)."""
    if user is not None and not is_dpo(user):
        raise PermissionError("subject access is for the DPO")
    result = SubjectAccess(query=query, generated_at=timezone.now())
    if query.is_empty():
        return result
    refs: set[tuple[str, str]] = set()
    for provider in registry.subject_providers():
        found = provider.find(query, user=user)
        result.apps.append(found)
        refs.update(ref for item in found.items for ref in item.refs())
    result.reads = reads_of(refs)
    return result


def reads_of(refs: set[tuple[str, str]], limit: int = 500) -> list[dict[str, Any]]:
    """Access-log rows on the given objects, newest first (the index on (object_type,
    object_id, at) answers this per object)."""
    if not refs:
        return []
    by_type: dict[str, list[str]] = {}
    for object_type, object_id in refs:
        by_type.setdefault(object_type, []).append(object_id)
    condition = Q()
    for object_type, ids in by_type.items():
        condition |= Q(object_type=object_type, object_id__in=ids)
    rows = (
        AccessLogEntry.objects.filter(condition)
        .exclude(purpose__startswith="gdpr.")
        .order_by("-at")
        .values("at", "user_label", "object_type", "object_id", "purpose")[:limit]
    )
    return [{**row, "at": row["at"].isoformat()} for row in rows]


@dataclass
class LogRow:
    entry: AccessLogEntry
    name: str
    url: str


def access_log_search(
    user: Actor,
    *,
    national_number: str = "",
    object_type: str = "",
    object_id: str = "",
    username: str = "",
    limit: int = 200,
) -> list[LogRow]:
    """The DPO's search: by person (through every app's subject provider), by object or by
    user; each object shown by its readable name with a link. The search itself is logged."""
    if not is_dpo(user):
        return []
    queryset: QuerySet[AccessLogEntry] = AccessLogEntry.objects.all()
    if national_number:
        refs: set[tuple[str, str]] = set()
        query = registry.SubjectQuery(national_number=national_number)
        for provider in registry.subject_providers():
            found = provider.find(query, user=user)
            refs.update(ref for item in found.items for ref in item.refs())
            refs.update(ref for w in found.withheld for ref in w.refs)
        if not refs:
            return []
        condition = Q()
        for ot, oid in refs:
            condition |= Q(object_type=ot, object_id=oid)
        queryset = queryset.filter(condition).exclude(purpose__startswith="gdpr.")
    if object_type:
        queryset = queryset.filter(object_type=object_type)
    if object_id:
        queryset = queryset.filter(object_id=object_id)
    if username:
        queryset = queryset.filter(user_label=username)
    if not (national_number or object_type or object_id or username):
        return []
    entries = list(queryset.order_by("-at", "-id")[:limit])
    log_access(
        user=user,
        target=("core.accesslogentry", "search"),
        purpose="gdpr.access_log_search",
    )
    return describe(entries)


def describe(entries: list[AccessLogEntry]) -> list[LogRow]:
    names: dict[tuple[str, str], tuple[str, str]] = {}
    by_type: dict[str, set[str]] = {}
    for entry in entries:
        by_type.setdefault(entry.object_type, set()).add(entry.object_id)
    for object_type, ids in by_type.items():
        fn = registry.describer(object_type)
        if fn is None:
            continue
        for object_id, named in fn(ids).items():
            names[(object_type, object_id)] = named
    rows = []
    for entry in entries:
        name, url = names.get(
            (entry.object_type, entry.object_id), (f"{entry.object_type} #{entry.object_id}", "")
        )
        rows.append(LogRow(entry=entry, name=name, url=url))
    return rows


@dataclass
class Alert:
    kind: str
    user_label: str
    at: dt.datetime
    detail: str


def unusual_access(user: Actor, *, since: dt.datetime | None = None) -> list[Alert]:
    """Alerts: a user reading more personal records in one hour than the threshold
    (``URBIS_GDPR_UNUSUAL_READS_PER_HOUR``), every break-glass use, every GDPR page or export
    refused to a non-DPO."""
    if not is_dpo(user):
        return []
    since = since or timezone.now() - dt.timedelta(days=7)
    threshold = settings.URBIS_GDPR_UNUSUAL_READS_PER_HOUR
    # Volume alerts look at the last day (an aggregate over the log's newest rows, on the
    # index on ``at``); break-glass uses at the whole window.
    recent = max(since, timezone.now() - dt.timedelta(days=1))
    heavy = (
        AccessLogEntry.objects.filter(at__gte=recent)
        .exclude(purpose__startswith="gdpr.")
        .annotate(hour=TruncHour("at"))
        .values("user_label", "hour")
        .annotate(reads=Count("id"))
        .filter(reads__gt=threshold)
        .order_by("-hour")[:100]
    )
    alerts = [
        Alert("volume", row["user_label"], row["hour"], f"{row['reads']} reads in one hour")
        for row in heavy
    ]
    glass = break_glass_uses(user, since=since)
    alerts += [
        Alert("break_glass", e.actor_label, e.at, str(e.data.get("reason", ""))) for e in glass
    ]
    alerts += [
        Alert("refused", e.actor_label, e.at, f"{e.data.get('page', '')} {e.data.get('path', '')}")
        for e in export_refusals(user, since=since)[:200]
    ]
    return sorted(alerts, key=lambda a: a.at, reverse=True)


def export_refusals(user: Actor, *, since: dt.datetime | None = None) -> QuerySet[AuditEvent]:
    """GDPR pages and exports refused to a non-DPO (audit event ``gdpr.export_refused``)."""
    if not is_dpo(user):
        return AuditEvent.objects.none()
    queryset = AuditEvent.objects.filter(action="gdpr.export_refused")
    if since is not None:
        queryset = queryset.filter(at__gte=since)
    return queryset.order_by("-at")


def break_glass_uses(user: Actor, *, since: dt.datetime | None = None) -> QuerySet[AuditEvent]:
    """Every break-glass opening: apps record it as the audit event ``<app>.break_glass`` with
    the reason in its data (each read under it is in the access log as ``<app>.break_glass``)."""
    if not is_dpo(user):
        return AuditEvent.objects.none()
    queryset = AuditEvent.objects.filter(action__endswith=".break_glass")
    if since is not None:
        queryset = queryset.filter(at__gte=since)
    return queryset.order_by("-at")


def break_glass_reviews(user: Actor, events: list[AuditEvent]) -> dict[int, AuditEvent]:
    """The DPO's review of each of ``events`` (by the opening's id), where there is one."""
    if not is_dpo(user) or not events:
        return {}
    reviews = AuditEvent.objects.filter(
        action="gdpr.break_glass_reviewed",
        object_type="core.auditevent",
        object_id__in=[str(e.pk) for e in events],
    )
    return {int(r.object_id): r for r in reviews}


def requests_for(user: Actor) -> QuerySet[SubjectRequest]:
    if not is_dpo(user):
        return SubjectRequest.objects.none()
    return SubjectRequest.objects.prefetch_related("steps")


def breaches_for(user: Actor) -> QuerySet[Breach]:
    if not is_dpo(user):
        return Breach.objects.none()
    return Breach.objects.all()


def retention_status(user: Any) -> list[dict[str, Any]]:
    """Every registered retention rule with its latest proof (``None``: never run)."""
    if not is_dpo(user):
        return []
    rules = registry.retention_rules()
    latest: dict[str, RetentionProof] = {}
    for proof in RetentionProof.objects.filter(rule__in=[r.code for r in rules]).order_by("-at"):
        latest.setdefault(proof.rule, proof)
    return [
        {
            "code": r.code,
            "app": r.app,
            "category": str(r.category),
            "retention": str(r.retention),
            "action": r.action,
            "last_run": latest.get(r.code),
        }
        for r in rules
    ]


def rectifications_of(user: Any, request: SubjectRequest) -> list[Any]:
    """A request's rectifications with their old and new values, for the DPO (logged)."""
    if not is_dpo(user):
        return []
    rows = list(request.rectifications.all())
    if rows:
        log_access(user=user, target=request, purpose="gdpr.rectification_history")
    return rows
