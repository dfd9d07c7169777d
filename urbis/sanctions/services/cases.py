"""Case steps: transitions of the workflow table with their guards, letters, defences,
hearings, decisions, appeals and the register entry of each sanction (art. 44)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.types import Actor, actor_user, person_actor
from urbis.core.uploads import clean_document
from urbis.sanctions import labels, letters, selectors, timelimits
from urbis.sanctions.facts import actor_facts, facts_of, parameters_for
from urbis.sanctions.models import (
    AddresseeRole,
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
from urbis.sanctions.rules import guards
from urbis.sanctions.rules import workflow as table
from urbis.sanctions.rules.vocabulary import FIXED
from urbis.sanctions.rules.workflow import FINAL, Action, Edge, Outcome, Status, Via
from urbis.sanctions.services.refusals import raise_refusals, refuse

DECISIONS = table.DECISIONS
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
#: Letters the parents get a copy of (GAS-R10): the opening of the procedure and decisions.
TO_PARENTS = {LetterKind.OPENING, LetterKind.DECISION}


def _paid(case: Case) -> Decimal:
    return case.payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def _refuse(field: str, message: str) -> ValidationError:
    return refuse(field, message)


def _edge(case: Case, action: str) -> Edge:
    """The table's edge for ``action`` from the case's status, or a refusal in words."""
    try:
        return table.check(action, case.status, case.procedure, minor=case.minor)
    except table.TransitionRefused as refused:
        label = labels.ACTION.get(action, action)
        if refused.key == "minors_only":
            message = _("%(action)s: for minors only.") % {"action": label}
        elif refused.key == "adults_only":
            message = _("GAS-R05: %(action)s does not apply to minors.") % {"action": label}
        elif refused.key == "unknown":
            message = _("Unknown step.")
        else:
            # The codes stay in the sentence: staff and the API's clients search on them.
            message = _(
                "%(action)s is not allowed from %(status)s in the %(procedure)s procedure."
            ) % {
                "action": action,
                "status": case.status,
                "procedure": case.procedure,
            }
        raise refuse("action", message) from refused


def _apply_facts(case: Case, edge: Edge, on: dt.date, amount: Decimal | None) -> None:
    """What the step sets, as the table says (``Edge.sets``)."""
    for name in edge.sets:
        if name == "alternative_proposed_on":
            case.alternative_proposed_on = case.alternative_proposed_on or on
        else:
            setattr(case, name, on)
    if edge.action is Action.DECIDE_FINE:
        case.amount = amount
    if edge.outcome is not None:
        case.outcome = edge.outcome
    if edge.target in FINAL:
        case.closed_on = on


def _guard(case: Case, edge: Edge, actor: Actor, on: dt.date, amount: Any, via: Via) -> Any:
    """Refuse the step with every reason the pure guards find; return the fine's amount."""
    raise_refusals(
        guards.refusals(
            edge,
            facts_of(case),
            on,
            actor_facts(actor),
            today=timezone.localdate(),
            via=via,
            amount=amount,
            parameters=parameters_for(case),
        )
    )
    if edge.action is Action.DECIDE_FINE and case.procedure in FIXED:
        return case.amount  # fixed amounts: the official cannot deviate (§2.4, §2.5)
    return amount


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
        edge = _edge(case, action)
        via = Via.FORM if via_service else Via.STEP
        amount = _guard(case, edge, actor, on, amount, via)
        if edge.action is Action.PROPOSE_MEDIATION and mediator is not None:
            # GAS-R49: the mediator of a case may not decide it.
            if mediator.pk == getattr(case.sanctioning_official, "pk", None):
                raise _refuse("mediator", _("GAS-R49: the sanctioning official cannot mediate."))
            case.mediator = mediator
        previous = case.status
        _apply_facts(case, edge, on, amount)
        if motivation:
            case.motivation = motivation
        if edge.action in DECISIONS:
            case.sanctioning_official = actor_user(actor)
        case.status = edge.target_from(previous)
        case.decision_limit = timelimits.decision_limit(case)
        case.save()
        _history(case, edge, actor, previous, note or motivation)
        _effects(case, edge, actor, on)
        record_event(
            actor=actor,
            action=f"gas.{edge.action.value}",
            target=case,
            data={"from": previous, "to": case.status, "amount": str(amount or "")},
        )
    return case


