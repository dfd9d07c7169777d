"""Case steps: transitions of the workflow table with their guards, letters, defences,
hearings, decisions, appeals and the register entry of each sanction (art. 44)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.types import Actor, actor_user, person_actor
from urbis.core.uploads import clean_document
from urbis.sanctions import letters, selectors, timelimits, workflow
from urbis.sanctions.models import (
    Appeal,
    Case,
    Defence,
    Guardian,
    Hearing,
    Letter,
    LetterKind,
    RegisterEntry,
    StatusChange,
)
from urbis.sanctions.models.cases import Court
from urbis.sanctions.services import guards
from urbis.sanctions.workflow import Outcome, Status

DECISIONS = guards.DECISIONS
#: Outcomes written to the register: sanctions and alternative measures (art. 44 §1).
REGISTERED = {
    Outcome.FINE,
    Outcome.WARNING,
    Outcome.MEDIATION_SUCCEEDED,
    Outcome.SERVICE_PERFORMED,
    Outcome.SUSPENSION,
    Outcome.WITHDRAWAL,
    Outcome.CLOSURE,
}
PAYABLE = {Status.OPENED, Status.SECOND_INVITATION, Status.DECIDED, Status.REMINDER}


def _paid(case: Case) -> Decimal:
    from django.db.models import Sum

    return case.payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)


LETTER_OF_ACTION = {
    "send_opening_letter": LetterKind.OPENING,
    "send_parking_notice": LetterKind.PARKING_NOTICE,
    "send_speed_notice": LetterKind.SPEED_NOTICE,
    "reject_defence": LetterKind.SECOND_INVITATION,
    "decide_fine": LetterKind.DECISION,
    "decide_warning": LetterKind.DECISION,  # every decision is notified (art. 27-28)
    "decide_no_follow_up": LetterKind.DECISION,
    "appeal_confirmed": None,
    "send_reminder": LetterKind.REMINDER,
}


def _refuse(field: str, message: str) -> ValidationError:
    return guards.refuse(field, message)


def _apply_facts(case: Case, edge: workflow.Edge, on: dt.date, amount: Decimal | None) -> None:
    action = edge.action
    if action == "forward_to_prosecutor":
        case.prosecutor_sent_on = on
    elif action in ("prosecutor_waives", "prosecutor_silent", "prosecutor_prosecutes"):
        case.prosecutor_answer_on = on
    elif action in ("send_opening_letter", "send_parking_notice", "send_speed_notice"):
        case.opened_on = on
    elif action in ("propose_mediation", "propose_community_service"):
        case.alternative_proposed_on = case.alternative_proposed_on or on
    elif action in ("reject_defence", "send_reminder"):
        case.term_started_on = on
    if action in DECISIONS:
        case.decided_on = on
    if action == "decide_fine":
        case.amount = amount
        case.notified_on = on
    if edge.outcome is not None:
        case.outcome = edge.outcome
    if edge.target in (Status.CLOSED, Status.PAID, Status.TIME_BARRED):
        case.closed_on = on


def case_transition(
    *,
    actor: Actor,
    case: Case,
    action: str,
    on: dt.date | None = None,
    note: str = "",
    amount: Decimal | None = None,
    motivation: str = "",
    via_service: bool = False,
    mediator: Any = None,
) -> Case:
    """Take one step of the workflow table; refused steps raise ``ValidationError`` naming
    the rule, and leave the case untouched. ``via_service`` is set by the services that record
    what a step needs (defence, hearing, appeal, payment, the nightly lapse)."""
    on = on or timezone.localdate()
    with transaction.atomic():
        case = (
            Case.objects.select_for_update()
            .select_related("ascertainment__article", "ascertainment__offender")
            .get(pk=case.pk)
        )
        try:
            edge = workflow.check(action, case.status, case.procedure, minor=case.minor)
        except workflow.TransitionRefused as refused:
            raise _refuse("action", str(refused)) from refused
        amount = guards.check(case, edge, actor, on, amount, via_service=via_service)
        previous = case.status
        _apply_facts(case, edge, on, amount)
        if motivation:
            case.motivation = motivation
        if action == "propose_mediation" and mediator is not None:
            # GAS-R49: the mediator of a case may not decide it.
            if mediator.pk == getattr(case.sanctioning_official, "pk", None):
                raise _refuse("mediator", _("GAS-R49: the sanctioning official cannot mediate."))
            case.mediator = mediator
        if action in DECISIONS:
            case.sanctioning_official = actor_user(actor)
        case.status = edge.target
        case.decision_limit = timelimits.decision_limit(case)
        case.save()
        StatusChange.objects.create(
            case=case,
            at=timezone.now(),
            actor=actor_user(actor),
            action=action,
            from_status=previous,
            to_status=edge.target,
            outcome=edge.outcome or "",
            legal_basis=edge.legal_basis,
            note=note or motivation,
        )
        settled = bool(edge.target in PAYABLE and case.amount and _paid(case) >= case.amount)
        kind = LETTER_OF_ACTION.get(action)
        if kind is not None and not settled:  # no letter asking for what is already paid
            letter_create(actor=actor, case=case, kind=kind, on=on)
            if case.minor and kind in (LetterKind.OPENING, LetterKind.DECISION):
                # GAS-R10: each parent or guardian gets the letter too, at his own address.
                for guardian in case.ascertainment.offender.guardians.all():
                    letter_create(actor=actor, case=case, kind=kind, on=on, guardian=guardian)
        if edge.outcome in REGISTERED:
            _register(case, edge.outcome, on)
        if settled:
            # Paid in full before this step (e.g. during the defence term): settle now.
            case_transition(
                actor=actor, case=case, action="payment_received", on=on, via_service=True
            )
        record_event(
            actor=actor,
            action=f"gas.{action}",
            target=case,
            data={"from": previous, "to": edge.target, "amount": str(amount or "")},
        )
    return case


def _register(case: Case, outcome: str, on: dt.date) -> RegisterEntry:
    """GAS-R47 (art. 44): every sanction and alternative measure enters the register."""
    a = case.ascertainment
    offender = a.offender
    return RegisterEntry.objects.create(
        case_number=case.number,
        offender_name=str(offender),
        national_number=offender.national_number,
        enterprise_number=offender.enterprise_number,
        birth_date=offender.birth_date,
        guardians="; ".join(g.name for g in offender.guardians.all()) if case.minor else "",
        article_code=a.article.code,
        procedure=case.procedure,
        offence_on=timezone.localtime(a.offence_at).date(),
        measure=outcome,
        amount=case.amount if outcome == Outcome.FINE else None,
        decided_on=on,
        minor=case.minor,
    )


def letter_create(
    *,
    actor: Actor,
    case: Case,
    kind: str,
    on: dt.date | None = None,
    guardian: Guardian | None = None,
) -> Letter:
    """Generate and keep a letter (PDF, with the address it carries). With ``guardian``, that
    parent's own copy of the letter (GAS-R10: letters to the minor and to the parents)."""
    on = on or timezone.localdate()
    offender = case.ascertainment.offender
    municipal = selectors.settings_on(case.ascertainment.ascertained_on)
    # The city's letter language when the language laws impose one, else the offender's.
    language = municipal.letter_language or offender.language
    if guardian is not None:
        addressee, address = guardian.name, guardian.address_lines or offender.address_lines
    else:
        addressee, address = str(offender), offender.address_lines
    pdf = letters.render(
        case,
        kind,
        municipal,
        language=language,
        addressee=addressee,
        address=address,
        to_parents=guardian is not None,
        on=on,
    )
    # Registered mail: opening letters and decisions (art. 25, 27-28); the parking notice is
    # an ordinary letter (art. 29 §1).
    registered = kind in (LetterKind.OPENING, LetterKind.DECISION)
    return Letter.objects.create(
        case=case,
        kind=LetterKind.PARENTS if guardian is not None else kind,
        language=language,
        addressee=addressee,
        address="\n".join(address),
        registered=registered,
        created_by=actor_user(actor),
        content=pdf,
    )


