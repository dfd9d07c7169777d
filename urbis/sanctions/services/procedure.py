"""The steps that record what the law needs beyond a bare transition: the hearing held (or not
attended), the minor's lawyer, payment terms agreed in mediation, community service, the actual
receipt of a letter, and interruptions or suspensions of the collection limitation."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.types import Actor, actor_user
from urbis.sanctions import timelimits
from urbis.sanctions.models import Case, CommunityService, Hearing, Letter, LimitationEvent
from urbis.sanctions.rules import guards
from urbis.sanctions.rules.workflow import Action
from urbis.sanctions.services.cases import case_transition
from urbis.sanctions.services.refusals import raise_refusals, refuse


def _not_future(field: str, day: dt.date) -> None:
    if day > timezone.localdate():
        raise refuse(field, _("This date is in the future."))


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def hearing_record(
    *, actor: Actor, case: Case, hearing: Hearing, held: bool, minutes: str
) -> Hearing:
    """GAS-R11/R20 (art. 25 §2): the hearing took place (``held``), or the offender, summoned,
    did not appear or waived it; either way the minutes say what happened."""
    if not minutes.strip():
        raise refuse("minutes", _("The minutes of the hearing are required."))
    day = timezone.localtime(hearing.at).date()
    _not_future("at", day)
    with transaction.atomic():
        hearing = Hearing.objects.select_for_update().get(pk=hearing.pk, case=case)
        if hearing.held or hearing.waived:
            raise refuse("hearing", _("This hearing is already recorded."))
        action = Action.HOLD_HEARING if held else Action.WAIVE_HEARING
        case_transition(actor=actor, case=case, action=action, on=day, via_service=True)
        hearing.held, hearing.waived, hearing.minutes = held, not held, minutes
        hearing.save(update_fields=["held", "waived", "minutes"])
    return hearing


def lawyer_record(
    *, actor: Actor, case: Case, name: str, street: str = "", postcode: str = "", city: str = ""
) -> Case:
    """GAS-R09 (art. 16): the minor's (free) lawyer, who receives every later letter."""
    if not case.minor:
        raise refuse("name", _("GAS-R09: a lawyer is recorded for a minor's case."))
    if not name.strip():
        raise refuse("name", _("The lawyer's name is required."))
    with transaction.atomic():
        case = _locked(case)
        case.lawyer_name, case.lawyer_street = name.strip(), street.strip()
        case.lawyer_postcode, case.lawyer_city = postcode.strip(), city.strip()
        case.save(update_fields=["lawyer_name", "lawyer_street", "lawyer_postcode", "lawyer_city"])
        record_event(actor=actor, action="gas.lawyer_recorded", target=case, data={"name": name})
    return case


def payment_terms_agree(*, actor: Actor, case: Case, agreed_on: dt.date, terms: str) -> Case:
    """GAS-R23 (art. 26 as amended 11 Dec 2023): payment terms agreed within the mediation
    extend the decision limit to 15 months."""
    if not terms.strip():
        raise refuse("terms", _("Describe the payment terms agreed."))
    with transaction.atomic():
        case_transition(
            actor=actor,
            case=case,
            action=Action.AGREE_PAYMENT_TERMS,
            on=agreed_on,
            note=terms,
            via_service=True,
        )
        case = _locked(case)
        case.payment_terms_agreed, case.payment_terms_agreed_on = True, agreed_on
        case.payment_terms = terms
        case.decision_limit = timelimits.decision_limit(case)
        case.save(
            update_fields=[
                "payment_terms_agreed",
                "payment_terms_agreed_on",
                "payment_terms",
                "decision_limit",
            ]
        )
    return case


