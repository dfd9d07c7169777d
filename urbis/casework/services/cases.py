"""Writes on cases: open, persons concerned, participants, risk, support path, meetings,
closure, break-glass access."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.casework import rules
from urbis.casework.models import (
    BreakGlassAccess,
    Case,
    CaseSubject,
    ConsultationTable,
    Meeting,
    Participant,
    Person,
    SupportAction,
)
from urbis.casework.permissions import BREAK_GLASS_ROLES, CASE_ROLES
from urbis.casework.services.common import lock_case, require_open, require_participant
from urbis.core.audit import log_access, record_event
from urbis.core.models import Organisation
from urbis.core.roles import has_role
from urbis.core.types import Actor, person_actor

_ALIAS_WORDS = (
    "Amber", "Beryl", "Cedar", "Dune", "Elm", "Fern", "Garnet", "Hazel", "Iris", "Jade",
    "Kestrel", "Linden", "Maple", "Nova", "Opal", "Pine", "Quartz", "Rowan", "Sage", "Teal",
)  # fmt: skip


def _new_alias() -> str:
    return f"{secrets.choice(_ALIAS_WORDS)}-{secrets.randbelow(900) + 100}"


def _new_number(table: ConsultationTable, year: int) -> str:
    prefix = f"{table.code.upper()[:8]}-{year}-"
    last = (
        Case.objects.select_for_update()
        .filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{n:04d}"


def _check_member(table: ConsultationTable, user: Actor) -> None:
    """Art. 458ter Sw.: only organisations the table's instrument names may take part."""
    allowed = set(table.allowed_organisations.values_list("pk", flat=True))
    if allowed and getattr(user, "organisation_id", None) not in allowed:
        raise ValidationError(
            {"user": [_("This person's organisation does not take part in this table.")]}
        )


def case_open(
    *,
    actor: Actor,
    table: ConsultationTable,
    risk_level: str,
    referrer: str = "",
    goals: str = "",
    opened_on: dt.date | None = None,
) -> Case:
    """Open a case at a table; the actor becomes its case director with identity rights."""
    if not has_role(actor, *CASE_ROLES):
        raise ValidationError(_("Only partner caseworkers open cases."))
    if not table.is_active:
        raise ValidationError({"table": [_("This table is not active.")]})
    _check_member(table, actor)
    director = person_actor(actor)  # a caseworker (the role check above)
    today = opened_on or timezone.localdate()
    with transaction.atomic():
        case = Case.objects.create(
            table=table,
            number=_new_number(table, today.year),
            alias=_new_alias(),
            risk_level=risk_level,
            approach=rules.approach_for(risk_level),
            referrer=referrer,
            goals=goals,
            opened_on=today,
        )
        Participant.objects.create(
            case=case,
            user=director,
            organisation=director.organisation,
            capacity="director",
            identity_rights=True,
            added_at=timezone.now(),
        )
        record_event(
            actor=actor,
            action="casework.case_opened",
            target=case,
            data={"table": table.code, "risk_level": risk_level},
        )
    return case


def subject_add(
    *,
    actor: Actor,
    case: Case,
    role: str,
    first_name: str,
    last_name: str,
    birth_date: dt.date | None = None,
    national_number: str = "",
) -> CaseSubject:
    """Add a person concerned. Nothing about the person is required beyond a name the
    director chooses (participants have no duty to speak, CC 52/2021)."""
    with transaction.atomic():
        case = lock_case(case)
        require_open(case)
        participant = require_participant(case, actor)
        if not participant.identity_rights:
            raise ValidationError(_("You do not hold identity rights in this case."))
        person = None
        if national_number:
            person = Person.objects.filter(national_number=national_number).first()
        if person is None:
            person = Person.objects.create(
                first_name=first_name,
                last_name=last_name,
                birth_date=birth_date,
                national_number=national_number,
            )
        if CaseSubject.objects.filter(case=case, person=person).exists():
            raise ValidationError({"national_number": [_("This person is already on the case.")]})
        subject = CaseSubject.objects.create(case=case, person=person, role=role)
        record_event(actor=actor, action="casework.subject_added", target=case, data={"role": role})
    return subject


def participant_add(
    *,
    actor: Actor,
    case: Case,
    user_id: int,
    capacity: str = "member",
    identity_rights: bool = False,
) -> Participant:
    """The case director adds a participant: a partner caseworker whose organisation takes
    part in the table. A forged or unknown user id is refused like any other wrong value."""
    user_model = get_user_model()
    with transaction.atomic():
        case = lock_case(case)
        require_open(case)
        require_participant(case, actor, director=True)
        user = user_model.objects.filter(pk=user_id, is_active=True).first()
        if user is None or not has_role(user, *CASE_ROLES):
            raise ValidationError({"user": [_("Choose a partner caseworker.")]})
        _check_member(case.table, user)
        existing = Participant.objects.filter(case=case, user=user).first()
        now = timezone.now()
        if existing is not None and existing.removed_at is None:
            raise ValidationError({"user": [_("This person already takes part.")]})
        if existing is not None:
            existing.removed_at = None
            existing.added_at = now
            existing.capacity = capacity
            existing.identity_rights = identity_rights
            existing.save(update_fields=["removed_at", "added_at", "capacity", "identity_rights"])
            participant = existing
        else:
            participant = Participant.objects.create(
                case=case,
                user=user,
                organisation=user.organisation,
                capacity=capacity,
                identity_rights=identity_rights,
                added_at=now,
            )
        record_event(
            actor=actor,
            action="casework.participant_added",
            target=case,
            data={"user": user.get_username(), "identity_rights": identity_rights},
        )
    return participant