def defence_record(
    *,
    actor: Actor,
    case: Case,
    received_on: dt.date,
    channel: str,
    text: str,
    attachment: Any = None,
) -> Defence:
    """Record a written (or oral) defence and move the case to "defence received"."""
    if not text.strip():
        raise _refuse("text", _("The defence is empty."))
    if received_on > timezone.localdate():
        raise _refuse("received_on", _("This date is in the future."))
    # Checked by content and size, stored under a random name (urbis.core.uploads).
    stored = clean_document(attachment, field="attachment") if attachment else ""
    with transaction.atomic():
        case_transition(
            actor=actor, case=case, action="record_defence", on=received_on, via_service=True
        )
        case.refresh_from_db()
        if not case.defence_received_on:
            case.defence_received_on = received_on
            case.save(update_fields=["defence_received_on"])
        defence = Defence.objects.create(
            case=case,
            received_on=received_on,
            channel=channel,
            text=text,
            attachment=stored,
            recorded_by=person_actor(actor),
        )
    return defence


def hearing_schedule(*, actor: Actor, case: Case, at: dt.datetime, place: str) -> Hearing:
    with transaction.atomic():
        case_transition(
            actor=actor,
            case=case,
            action="schedule_hearing",
            on=min(at.date(), timezone.localdate()),
            via_service=True,
        )
        return Hearing.objects.create(case=case, at=at, place=place)


def appeal_lodge(*, actor: Actor, case: Case, lodged_on: dt.date, reference: str = "") -> Appeal:
    """GAS-R26 / R11: police court for adults, youth court for minors."""
    with transaction.atomic():
        case_transition(
            actor=actor, case=case, action="lodge_appeal", on=lodged_on, via_service=True
        )
        court = Court.YOUTH if case.minor else Court.POLICE
        return Appeal.objects.create(
            case=case, court=court, lodged_on=lodged_on, reference=reference
        )


def appeal_judgment(
    *,
    actor: Actor,
    case: Case,
    judgment: str,
    on: dt.date,
    new_amount: Decimal | None = None,
) -> Appeal:
    """Record the court's judgment: confirmed, reformed (new amount) or annulled."""
    if judgment not in ("confirmed", "reformed", "annulled"):
        raise _refuse("judgment", _("Confirmed, reformed or annulled."))
    if judgment == "reformed" and (new_amount is None or new_amount < 0):
        raise _refuse("new_amount", _("A reformed judgment states the new amount."))
    with transaction.atomic():
        action = "appeal_annulled" if judgment == "annulled" else "appeal_confirmed"
        case_transition(
            actor=actor, case=case, action=action, on=on, note=judgment, via_service=True
        )
        appeal = Appeal.objects.select_for_update().filter(case=case).latest("lodged_on")
        appeal.judgment = judgment
        appeal.judgment_on = on
        appeal.new_amount = new_amount
        appeal.save()
        entries = RegisterEntry.objects.filter(case_number=case.number, measure=Outcome.FINE)
        if judgment == "annulled":
            # The annulled fine is no sanction any more: it leaves the register (art. 44).
            entries.delete()
        elif judgment == "reformed":
            Case.objects.filter(pk=case.pk).update(amount=new_amount)
            entries.update(amount=new_amount)
        record_event(
            actor=actor,
            action="gas.appeal_judgment",
            target=case,
            data={"judgment": judgment, "new_amount": str(new_amount or "")},
        )
    return appeal
