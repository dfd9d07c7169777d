"""The deadlines of a stored case: its facts (``sanctions/facts.py``) handed to the pure
engine (``rules/deadlines``)."""

from __future__ import annotations

import datetime as dt

from urbis.sanctions.facts import facts_of, parameters_for, settings_on
from urbis.sanctions.models import Case, MunicipalSettings
from urbis.sanctions.rules import deadlines as engine
from urbis.sanctions.rules.deadlines.engine import NO_FINE_NO_TERM as NO_FINE_NO_TERM


def deadlines_of(case: Case, municipal: MunicipalSettings | None = None) -> list[engine.Deadline]:
    """Every deadline that applies to the case now, in order of due date."""
    municipal = municipal or settings_on(case.ascertainment.ascertained_on)
    return engine.deadlines(facts_of(case, municipal), parameters_for(case, municipal))


def deadline(case: Case, code: str) -> engine.Deadline | None:
    return next((d for d in deadlines_of(case) if d.code == code), None)


def decision_limit(case: Case, municipal: MunicipalSettings | None = None) -> dt.date | None:
    """The last day to decide (art. 26); stored on the case for the queues and the sweep."""
    found = next((d for d in deadlines_of(case, municipal) if d.code == "decision_limit"), None)
    return found.due if found else None
