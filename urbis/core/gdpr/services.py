"""GDPR writes: the retention run with its proof, data-subject requests and their steps,
restriction (art. 18), rectification (art. 16) as a recorded step, the breach register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import _actor_label, record_event
from urbis.core.calendar import add_months
from urbis.core.gdpr import registry
from urbis.core.gdpr.models import (
    Breach,
    RequestStep,
    Restriction,
    RetentionProof,
    SubjectRequest,
)
from urbis.core.models import AuditEvent
from urbis.core.types import Actor, actor_user


@dataclass(frozen=True)
class RetentionResult:
    rule: str
    category: str
    action: str
    count: int
    dry_run: bool


def retention_run(
    *, actor: Actor, today: dt.date | None = None, dry_run: bool = False, only: str = ""
) -> list[RetentionResult]:
    """Run every registered retention rule (or one, ``only``). A real run writes one proof per
    rule — rule, category, count, date — even when nothing was due; a dry run writes nothing
    and says what would go."""
    today = today or timezone.localdate()
    results = []
    for rule in registry.retention_rules():
        if only and rule.code != only:
            continue
        if dry_run:
            count = rule.run(today, True)
        else:
            with transaction.atomic():
                count = rule.run(today, False)
                proof = RetentionProof.objects.create(
                    at=timezone.now(),
                    rule=rule.code,
                    category=str(rule.category)[:200],
                    action=rule.action,
                    count=count,
                    run_on=today,
                    actor_label=_actor_label(actor),
                )
                record_event(
                    actor=actor,
                    action="gdpr.retention_run",
                    target=proof,
                    data={"rule": rule.code, "count": count, "on": today.isoformat()},
                )
        results.append(RetentionResult(rule.code, str(rule.category), rule.action, count, dry_run))
    return results


def request_open(
    *,
    actor: Actor,
    kind: str,
    national_number: str,
    summary: str = "",
    received_on: dt.date | None = None,
) -> SubjectRequest:
    """Register a data-subject request; the answer is due within one month (art. 12(3))."""
    received = received_on or timezone.localdate()
    with transaction.atomic():
        request = SubjectRequest.objects.create(
            kind=kind,
            national_number=national_number,
            received_on=received,
            due_on=add_months(received, 1),
            summary=summary,
            created_by=actor_user(actor),
        )
        _step(actor, request, "received", summary)
        record_event(
            actor=actor, action="gdpr.request_received", target=request, data={"kind": kind}
        )
    return request


def _step(
    actor: Actor, request: SubjectRequest, step: str, note: str = "", **data: Any
) -> RequestStep:
    return RequestStep.objects.create(
        request=request,
        at=timezone.now(),
        actor_label=_actor_label(actor),
        step=step,
        note=note[:1000],
        data=data,
    )


def request_step(
    *, actor: Actor, request: SubjectRequest, step: str, note: str = "", close: str = ""
) -> RequestStep:
    """Append a step (searched, answered, rectified, ...); ``close`` = done or refused."""
    with transaction.atomic():
        request = SubjectRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != "open":
            raise ValidationError(_("This request is already closed."))
        if close == "refused" and not note.strip():
            raise ValidationError({"note": [_("A refusal states its reason (art. 12(4)).")]})
        row = _step(actor, request, step, note)
        if close:
            request.status = close
            request.save(update_fields=["status"])
        record_event(
            actor=actor,
            action="gdpr.request_step",
            target=request,
            data={"step": step, "close": close},
        )
    return row


def restriction_set(
    *,
    actor: Actor,
    object_type: str,
    object_id: str,
    reason: str,
    request: SubjectRequest | None = None,
) -> Restriction:
    """Freeze an object (art. 18): services refuse to use or change it; the data is kept."""
    if not reason.strip():
        raise ValidationError({"reason": [_("State why the record is restricted.")]})
    with transaction.atomic():
        existing = Restriction.objects.select_for_update().filter(
            object_type=object_type, object_id=object_id, lifted_at__isnull=True
        )
        if existing.exists():
            raise ValidationError({"object_id": [_("This record is already restricted.")]})
        restriction = Restriction.objects.create(
            object_type=object_type,
            object_id=object_id,
            reason=reason,
            since=timezone.now(),
            request=request,
        )
        if request is not None:
            _step(actor, request, "restricted", reason, object=f"{object_type}#{object_id}")
        record_event(
            actor=actor,
            action="gdpr.restricted",
            target=(object_type, object_id),
            data={"reason": reason},
        )
    return restriction


def restriction_lift(*, actor: Actor, restriction: Restriction, reason: str) -> Restriction:
    with transaction.atomic():
        restriction = Restriction.objects.select_for_update().get(pk=restriction.pk)
        if restriction.lifted_at is not None:
            raise ValidationError(_("This restriction was already lifted."))
        restriction.lifted_at = timezone.now()
        restriction.save(update_fields=["lifted_at"])
        if restriction.request is not None:
            _step(actor, restriction.request, "restriction_lifted", reason)
        record_event(
            actor=actor,
            action="gdpr.restriction_lifted",
            target=(restriction.object_type, restriction.object_id),
            data={"reason": reason},
        )
    return restriction


def breach_record(
    *,
    actor: Actor,
    title: str,
    discovered_at: dt.datetime,
    description: str = "",
    data_categories: str = "",
    subjects_estimate: int = 0,
    high_risk: bool = False,
) -> Breach:
    """Enter a breach in the register (art. 33(5)); the 72-hour clock starts at awareness."""
    if discovered_at > timezone.now():
        raise ValidationError({"discovered_at": [_("This moment is in the future.")]})
    with transaction.atomic():
        breach = Breach.objects.create(
            title=title,
            discovered_at=discovered_at,
            description=description,
            data_categories=data_categories,
            subjects_estimate=subjects_estimate,
            high_risk=high_risk,
            recorded_by=actor_user(actor),
        )
        record_event(actor=actor, action="gdpr.breach_recorded", target=breach)
    return breach


def breach_notified(*, actor: Actor, breach: Breach, delay_reason: str = "") -> Breach:
    """Record the notification to the authority; late ones need their reason (art. 33(1))."""
    now = timezone.now()
    with transaction.atomic():
        breach = Breach.objects.select_for_update().get(pk=breach.pk)
        if breach.notified_authority_at is not None:
            raise ValidationError(_("The notification is already recorded."))
        if now > breach.notify_by and not delay_reason.strip():
            raise ValidationError(
                {
                    "delay_reason": [
                        _("More than 72 hours have passed: give the reason for the delay.")
                    ]
                }
            )
        breach.notified_authority_at = now
        breach.delay_reason = delay_reason
        breach.save(update_fields=["notified_authority_at", "delay_reason"])
        record_event(actor=actor, action="gdpr.breach_notified", target=breach)
    return breach


def export_refused(*, actor: Actor, page: str, path: str, asked: dict[str, Any]) -> None:
    """Record a GDPR page or export refused to a non-DPO (issue 14); the DPO's alerts list it.
    ``asked`` never holds the looked-up person's number in clear (see ``access.asked``)."""
    with transaction.atomic():
        record_event(
            actor=actor,
            action="gdpr.export_refused",
            target=("core.gdpr_page", page[:64]),
            data={"path": path[:500], "page": page, "asked": asked},
        )