def _history(case: Case, edge: Edge, actor: Actor, previous: str, note: str) -> StatusChange:
    """Append the step to the case's history with the legal basis of its table row."""
    return StatusChange.objects.create(
        case=case,
        at=timezone.now(),
        actor=actor_user(actor),
        action=edge.action.value,
        from_status=previous,
        to_status=case.status,
        outcome=edge.outcome or "",
        legal_basis=edge.legal_basis,
        note=note,
    )


def _effects(case: Case, edge: Edge, actor: Actor, on: dt.date) -> None:
    """The step's letters (to the offender, the parents and the lawyer), its register entry,
    and the settlement of a fine already paid in full."""
    settled = bool(case.status in PAYABLE and case.amount and _paid(case) >= case.amount)
    if edge.letter is not None and not settled:  # no letter asking for what is already paid
        letters_send(actor=actor, case=case, kind=edge.letter.value, on=on)
    if edge.outcome in REGISTERED:
        _register(case, edge.outcome, on)
    if settled:
        # Paid in full before this step (e.g. during the defence term): settle now.
        case_transition(actor=actor, case=case, action="payment_received", on=on, via_service=True)


def letters_send(*, actor: Actor, case: Case, kind: str, on: dt.date) -> list[Letter]:
    """A step's letter to the offender; for a minor also a copy to each parent (GAS-R10, the
    opening letter and decisions) and to the lawyer (GAS-R09, every letter)."""
    sent = [letter_create(actor=actor, case=case, kind=kind, on=on)]
    if not case.minor:
        return sent
    if kind in TO_PARENTS:
        for guardian in case.ascertainment.offender.guardians.all():
            sent.append(letter_create(actor=actor, case=case, kind=kind, on=on, guardian=guardian))
    if case.lawyer_name:
        sent.append(letter_create(actor=actor, case=case, kind=kind, on=on, to_lawyer=True))
    return sent


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


def letter_language(case: Case, municipal: Any = None) -> str:
    """The city's letter language when the language laws impose one, else the offender's."""
    municipal = municipal or selectors.settings_on(case.ascertainment.ascertained_on)
    return str(municipal.letter_language or case.ascertainment.offender.language)


def decision_take(
    *,
    actor: Actor,
    case: Case,
    action: str,
    amount: Decimal | None = None,
    motivation: str = "",
    template: Any = None,
) -> Case:
    """A decision (fine, warning, no follow-up) motivated by the official's text or by a
    motivation template, taken in the language the decision letter is written in."""
    if not motivation.strip() and template is not None:
        motivation = template.text_in(letter_language(case))
    if not motivation.strip():
        raise refuse("motivation", _("A decision is motivated."))
    return case_transition(
        actor=actor, case=case, action=action, amount=amount, motivation=motivation
    )


def letter_create(
    *,
    actor: Actor,
    case: Case,
    kind: str,
    on: dt.date | None = None,
    guardian: Guardian | None = None,
    to_lawyer: bool = False,
) -> Letter:
    """Generate and keep a letter (PDF, with the address it carries). With ``guardian``, that
    parent's own copy of the letter (GAS-R10: letters to the minor and to the parents); with
    ``to_lawyer``, the copy for the minor's lawyer (GAS-R09)."""
    on = on or timezone.localdate()
    offender = case.ascertainment.offender
    municipal = selectors.settings_on(case.ascertainment.ascertained_on)
    language = letter_language(case, municipal)
    role = AddresseeRole.OFFENDER
    if guardian is not None:
        addressee, address = guardian.name, guardian.address_lines or offender.address_lines
        role = AddresseeRole.GUARDIAN
    elif to_lawyer:
        addressee, address = case.lawyer_name, case.lawyer_address_lines
        role = AddresseeRole.LAWYER
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
    registered = kind in (LetterKind.OPENING, LetterKind.DECISION, LetterKind.COLLEGE_DECISION)
    return Letter.objects.create(
        case=case,
        kind=LetterKind.PARENTS if guardian is not None else kind,
        language=language,
        addressee=addressee,
        addressee_role=role,
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
