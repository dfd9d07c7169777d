"""The deadlines of a stored case: its facts handed to the pure engine (``rules/deadlines``)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone

from urbis.core.calendar import deemed_receipt
from urbis.sanctions import selectors
from urbis.sanctions.models import Case, MunicipalSettings
from urbis.sanctions.rules import deadlines as engine
from urbis.sanctions.workflow import Outcome, Procedure


def facts_of(case: Case, municipal: MunicipalSettings | None = None) -> engine.CaseFacts:
    a = case.ascertainment
    municipal = municipal or selectors.settings_on(a.ascertained_on)
    procedure = Procedure(case.procedure)
    protocol = {
        Procedure.MIXED_LIGHT: municipal.protocol_mixed_light,
        Procedure.MIXED_HEAVY: municipal.protocol_mixed_heavy,
        Procedure.PARKING: municipal.protocol_parking,
    }.get(procedure, False)
    declined: bool | None = None
    if case.prosecutor_answer_on:
        declined = case.outcome != Outcome.PROSECUTED
    appeal = case.appeals.order_by("-lodged_on").first() if case.pk and case.decided_on else None
    # After the court's judgment (final: no further appeal) the payment runs from the judgment.
    judged = appeal.judgment_on if appeal and appeal.judgment in ("confirmed", "reformed") else None
    parking_like = procedure in (Procedure.PARKING, Procedure.SPEEDING)
    return engine.CaseFacts(
        procedure=engine.Procedure(procedure.value),
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
        protocol_agreement=protocol,
        prosecutor_answer_on=case.prosecutor_answer_on,
        prosecutor_declined=declined,
        opening_letter_posted_on=case.opened_on,
        alternative_proposed_on=case.alternative_proposed_on,
        mediation_payment_terms_agreed=case.payment_terms_agreed,
        # A warning, a closure or an alternative measure also ends the decision limit.
        decision_posted_on=judged or case.notified_on or case.decided_on or case.closed_on,
        payment_reminder_posted_on=case.term_started_on if parking_like else None,
        appeal_lodged_on=appeal.lodged_on if appeal and not judged else None,
        defence_received_on=case.defence_received_on,
        paid_on=case.closed_on if case.status == "paid" else None,
    )


def parameters_for(
    case: Case, municipal: MunicipalSettings | None = None
) -> engine.DeadlineParameters:
    municipal = municipal or selectors.settings_on(case.ascertainment.ascertained_on)
    return dataclasses.replace(
        engine.DEFAULT_PARAMETERS,
        deemed_receipt_working_days=municipal.deemed_receipt_working_days,
    )


def deadlines_of(case: Case, municipal: MunicipalSettings | None = None) -> list[engine.Deadline]:
    """Every deadline that applies to the case now, in order of due date."""
    municipal = municipal or selectors.settings_on(case.ascertainment.ascertained_on)
    found = engine.deadlines(facts_of(case, municipal), parameters_for(case, municipal))
    if case.outcome and case.outcome not in (Outcome.FINE, Outcome.PAID):
        # No fine: nothing to pay, to appeal or to collect.
        found = [d for d in found if d.code not in NO_FINE_NO_TERM]
    if case.pk and case.appeals.exclude(judgment="").exists():
        found = [d for d in found if d.code != "appeal"]  # the judgment is final
    return found


NO_FINE_NO_TERM = frozenset({"payment", "appeal", "collection_limit"})


def deadline(case: Case, code: str) -> engine.Deadline | None:
    return next((d for d in deadlines_of(case) if d.code == code), None)


def decision_limit(case: Case, municipal: MunicipalSettings | None = None) -> dt.date | None:
    """The last day to decide (art. 26); stored on the case for the queues and the sweep."""
    found = next((d for d in deadlines_of(case, municipal) if d.code == "decision_limit"), None)
    return found.due if found else None
