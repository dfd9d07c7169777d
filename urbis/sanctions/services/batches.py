"""Work in bulk: a day's notices in one go, reminders for unpaid cases, and the export of
unpaid, enforceable fines for collection. Each case is its own transaction, so one refused
case never blocks the batch; the summary lists what was refused and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks import task

from urbis.core.audit import log_access_many, record_event
from urbis.core.types import Actor
from urbis.sanctions import selectors
from urbis.sanctions.models import Case
from urbis.sanctions.rules.workflow import Procedure
from urbis.sanctions.selectors import worklists
from urbis.sanctions.services.cases import case_transition

NOTICE_ACTION = {
    Procedure.PARKING: "send_parking_notice",
    Procedure.SPEEDING: "send_speed_notice",
    Procedure.GENERAL: "send_opening_letter",
}


@dataclass
class BatchResult:
    done: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.done)} done, {len(self.refused)} refused"


def notices_send(*, actor: Actor, procedure: str, on: dt.date | None = None) -> BatchResult:
    """Send the first letter of every received case of ``procedure`` (parking notices, speeding
    notices, opening letters): a day's batch, each letter kept as PDF on its case."""
    action = NOTICE_ACTION[Procedure(procedure)]
    result = BatchResult()
    cases = worklists.cases_to_open(procedure)
    for case in cases.iterator(chunk_size=500):
        try:
            case_transition(actor=actor, case=case, action=action, on=on)
        except ValidationError as error:
            result.refused.append((case.number, "; ".join(error.messages)))
        else:
            result.done.append(case.number)
    record_event(
        actor=actor,
        action="gas.notices_sent",
        target=("sanctions.case", procedure),
        data={"done": len(result.done), "refused": result.refused[:100]},
    )
    return result


@task()
def notices_send_task(actor_id: int | None, procedure: str) -> str:
    """Background form of :func:`notices_send` (the page enqueues it; the worker runs it)."""

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return notices_send(actor=actor, procedure=procedure).summary()


_term_passed = selectors.payment_term_passed


def reminders_send(*, actor: Actor, today: dt.date | None = None) -> BatchResult:
    """GAS-R32 / art. 30: a reminder for every case whose payment term has passed unpaid —
    stopping, parking and speeding after the notice or invitation, every procedure after the
    decision."""
    today = today or timezone.localdate()
    result = BatchResult()
    waiting = worklists.reminder_candidates()
    for case in waiting.iterator(chunk_size=500):
        if hasattr(case, "instalment_plan") or not _term_passed(case, today):
            continue
        try:
            case_transition(actor=actor, case=case, action="send_reminder", on=today)
        except ValidationError as error:
            result.refused.append((case.number, "; ".join(error.messages)))
        else:
            result.done.append(case.number)
    return result


def fixed_fines_decide(*, actor: Actor, today: dt.date | None = None) -> BatchResult:
    """GAS-R32 (art. 29): stopping, parking and speeding cases still unpaid after the reminder
    get their decision (the fixed amount), notified by registered letter — the sanctioning
    official's batch."""
    today = today or timezone.localdate()
    result = BatchResult()
    unpaid = worklists.fixed_fines_unpaid()
    for case in unpaid.iterator(chunk_size=500):
        if not _term_passed(case, today):
            continue
        try:
            case_transition(actor=actor, case=case, action="decide_fine", on=today)
        except ValidationError as error:
            result.refused.append((case.number, "; ".join(error.messages)))
        else:
            result.done.append(case.number)
    return result


def enforcement_due(*, today: dt.date | None = None) -> list[Case]:
    """Decided fines ready for collection (``selectors.enforceable_cases``)."""
    return selectors.enforceable_cases(today=today)


def enforcement_export(
    *, actor: Actor, purpose: str = "gas.enforcement_export", today: dt.date | None = None
) -> list[Case]:
    """Hand the due cases over for collection (bailiff / dwangbevel): status ENFORCEMENT.
    The exported cases go to the bailiff with the offenders' details: access-logged."""
    exported = []
    for case in enforcement_due(today=today):
        case_transition(actor=actor, case=case, action="export_for_enforcement", on=today)
        exported.append(case)
    log_access_many(user=actor, targets=exported, purpose=purpose)
    return exported
