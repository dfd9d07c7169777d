"""The one adapter from the database to the pure rules: a stored case becomes its
``CaseFacts`` (read by the deadline engine and the step guards alike), a user becomes
``ActorFacts``, the municipal settings and the BELIEVED settings become the parameters."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from urbis.core.calendar import deemed_receipt
from urbis.core.roles import has_role
from urbis.core.types import Actor
from urbis.sanctions.models import AddresseeRole, Case, LetterKind, MunicipalSettings
from urbis.sanctions.permissions import DECIDE_ROLES
from urbis.sanctions.rules import deadlines as engine
from urbis.sanctions.rules.guards import SYSTEM, ActorFacts
from urbis.sanctions.rules.vocabulary import Procedure
from urbis.sanctions.rules.workflow import Outcome, Status

OPENING_KINDS = (LetterKind.OPENING, LetterKind.PARKING_NOTICE, LetterKind.SPEED_NOTICE)
DECISION_KINDS = (LetterKind.DECISION, LetterKind.SECOND_INVITATION)


def settings_on(day: dt.date) -> MunicipalSettings:
    """The municipal settings in force on ``day`` (defaults when none is stored yet)."""
    found = MunicipalSettings.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    return found or MunicipalSettings(valid_from=dt.date(2014, 1, 1))


def _protocol(municipal: MunicipalSettings, procedure: Procedure) -> bool:
    return {
        Procedure.MIXED_LIGHT: municipal.protocol_mixed_light,
        Procedure.MIXED_HEAVY: municipal.protocol_mixed_heavy,
        Procedure.PARKING: municipal.protocol_parking,
    }.get(procedure, False)


def _received(case: Case, kinds: tuple[str, ...]) -> dt.date | None:
    """The latest actual receipt recorded for the offender's own letter of these kinds."""
    if not case.pk:
        return None
    letter = (
        case.letters.filter(
            kind__in=kinds, addressee_role=AddresseeRole.OFFENDER, received_on__isnull=False
        )
        .order_by("-created_at", "-pk")
        .only("received_on")
        .first()
    )
    return letter.received_on if letter else None


def _stored(case: Case) -> dict[str, object]:
    """Facts that live in related rows (none for a case not saved yet)."""
    if not case.pk:
        return {}
    hearings = list(case.hearings.all())
    appeal = case.appeals.order_by("-lodged_on").first()
    service = case.community_services.order_by("-agreed_on", "-pk").first()
    paid = case.payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    # After the court's judgment (final: no further appeal) the payment runs from the judgment.
    judged = appeal.judgment_on if appeal and appeal.judgment in ("confirmed", "reformed") else None
    return {
        "judged_on": judged,
        "appeal_lodged_on": appeal.lodged_on if appeal and not judged and case.decided_on else None,
        "judgment_final": bool(appeal and appeal.judgment),
        "appealed": appeal is not None,
        "hearings_pending_on": tuple(
            timezone.localtime(h.at).date() for h in hearings if not (h.held or h.waived)
        ),
        "hearing_held": any(h.held for h in hearings),
        "hearing_waived": any(h.waived and h.minutes.strip() for h in hearings),
        "mediation_offered": case.history.filter(to_status=Status.MEDIATION).exists(),
        "community_service_on": service.agreed_on if service else None,
        "community_service_done_on": service.outcome_on if service else None,
        "amount_paid": paid,
        "instalments": hasattr(case, "instalment_plan"),
        "limitation_events": tuple(
            engine.LimitationEvent(engine.LimitationEventKind(e.kind), e.on, e.until)
            for e in case.limitation_events.all()
        ),
        "opening_letter_received_on": _received(case, OPENING_KINDS),
        "decision_received_on": _received(case, DECISION_KINDS),
        "reminder_received_on": _received(case, (LetterKind.REMINDER,)),
    }


def facts_of(case: Case, municipal: MunicipalSettings | None = None) -> engine.CaseFacts:
    """Everything the pure rules know of a stored case."""
    a = case.ascertainment
    municipal = municipal or settings_on(a.ascertained_on)
    procedure = Procedure(case.procedure)
    declined: bool | None = None
    if case.prosecutor_answer_on:
        declined = case.outcome != Outcome.PROSECUTED
    stored = _stored(case)
    judged: dt.date | None = stored.pop("judged_on", None)  # type: ignore[assignment]
    fixed = procedure in (Procedure.PARKING, Procedure.SPEEDING)
    return engine.CaseFacts(
        procedure=procedure,
        offence_on=timezone.localtime(a.offence_at).date(),
        ascertained_on=a.ascertained_on,
        report_received_on=a.received_on,
        # Deemed received like any registered letter (GAS-R19), never the day it was sent.
        prosecutor_received_on=deemed_receipt(
            case.prosecutor_sent_on, municipal.deemed_receipt_working_days
        )
        if case.prosecutor_sent_on
        else None,
        camera_sign=a.kind == "camera" and procedure == Procedure.PARKING,
        minor=case.minor,
        protocol_agreement=_protocol(municipal, procedure),
        prosecutor_answer_on=case.prosecutor_answer_on,
        prosecutor_declined=declined,
        opening_letter_posted_on=case.opened_on,
        alternative_proposed_on=case.alternative_proposed_on,
        mediation_payment_terms_agreed=case.payment_terms_agreed,
        # A warning, a closure or an alternative measure also ends the decision limit.
        decision_posted_on=judged or case.notified_on or case.decided_on or case.closed_on,
        payment_reminder_posted_on=case.term_started_on if fixed else None,
        defence_received_on=case.defence_received_on,
        paid_on=case.closed_on if case.status == Status.PAID else None,
        decided_on=case.decided_on,
        outcome=case.outcome,
        mediation_provided=municipal.mediation_provided and a.article.mediation_allowed,
        community_service_provided=municipal.community_service_provided
        and a.article.community_service_allowed,
        amount=case.amount,
        article_max_fine=a.article.max_fine,
        ascertaining_officer=str(a.ascertainer_id) if a.ascertainer_id else None,
        mediator=str(case.mediator_id) if case.mediator_id else None,
        **stored,  # type: ignore[arg-type]
    )


def parameters_for(
    case: Case, municipal: MunicipalSettings | None = None
) -> engine.DeadlineParameters:
    """The engine's parameters: municipal settings and the BELIEVED rules set by env."""
    municipal = municipal or settings_on(case.ascertainment.ascertained_on)
    return dataclasses.replace(
        engine.DEFAULT_PARAMETERS,
        deemed_receipt_working_days=municipal.deemed_receipt_working_days,
        community_service_months=settings.URBIS_GAS_COMMUNITY_SERVICE_MONTHS,
        minor_hearing_waiver_allowed=settings.URBIS_GAS_MINOR_HEARING_WAIVER,
    )


def actor_facts(actor: Actor) -> ActorFacts:
    """The user taking a step, as the guards see him (``None``: the nightly sweep)."""
    if actor is None or not getattr(actor, "pk", None):
        return SYSTEM
    return ActorFacts(id=str(actor.pk), official=has_role(actor, *DECIDE_ROLES))