def participant_remove(*, actor: Actor, case: Case, participant_id: int) -> None:
    with transaction.atomic():
        case = lock_case(case)
        director = require_participant(case, actor, director=True)
        participant = Participant.objects.filter(
            case=case, pk=participant_id, removed_at__isnull=True
        ).first()
        if participant is None:
            raise ValidationError({"participant": [_("No such participant.")]})
        if participant.user_id == director.user_id:
            raise ValidationError({"participant": [_("The case director cannot leave.")]})
        participant.removed_at = timezone.now()
        participant.save(update_fields=["removed_at"])
        record_event(
            actor=actor,
            action="casework.participant_removed",
            target=case,
            data={"user": participant.user.get_username()},
        )


def case_assess(*, actor: Actor, case: Case, risk_level: str, status: str | None = None) -> Case:
    """A new risk level sets the matching approach (CW-R1)."""
    with transaction.atomic():
        case = lock_case(case)
        require_open(case)
        require_participant(case, actor)
        if status == "closed":
            raise ValidationError({"status": [_("Close the case with a closure reason.")]})
        before = (case.risk_level, case.status)
        case.risk_level = risk_level
        case.approach = rules.approach_for(risk_level)
        if status:
            case.status = status
        case.save(update_fields=["risk_level", "approach", "status"])
        record_event(
            actor=actor,
            action="casework.case_assessed",
            target=case,
            data={"from": list(before), "to": [case.risk_level, case.status]},
        )
    return case


def case_close(*, actor: Actor, case: Case, reason: str, closed_on: dt.date | None = None) -> Case:
    """Closure starts the retention period (CW-R8)."""
    with transaction.atomic():
        case = lock_case(case)
        require_open(case)
        require_participant(case, actor, director=True)
        case.status = "closed"
        case.closed_on = closed_on or timezone.localdate()
        case.closure_reason = reason
        case.save(update_fields=["status", "closed_on", "closure_reason"])
        record_event(
            actor=actor, action="casework.case_closed", target=case, data={"reason": reason}
        )
    return case


def action_add(
    *, actor: Actor, case: Case, organisation: Organisation, description: str, due_on: dt.date
) -> SupportAction:
    with transaction.atomic():
        case = lock_case(case)
        require_open(case)
        require_participant(case, actor)
        action = SupportAction.objects.create(
            case=case, organisation=organisation, description=description, due_on=due_on
        )
        record_event(
            actor=actor, action="casework.action_added", target=case, data={"action": action.pk}
        )
    return action


def action_complete(*, actor: Actor, case: Case, action_id: int) -> SupportAction:
    with transaction.atomic():
        case = lock_case(case)
        require_participant(case, actor)
        action = SupportAction.objects.select_for_update().filter(case=case, pk=action_id).first()
        if action is None or action.status != "open":
            raise ValidationError({"action": [_("No such open action.")]})
        action.status = "done"
        action.done_on = timezone.localdate()
        action.save(update_fields=["status", "done_on"])
        record_event(
            actor=actor, action="casework.action_done", target=case, data={"action": action.pk}
        )
    return action


def meeting_record(
    *,
    actor: Actor,
    case: Case,
    held_on: dt.date,
    attendee_ids: Sequence[int],
    agenda: str = "",
    decisions: str = "",
) -> Meeting:
    """Record a meeting and who effectively took part (the basis of the sheet's consensus).
    Attendees must be current participants: a forged id is refused."""
    with transaction.atomic():
        case = lock_case(case)
        require_open(case)
        require_participant(case, actor)
        participants = set(
            Participant.objects.filter(case=case, removed_at__isnull=True).values_list(
                "user_id", flat=True
            )
        )
        attendees = set(attendee_ids)
        if not attendees:
            raise ValidationError({"attendees": [_("Name who took part.")]})
        if attendees - participants:
            raise ValidationError({"attendees": [_("Only participants of the case can attend.")]})
        meeting = Meeting.objects.create(
            case=case, held_on=held_on, agenda=agenda, decisions=decisions
        )
        meeting.attendees.set(attendees)
        record_event(
            actor=actor,
            action="casework.meeting_recorded",
            target=case,
            data={"meeting": meeting.pk, "attendees": sorted(attendees)},
        )
    return meeting


def break_glass_open(*, actor: Actor, case_number: str, reason: str) -> BreakGlassAccess:
    """Emergency access for the named role: requires a reason, is time-boxed, is written to
    the audit and access logs and shows in the DPO's break-glass report and alerts."""
    if not has_role(actor, *BREAK_GLASS_ROLES()):
        raise Case.DoesNotExist
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError({"reason": [_("Give the reason (at least 10 characters).")]})
    case = Case.objects.filter(number=case_number.strip()).first()
    if case is None:
        raise ValidationError({"case_number": [_("No case with this number.")]})
    now = timezone.now()
    with transaction.atomic():
        grant = BreakGlassAccess.objects.create(
            at=now,
            user=person_actor(actor),  # the named role (checked above)
            case_id_ref=case.pk,
            case_number=case.number,
            reason=reason,
            expires_at=now + dt.timedelta(hours=settings.URBIS_CASEWORK_BREAK_GLASS_HOURS),
        )
        record_event(
            actor=actor,
            action="casework.break_glass",
            target=case,
            data={"reason": reason, "expires_at": grant.expires_at.isoformat()},
        )
        log_access(user=actor, target=case, purpose="casework.break_glass")
    return grant