def community_service_propose(
    *, actor: Actor, case: Case, hours: int, provider: str, agreed_on: dt.date
) -> CommunityService:
    """GAS-R06 (art. 4 §2): community service with the offender's consent, at most 30 hours
    (15 for a minor), with its provider; GAS-R07: its execution term runs from the agreement."""
    raise_refusals(guards.community_service_refusals(hours, minor=case.minor))
    if not provider.strip():
        raise refuse("provider", _("The service provider is required."))
    with transaction.atomic():
        case_transition(
            actor=actor,
            case=case,
            action=Action.PROPOSE_COMMUNITY_SERVICE,
            on=agreed_on,
            note=f"{hours} h — {provider}",
            via_service=True,
        )
        service = CommunityService.objects.create(
            case=case,
            hours=hours,
            provider=provider.strip(),
            agreed_on=agreed_on,
            recorded_by=actor_user(actor),
        )
        _refresh_limit(case)
    return service


def community_service_result(
    *, actor: Actor, case: Case, performed: bool, on: dt.date, note: str = ""
) -> CommunityService:
    """Art. 11: performed (no fine) or refused / not performed (the SA may fine)."""
    with transaction.atomic():
        service = (
            CommunityService.objects.select_for_update()
            .filter(case=case, performed__isnull=True)
            .order_by("-agreed_on", "-pk")
            .first()
        )
        if service is None:
            raise refuse("performed", _("No community service is pending for this case."))
        if on < service.agreed_on:
            raise refuse("on", _("This date is before the service was agreed."))
        action = Action.SERVICE_PERFORMED if performed else Action.SERVICE_NOT_PERFORMED
        case_transition(actor=actor, case=case, action=action, on=on, note=note, via_service=True)
        service.performed, service.outcome_on, service.note = performed, on, note
        service.save(update_fields=["performed", "outcome_on", "note"])
    return service


def letter_receipt_record(
    *, actor: Actor, case: Case, letter: Letter, received_on: dt.date
) -> Letter:
    """GAS-R19: the actual receipt of a letter (a returned registered letter, proof of later
    receipt); every term running from that letter is recomputed from it."""
    _not_future("received_on", received_on)
    with transaction.atomic():
        letter = Letter.objects.select_for_update().defer("content").get(pk=letter.pk, case=case)
        posted = timezone.localtime(letter.created_at).date()
        if received_on < posted:
            raise refuse("received_on", _("A letter cannot be received before it was sent."))
        letter.received_on = received_on
        letter.save(update_fields=["received_on"])
        _refresh_limit(case)
        record_event(
            actor=actor,
            action="gas.letter_received",
            target=case,
            data={"letter": letter.pk, "received_on": received_on.isoformat()},
        )
    return letter


def limitation_event_record(
    *,
    actor: Actor,
    case: Case,
    kind: str,
    on: dt.date,
    ground: str,
    until: dt.date | None = None,
) -> LimitationEvent:
    """GAS-R28: an act interrupting (a new five-year term) or suspending (the term stops while
    it lasts) the collection limitation of a decided fine, with its date and ground."""
    _not_future("on", on)
    if not ground.strip():
        raise refuse("ground", _("State the ground of the interruption or suspension."))
    if kind not in ("interruption", "suspension"):
        raise refuse("kind", _("Interruption or suspension."))
    if kind == "interruption" and until is not None:
        raise refuse("until", _("An interruption has no end date."))
    if until is not None and until < on:
        raise refuse("until", _("The end is before the start."))
    if case.decided_on is None or not case.amount:
        raise refuse("kind", _("GAS-R28: only a decided fine has a collection limitation."))
    with transaction.atomic():
        _locked(case)
        event = LimitationEvent.objects.create(
            case=case,
            kind=kind,
            on=on,
            until=until,
            ground=ground.strip(),
            recorded_by=actor_user(actor),
        )
        record_event(
            actor=actor,
            action="gas.limitation_event",
            target=case,
            data={"kind": kind, "on": on.isoformat(), "ground": ground},
        )
    return event


def _refresh_limit(case: Case) -> None:
    fresh = Case.objects.select_related("ascertainment__article").get(pk=case.pk)
    Case.objects.filter(pk=case.pk).update(decision_limit=timelimits.decision_limit(fresh))


__all__ = [
    "community_service_propose",
    "community_service_result",
    "hearing_record",
    "lawyer_record",
    "letter_receipt_record",
    "limitation_event_record",
    "payment_terms_agree",
]