REVIEW_FINDINGS = ("justified", "unjustified")


def break_glass_review(*, actor: Actor, event: AuditEvent, finding: str, note: str = "") -> None:
    """The DPO's review of one break-glass opening (art. 5(2), 32(1)(d) and 39(1)(b): the
    controller shows that emergency access was justified): justified, or unjustified with the
    note saying what follows. Append-only: a review is an audit event on the opening's event,
    made once."""
    if not event.action.endswith(".break_glass"):
        raise ValidationError({"event": [_("This is not a break-glass opening.")]})
    if finding not in REVIEW_FINDINGS:
        raise ValidationError({"finding": [_("Choose justified or unjustified.")]})
    if finding == "unjustified" and not note.strip():
        raise ValidationError({"note": [_("Say what follows from an unjustified access.")]})
    with transaction.atomic():
        AuditEvent.objects.select_for_update().get(pk=event.pk)
        if AuditEvent.objects.filter(
            action="gdpr.break_glass_reviewed",
            object_type="core.auditevent",
            object_id=str(event.pk),
        ).exists():
            raise ValidationError({"event": [_("This opening has already been reviewed.")]})
        record_event(
            actor=actor,
            action="gdpr.break_glass_reviewed",
            target=("core.auditevent", event.pk),
            data={"finding": finding, "note": note.strip()[:1000], "opened_by": event.actor_label},
        )
