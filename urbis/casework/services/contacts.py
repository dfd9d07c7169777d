"""The anonymous contact log of low-threshold work."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from urbis.casework import rules
from urbis.casework.models import Consent, ContactLog
from urbis.casework.permissions import CASE_ROLES
from urbis.casework.services.cases import case_open, subject_add
from urbis.core.audit import record_event
from urbis.core.models import Area, AuditEvent
from urbis.core.roles import has_role
from urbis.core.types import Actor, actor_user, person_actor


def contact_log(
    *,
    actor: Actor,
    on: dt.date,
    theme: str,
    area: Area | None = None,
    referral: str = "",
    people: int = 1,
    alias: str = "",
) -> ContactLog:
    """Log a contact without any identity (an alias at most, seen by the worker alone)."""
    if not has_role(actor, *CASE_ROLES):
        raise ValidationError(_("Only partner caseworkers log contacts."))
    with transaction.atomic():
        contact = ContactLog.objects.create(
            worker=person_actor(actor),
            on=on,
            theme=theme,
            area=area,
            referral=referral,
            people=people,
            alias=alias,
        )
        record_event(actor=actor, action="casework.contact_logged", target=contact)
    return contact


def contact_convert_check(*, open_case_consent: bool) -> None:
    """A contact never becomes a case without the person's consent to that (CW-R7)."""
    if not rules.contact_may_become_case(open_case_consent=open_case_consent):
        raise ValidationError(
            {"consent": [_("A contact becomes a case only with the person's consent.")]}
        )


def contact_convert(
    *,
    actor: Actor,
    contact: ContactLog,
    table: Any,
    risk_level: str,
    first_name: str,
    last_name: str,
    open_case_consent: bool,
    evidence: str,
) -> Any:
    """Turn the worker's own contact into a case — only with the person's recorded consent to
    exactly that (CW-R7); the consent is stored on the new case, separate from the legal basis."""
    worker = actor_user(actor)
    if worker is None or contact.worker_id != worker.pk:
        raise ContactLog.DoesNotExist
    contact_convert_check(open_case_consent=open_case_consent and bool(evidence.strip()))
    with transaction.atomic():
        ContactLog.objects.select_for_update().get(pk=contact.pk)
        if AuditEvent.objects.filter(
            action="casework.contact_converted", data__contact=contact.pk
        ).exists():
            raise ValidationError(_("This contact has already become a case."))
        case = case_open(actor=actor, table=table, risk_level=risk_level, opened_on=contact.on)
        subject = subject_add(
            actor=actor, case=case, role="focus_person", first_name=first_name,
            last_name=last_name,
        )  # fmt: skip
        Consent.objects.create(
            case=case, subject=subject, purpose="open_case", given_on=contact.on,
            evidence=evidence[:200],
        )  # fmt: skip
        record_event(
            actor=actor, action="casework.contact_converted", target=case,
            data={"contact": contact.pk},
        )  # fmt: skip
    return case
