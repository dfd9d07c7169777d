"""The transition table, walked whole (Signalen test_workflow: every allowed pair), and the
rules it encodes, cited in the ids."""

from __future__ import annotations

import itertools

import pytest

from urbis.reports import workflow
from urbis.reports.workflow import CLOSED, OPEN, Actor, Status, TransitionError, check

ALL = list(Status)


def _ok(current: Status, target: Status, by: Actor) -> bool:
    try:
        check(current, target, by=by, text="why", forwarded_to="Police", duplicate_of=object())
    except TransitionError:
        return False
    return True


@pytest.mark.parametrize(
    ("current", "target"),
    list(itertools.product(ALL, ALL)),
    ids=lambda s: s.value if isinstance(s, Status) else str(s),
)
def test_every_pair_matches_the_table(current: Status, target: Status) -> None:
    for by in Actor:
        rule = workflow.TRANSITIONS.get(current, {}).get(target)
        assert _ok(current, target, by) == (rule is not None and by in rule.by)


def test_every_status_is_open_or_closed_and_reachable() -> None:
    assert set(Status) == OPEN | CLOSED and not OPEN & CLOSED
    reachable = {Status.NEW} | {t for rules in workflow.TRANSITIONS.values() for t in rules}
    assert reachable == set(Status)


@pytest.mark.parametrize(
    ("current", "target", "kwargs", "code"),
    [
        pytest.param(
            Status.NEW, Status.NO_ACTION, {}, "text_required", id="no-action-needs-reason-Signalen"
        ),
        pytest.param(
            Status.NEW,
            Status.NOT_COMPETENT,
            {"text": "x"},
            "forwarded_to_required",
            id="not-competent-says-to-whom-FMS269",
        ),
        pytest.param(
            Status.NEW,
            Status.DUPLICATE,
            {},
            "duplicate_of_required",
            id="duplicate-names-original-FMS1581",
        ),
        pytest.param(
            Status.RESOLVED,
            Status.REOPENED,
            {},
            "text_required",
            id="reopen-says-why-Signalen-HEROPEND",
        ),
        pytest.param(
            Status.RESOLVED,
            Status.IN_PROGRESS,
            {},
            "not_allowed",
            id="closed-only-reopens-Signalen-AFGEHANDELD",
        ),
        pytest.param(
            Status.IN_PROGRESS,
            Status.ACKNOWLEDGED,
            {},
            "not_allowed",
            id="acknowledge-is-first-step-only",
        ),
    ],
)
def test_guards(current: Status, target: Status, kwargs: dict, code: str) -> None:
    with pytest.raises(TransitionError) as error:
        check(current, target, by=Actor.STAFF, **kwargs)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("current", "allowed"),
    [
        pytest.param(Status.RESOLVED, True, id="reporter-says-not-fixed-FMS897"),
        pytest.param(Status.NO_ACTION, True, id="reporter-contests-no-action"),
        pytest.param(Status.DUPLICATE, False, id="duplicate-reopened-by-staff-only"),
        pytest.param(Status.NOT_COMPETENT, False, id="forwarded-reopened-by-staff-only"),
        pytest.param(Status.NEW, False, id="reporter-cannot-work-a-report"),
    ],
)
def test_reporter_reopen(current: Status, allowed: bool) -> None:
    assert _ok(current, Status.REOPENED, Actor.REPORTER) is allowed


def test_happy_and_reopen_walk() -> None:
    path = [
        Status.NEW,
        Status.ACKNOWLEDGED,
        Status.PLANNED,
        Status.IN_PROGRESS,
        Status.RESOLVED,
        Status.REOPENED,
        Status.IN_PROGRESS,
        Status.RESOLVED,
    ]
    for current, target in itertools.pairwise(path):
        by = Actor.REPORTER if target == Status.REOPENED else Actor.STAFF
        check(current, target, by=by, text="not fixed")


@pytest.mark.parametrize("status", ALL, ids=lambda s: s.value)
def test_open311_mapping(status: Status) -> None:
    assert workflow.open311_status(status) == ("closed" if status in CLOSED else "open")
    assert status in workflow.OPEN311_EXTENDED
