"""Helpers shared by the GAS pages."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest

from urbis.sanctions import selectors, workflow
from urbis.sanctions.models import Case
from urbis.sanctions.rules import workflow as table

QUEUES = {
    "received": [workflow.Status.RECEIVED, workflow.Status.AWAITING_PROSECUTOR],
    "defence": [
        workflow.Status.OPENED,
        workflow.Status.DEFENCE_RECEIVED,
        workflow.Status.HEARING_SCHEDULED,
    ],
    "payment": [
        workflow.Status.DECIDED,
        workflow.Status.REMINDER,
        workflow.Status.SECOND_INVITATION,
    ],
    "appeal": [workflow.Status.IN_APPEAL],
    "alternative": [
        workflow.Status.MEDIATION,
        workflow.Status.COMMUNITY_SERVICE,
        workflow.Status.PARENTAL_INVOLVEMENT,
    ],
}


def _form_errors(request: HttpRequest, form: object) -> None:
    """Each error as a message that names the field as the page labels it (never its code)."""
    fields = form.fields  # type: ignore[attr-defined]
    for field, errors in form.errors.items():  # type: ignore[attr-defined]
        text = " ".join(str(e) for e in errors)
        label = fields[field].label if field in fields else None
        messages.error(request, f"{label}: {text}" if label else text)


def _case(request: HttpRequest, number: str) -> Case:
    return selectors.case_get(user=request.user, number=number, purpose="gas.case")


def _level(deadline: object, today: dt.date) -> str:
    """The engine's level; an offender's own term that simply ran out is "expired", not an
    alarm (only the city's fatal limits turn red)."""
    level = deadline.level(today)  # type: ignore[attr-defined]
    if level == "overdue" and not deadline.fatal:  # type: ignore[attr-defined]
        return "expired"
    return str(level)


#: Steps recorded with their own form (the table's ``Via.FORM``) and the decisions (taken
#: with the decision form): never a bare button on the case page.
_FORM_ACTIONS = frozenset(
    {e.action.value for e in table.EDGES if e.via is table.Via.FORM}
    | {a.value for a in table.DECISIONS}
)
