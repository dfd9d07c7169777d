"""Work in bulk: a day's notices in one go, reminders for unpaid cases, and the export of
unpaid, enforceable fines for collection. Each case is its own transaction, so one refused
case never blocks the batch; the summary lists what was refused and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks import task

from urbis.core.audit import record_event
from urbis.sanctions import timelimits
from urbis.sanctions.models import Case
from urbis.sanctions.services.cases import case_transition
from urbis.sanctions.workflow import Procedure, Status

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


def notices_send(*, actor: Any, procedure: str, on: dt.date | None = None) -> BatchResult:
    """Send the first letter of every received case of ``procedure`` (parking notices, speeding
    notices, opening letters): a day's batch, each letter kept as PDF on its case."""
    action = NOTICE_ACTION[Procedure(procedure)]
    result = BatchResult()
    cases = Case.objects.filter(status=Status.RECEIVED, procedure=procedure).order_by("number")
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
    from django.contrib.auth import get_user_model

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return notices_send(actor=actor, procedure=procedure).summary()


def reminders_send(*, actor: Any, today: dt.date | None = None) -> BatchResult:
    """GAS-R32 / art. 30: a reminder for every case whose payment term has passed unpaid."""
    today = today or timezone.localdate()
    result = BatchResult()
    waiting = Case.objects.filter(
        status__in=[Status.OPENED, Status.SECOND_INVITATION, Status.DECIDED],
        amount__isnull=False,
    ).select_related("ascertainment__article", "ascertainment__offender")
    for case in waiting.iterator(chunk_size=500):
        term = timelimits.deadline(case, "payment")
        if case.status == Status.OPENED and case.procedure not in (
            Procedure.PARKING,
            Procedure.SPEEDING,
        ):
            continue  # discretionary procedures: the fine is not yet decided
        if term is None or today <= term.due:
            continue
        try:
            case_transition(actor=actor, case=case, action="send_reminder", on=today)
        except ValidationError as error:
            result.refused.append((case.number, "; ".join(error.messages)))
        else:
            result.done.append(case.number)
    return result


def enforcement_due(*, today: dt.date | None = None) -> list[Case]:
    """Reminded cases whose reminder term has passed unpaid: ready for collection."""
    today = today or timezone.localdate()
    due = []
    for case in Case.objects.filter(status=Status.REMINDER).select_related(
        "ascertainment__offender", "ascertainment__article"
    ):
        started = case.term_started_on
        if started and today > started + dt.timedelta(days=30 + 3):  # 30 days after receipt
            due.append(case)
    return due


def enforcement_export(*, actor: Any, today: dt.date | None = None) -> list[Case]:
    """Hand the due cases over for collection (bailiff / dwangbevel): status ENFORCEMENT."""
    exported = []
    for case in enforcement_due(today=today):
        case_transition(actor=actor, case=case, action="export_for_enforcement", on=today)
        exported.append(case)
    return exported
