"""Casework reads. The case queryset already excludes every case the user does not take part in
(or holds no live break-glass access to), so no page, search, count, export or API can leak one
(ADR 0003). Every read of case data writes the access log with its purpose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from urbis.casework import rules
from urbis.casework.models import (
    BreakGlassAccess,
    Case,
    ContactLog,
    Disclosure,
    FeedbackSheet,
    Participant,
    SupportAction,
)
from urbis.casework.permissions import BREAK_GLASS_ROLES, CASE_ROLES
from urbis.core.audit import log_access, log_access_many
from urbis.core.roles import Role, has_role
from urbis.core.types import Actor, actor_user


def _break_glass_case_ids(user: Actor) -> list[int]:
    if not has_role(user, *BREAK_GLASS_ROLES()):
        return []
    return list(
        BreakGlassAccess.objects.filter(
            user=actor_user(user), expires_at__gt=timezone.now()
        ).values_list("case_id_ref", flat=True)
    )


def cases_for(user: Actor) -> QuerySet[Case]:
    """The cases ``user`` may see: those they take part in, plus live break-glass grants.
    Nobody else sees any — administrators and the coordinator included (CW-R2)."""
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    participating = Q(
        pk__in=Participant.objects.filter(
            user=actor_user(user), removed_at__isnull=True, case__isnull=False
        ).values("case_id")
    )
    if not has_role(user, *CASE_ROLES):
        participating = Q(pk__in=[])
    glass = _break_glass_case_ids(user)
    return Case.objects.filter(participating | Q(pk__in=glass)).select_related("table")


@dataclass
class CaseAccess:
    case: Case
    participant: Participant | None
    break_glass: bool

    @property
    def identity_visible(self) -> bool:
        return rules.identity_visible(
            identity_rights=bool(self.participant and self.participant.identity_rights),
            break_glass_active=self.break_glass,
        )

    @property
    def is_director(self) -> bool:
        return bool(self.participant and self.participant.capacity == "director")


def case_get(user: Actor, *, case_id: int, purpose: str) -> CaseAccess:
    """One case the user may see (``Case.DoesNotExist`` otherwise — the view answers 404,
    the same as for a number that does not exist), access-logged with its purpose code
    (``casework.<purpose>``; ``casework.break_glass`` for a read under break-glass)."""
    case = cases_for(user).get(pk=case_id)
    participant = Participant.objects.filter(
        case=case, user=actor_user(user), removed_at__isnull=True
    ).first()
    if participant is not None and not has_role(user, *CASE_ROLES):
        participant = None
    glass = participant is None
    log_access(
        user=user,
        target=case,
        purpose="casework.break_glass" if glass else f"casework.{purpose}",
    )
    return CaseAccess(case=case, participant=participant, break_glass=glass)


def takes_part(user: Actor, *, case_id: int) -> bool:
    """Whether the user is a live participant of the case (no case data read, nothing
    logged): the guard before any answer that is not the case itself."""
    return (
        has_role(user, *CASE_ROLES)
        and Participant.objects.filter(
            case_id=case_id, user=actor_user(user), removed_at__isnull=True
        ).exists()
    )


def case_list(user: Actor, *, text: str = "", status: str = "") -> list[Case]:
    """The user's cases, searched by number or alias (never by content), access-logged."""
    queryset = cases_for(user)
    text = text.replace("\x00", "").strip()[:60]  # NUL is not text (PostgreSQL refuses it)
    if text:
        queryset = queryset.filter(Q(number__icontains=text) | Q(alias__icontains=text))
    if status:
        queryset = queryset.filter(status=status)
    cases = list(queryset[:200])
    log_access_many(user=user, targets=cases, purpose="casework.case_list")
    return cases


def visible_disclosures(access: CaseAccess, user: Actor) -> list[Disclosure]:
    """The disclosures of the case that this user may see (CW-R4)."""
    rows = list(
        access.case.disclosures.select_related("disclosed_by", "organisation", "meeting")
        .prefetch_related("audience")
        .order_by("at", "pk")
    )
    if access.break_glass:
        # Break-glass opens the case record, never what a partner confided to chosen people.
        return [d for d in rows if d.secrecy_class == "shareable" and not d.audience.all()]
    viewer = access.participant.user_id if access.participant else 0  # 0: nobody
    return [
        d
        for d in rows
        if rules.disclosure_visible(
            secrecy_class=d.secrecy_class,
            viewer=viewer,
            discloser=d.disclosed_by_id,
            audience={u.pk for u in d.audience.all()},
            viewer_is_participant=access.participant is not None,
        )
    ]


def subjects_shown(access: CaseAccess) -> list[dict[str, Any]]:
    """The persons concerned as this viewer may see them: names only with identity rights."""
    shown = []
    for subject in access.case.subjects.select_related("person").order_by("pk"):
        entry: dict[str, Any] = {"id": subject.pk, "role": subject.get_role_display()}
        if access.identity_visible:
            entry["name"] = str(subject.person)
            entry["birth_date"] = subject.person.birth_date
        else:
            entry["name"] = f"{access.case.alias} ({subject.get_role_display()})"
        shown.append(entry)
    return shown


def sheets_for(access: CaseAccess) -> list[FeedbackSheet]:
    return list(access.case.feedback_sheets.prefetch_related("consents__user").all())


def overdue_actions(user: Actor) -> list[Any]:
    """Support-path actions past their due date in the user's cases (the alerts); the cases
    they show are access-logged like the list (GDPR art. 5(2))."""
    today = timezone.localdate()
    actions = list(
        SupportAction.objects.filter(
            case__in=cases_for(user), status="open", due_on__lt=today
        ).select_related("case", "organisation")[:100]
    )
    log_access_many(
        user=user,
        targets=list({a.case_id: a.case for a in actions}.values()),
        purpose="casework.overdue_actions",
    )
    return actions


def contacts_for(user: Actor) -> QuerySet[ContactLog]:
    """A worker's own anonymous contacts (the alias is theirs alone)."""
    if not has_role(user, *CASE_ROLES):
        return ContactLog.objects.none()
    return ContactLog.objects.filter(worker=actor_user(user)).select_related("area")


def contact_counts(user: Actor) -> list[dict[str, Any]]:
    """Counts of the worker's contacts by theme, place and referral — no alias, no identity."""
    rows = (
        contacts_for(user)
        .values("theme", "area__name", "referral")
        .annotate(contacts=Count("pk"))
        .order_by("theme", "area__name", "referral")
    )
    return list(rows)


def break_glass_grants(user: Actor) -> QuerySet[BreakGlassAccess]:
    """Every break-glass access, for the DPO's report (no case content)."""
    if not has_role(user, Role.DPO):
        return BreakGlassAccess.objects.none()
    return BreakGlassAccess.objects.select_related("user")
