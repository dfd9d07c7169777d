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
from urbis.core.roles import has_role
from urbis.sanctions import letters, selectors, timelimits, workflow
from urbis.sanctions.models import (
    Appeal,
    Case,
    Defence,
    Hearing,
    Letter,
    LetterKind,
    RegisterEntry,
    StatusChange,
)
from urbis.sanctions.models.cases import Court
from urbis.sanctions.permissions import DECIDE_ROLES
from urbis.sanctions.rules import amounts
from urbis.sanctions.workflow import Outcome, Procedure, Status

DECISIONS = {"decide_fine", "decide_warning", "decide_no_follow_up"}
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
    return ValidationError({field: [message]})


def _guards(
    case: Case, edge: workflow.Edge, actor: Any, on: dt.date, amount: Decimal | None
) -> Decimal | None:
    """Legal conditions beyond the table; raise with the rule's name. Returns the amount."""
    a = case.ascertainment
    if edge.action in DECISIONS:
        # GAS-R49: the sanctioning official is never the ascertaining officer or the mediator.
        if not has_role(actor, *DECIDE_ROLES):
            raise _refuse("action", _("Only the sanctioning official decides."))
        if actor.pk in {a.ascertainer_id, case.mediator_id}:
            raise _refuse(
                "action",
                _("GAS-R49: the ascertaining officer or mediator of a case may not decide it."),
            )
        limit = timelimits.decision_limit(case)
        if limit is not None and on > limit:
            raise _refuse(
                "action",
                _("GAS-R21: the decision limit passed on %(day)s; the case is time-barred.")
                % {"day": limit.isoformat()},
            )
        if case.status == Status.OPENED and case.procedure not in (
            Procedure.PARKING,
            Procedure.SPEEDING,
        ):
            defence = timelimits.deadline(case, "defence")
            if defence is not None and on <= defence.due:
                raise _refuse(
                    "action",
                    _("GAS-R18: the 15-day defence term runs until %(day)s.")
                    % {"day": defence.due.isoformat()},
                )
    if edge.action == "decide_fine":
        if case.minor and not case.history.filter(to_status=Status.MEDIATION).exists():
            raise _refuse("action", _("GAS-R08: a minor must first be offered mediation."))
        if case.procedure in (Procedure.PARKING, Procedure.SPEEDING):
            return case.amount  # fixed amounts: the official cannot deviate (§2.4, §2.5)
        if amount is None or amount <= 0:
            raise _refuse("amount", _("State the amount of the fine."))
        offence_on = timezone.localtime(a.offence_at).date()
        legal_max = amounts.max_fine(offence_on, minor=case.minor).value
        ceiling = min(legal_max, a.article.max_fine or legal_max)
        if amount > ceiling:
            raise _refuse(
                "amount",
                _("GAS-R01..R03: at most %(max)s for this case.") % {"max": ceiling},
            )
    if edge.action == "prosecutor_silent":
        wait = timelimits.deadline(case, "prosecutor_wait")
        if wait is None or on < wait.due:  # due: the first day the SA may act
            raise _refuse(
                "action",
                _("GAS-R14: the prosecutor has two months, until %(day)s.")
                % {"day": wait.due.isoformat() if wait else "?"},
            )
    if edge.action in ("propose_mediation", "propose_community_service"):
        municipal = selectors.settings_on(a.ascertained_on)
        provided = (
            municipal.mediation_provided and a.article.mediation_allowed
            if edge.action == "propose_mediation"
            else municipal.community_service_provided and a.article.community_service_allowed
        )
        if not provided:
            raise _refuse(
                "action", _("The police regulation does not provide for this alternative measure.")
            )
    return amount


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
    actor: Any,
    case: Case,
    action: str,
    on: dt.date | None = None,
    note: str = "",
    amount: Decimal | None = None,
    motivation: str = "",
) -> Case:
    """Take one step of the workflow table; refused steps raise ``ValidationError`` naming
    the rule, and leave the case untouched."""
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
        amount = _guards(case, edge, actor, on, amount)
        previous = case.status
        _apply_facts(case, edge, on, amount)
        if motivation:
            case.motivation = motivation
        if action in DECISIONS:
            case.sanctioning_official = actor
        case.status = edge.target
        case.decision_limit = timelimits.decision_limit(case)
        case.save()
        StatusChange.objects.create(
            case=case,
            at=timezone.now(),
            actor=actor,
            action=action,
            from_status=previous,
            to_status=edge.target,
            outcome=edge.outcome or "",
            legal_basis=edge.legal_basis,
            note=note or motivation,
        )
        kind = LETTER_OF_ACTION.get(action)
        if kind is not None:
            letter_create(actor=actor, case=case, kind=kind, on=on)
            if kind == LetterKind.OPENING and case.minor:
                letter_create(actor=actor, case=case, kind=LetterKind.PARENTS, on=on)
        if edge.outcome in REGISTERED:
            _register(case, edge.outcome, on)
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


def letter_create(*, actor: Any, case: Case, kind: str, on: dt.date | None = None) -> Letter:
    """Generate and keep a letter; the minor's parents get their own copy (GAS-R10)."""
    on = on or timezone.localdate()
    offender = case.ascertainment.offender
    municipal = selectors.settings_on(case.ascertainment.ascertained_on)
    language = offender.language
    if kind == LetterKind.PARENTS:
        guardian = offender.guardians.first()
        addressee = guardian.name if guardian else _("The parents of %(name)s") % {"name": offender}
        address = guardian.address_lines if guardian else offender.address_lines
        pdf = letters.render(
            case,
            LetterKind.OPENING,
            municipal,
            language=language,
            addressee=addressee,
            address=address,
            to_parents=True,
            on=on,
        )
    else:
        addressee = str(offender)
        pdf = letters.render(
            case,
            kind,
            municipal,
            language=language,
            addressee=addressee,
            address=offender.address_lines,
            on=on,
        )
    # Registered mail: opening letters and decisions (art. 25, 27-28); the parking notice is
    # an ordinary letter (art. 29 §1).
    registered = kind in (LetterKind.OPENING, LetterKind.DECISION, LetterKind.PARENTS)
    return Letter.objects.create(
        case=case,
        kind=kind,
        language=language,
        addressee=addressee,
        registered=registered,
        created_by=actor,
        content=pdf,
    )


def defence_record(
    *,
    actor: Any,
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
    with transaction.atomic():
        case_transition(actor=actor, case=case, action="record_defence", on=received_on)
        case.refresh_from_db()
        if not case.defence_received_on:
            case.defence_received_on = received_on
            case.save(update_fields=["defence_received_on"])
        defence = Defence.objects.create(
            case=case,
            received_on=received_on,
            channel=channel,
            text=text,
            attachment=attachment or "",
            recorded_by=actor,
        )
    return defence


def hearing_schedule(*, actor: Any, case: Case, at: dt.datetime, place: str) -> Hearing:
    with transaction.atomic():
        case_transition(actor=actor, case=case, action="schedule_hearing", on=at.date())
        return Hearing.objects.create(case=case, at=at, place=place)


def appeal_lodge(*, actor: Any, case: Case, lodged_on: dt.date, reference: str = "") -> Appeal:
    """GAS-R26 / R11: police court for adults, youth court for minors."""
    with transaction.atomic():
        case_transition(actor=actor, case=case, action="lodge_appeal", on=lodged_on)
        court = Court.YOUTH if case.minor else Court.POLICE
        return Appeal.objects.create(
            case=case, court=court, lodged_on=lodged_on, reference=reference
        )


def appeal_judgment(
    *,
    actor: Any,
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
        case_transition(actor=actor, case=case, action=action, on=on, note=judgment)
        appeal = Appeal.objects.select_for_update().filter(case=case).latest("lodged_on")
        if judgment == "reformed":
            Case.objects.filter(pk=case.pk).update(amount=new_amount)
        appeal.judgment = judgment
        appeal.judgment_on = on
        appeal.new_amount = new_amount
        appeal.save()
    return appeal
