"""The workflow table walked exhaustively, without a database: every (status, procedure,
action, minor/adult) either finds exactly the edge the table lists, or is refused naming why.
Spot rows pin the law (GAS-Rnn) so a wrong edit of the table fails here."""

from __future__ import annotations

import itertools

import pytest

from urbis.sanctions.rules import workflow
from urbis.sanctions.rules.vocabulary import FIXED, MIXED, Procedure
from urbis.sanctions.rules.workflow import Action, Letter, Status, Via, Who

PAIRS = list(itertools.product(Status, Procedure))


def _expected(status: Status, procedure: Procedure, action: Action, minor: bool):  # type: ignore[no-untyped-def]
    """The edge found by reading the table row by row (independently of ``check``)."""
    for edge in workflow.EDGES:
        if (
            edge.action is action
            and procedure in edge.procedures
            and status in edge.sources
            and not (edge.minors_only and not minor)
            and not (edge.adults_only and minor)
        ):
            return edge
    return None


@pytest.mark.parametrize(("status", "procedure"), PAIRS, ids=[f"{s}-{p}" for s, p in PAIRS])
def test_every_combination_follows_the_table(status: Status, procedure: Procedure) -> None:
    """Each action, for a minor and an adult, from this status in this procedure."""
    for action, minor in itertools.product(Action, (False, True)):
        expected = _expected(status, procedure, action, minor)
        allowed = {e.action for e in workflow.allowed(status, procedure, minor=minor)}
        if expected is None:
            with pytest.raises(workflow.TransitionRefused) as refused:
                workflow.check(action, status, procedure, minor=minor)
            assert action.value in str(refused.value)
            assert action not in allowed
        else:
            edge = workflow.check(action, status, procedure, minor=minor)
            assert edge is expected, (action, minor)
            assert action in allowed
            assert status not in workflow.FINAL  # nothing leaves a final state


@pytest.mark.parametrize("edge", workflow.EDGES, ids=lambda e: e.action.value)
def test_each_edge_is_complete(edge: workflow.Edge) -> None:
    assert "art." in edge.legal_basis  # the basis copied onto each history row
    assert edge.sources and edge.procedures
    assert not (edge.minors_only and edge.adults_only)
    assert not set(edge.sets) - workflow.SETTABLE
    if edge.action in workflow.DECISIONS:
        assert edge.who is Who.OFFICIAL and edge.letter is Letter.DECISION
    if edge.outcome is not None:
        assert edge.target is not None


def test_no_status_is_a_dead_end_while_open() -> None:
    for status, procedure in itertools.product(workflow.OPEN_STATUSES, Procedure):
        if status is Status.AWAITING_PROSECUTOR and procedure not in MIXED:
            continue  # never reached outside the mixed procedures
        if status is Status.COLLEGE_WARNED and procedure is not Procedure.GENERAL:
            continue
        for minor in (False, True):
            assert workflow.allowed(status, procedure, minor=minor), (status, procedure, minor)


@pytest.mark.parametrize(
    ("action", "status", "procedure", "minor", "allowed"),
    [
        # GAS-R05: parking and speeding GAS only for adults (or legal persons).
        ("send_parking_notice", Status.RECEIVED, Procedure.PARKING, True, False),
        ("send_speed_notice", Status.RECEIVED, Procedure.SPEEDING, True, False),
        ("send_parking_notice", Status.RECEIVED, Procedure.PARKING, False, True),
        # GAS-R14: the prosecutor's silence only counts for art. 3 2°.
        ("prosecutor_silent", Status.AWAITING_PROSECUTOR, Procedure.MIXED_LIGHT, False, True),
        ("prosecutor_silent", Status.AWAITING_PROSECUTOR, Procedure.MIXED_HEAVY, False, False),
        # Art. 17: parental involvement for minors only.
        ("start_parental_involvement", Status.OPENED, Procedure.GENERAL, False, False),
        ("start_parental_involvement", Status.OPENED, Procedure.GENERAL, True, True),
        # GAS-R23: payment terms are agreed within a mediation.
        ("agree_payment_terms", Status.MEDIATION, Procedure.GENERAL, False, True),
        ("agree_payment_terms", Status.OPENED, Procedure.GENERAL, False, False),
        # GAS-R29: college sanctions after its prior warning only.
        ("college_closure", Status.RECEIVED, Procedure.GENERAL, False, False),
        ("college_closure", Status.COLLEGE_WARNED, Procedure.GENERAL, False, True),
        # GAS-R32: parking has a second invitation, the general procedure does not.
        ("reject_defence", Status.DEFENCE_RECEIVED, Procedure.PARKING, False, True),
        ("reject_defence", Status.DEFENCE_RECEIVED, Procedure.GENERAL, False, False),
        # GAS-R11: a hearing is recorded as held or not attended once scheduled.
        ("hold_hearing", Status.HEARING_SCHEDULED, Procedure.GENERAL, True, True),
        ("hold_hearing", Status.OPENED, Procedure.GENERAL, True, False),
        # Art. 26: a paid case cannot lapse.
        ("time_bar", Status.PAID, Procedure.GENERAL, False, False),
    ],
)
def test_the_law_in_spot_rows(action, status, procedure, minor, allowed) -> None:  # type: ignore[no-untyped-def]
    found = action in {e.action for e in workflow.allowed(status, procedure, minor=minor)}
    assert found is allowed


def test_steps_that_need_their_form() -> None:
    form = {e.action for e in workflow.EDGES if e.via is Via.FORM}
    assert {
        Action.RECORD_DEFENCE,
        Action.SCHEDULE_HEARING,
        Action.HOLD_HEARING,
        Action.PAYMENT_RECEIVED,
        Action.LODGE_APPEAL,
        Action.AGREE_PAYMENT_TERMS,
        Action.TIME_BAR,
    } <= form


def test_college_sanctions_produce_the_college_decision() -> None:
    # Art. 45 (GAS-R29): the college's decision document is generated, not only a step.
    for action in (Action.COLLEGE_SUSPENSION, Action.COLLEGE_WITHDRAWAL, Action.COLLEGE_CLOSURE):
        (edge,) = workflow.EDGES_BY_ACTION[action]
        assert edge.letter is Letter.COLLEGE_DECISION


def test_fixed_procedures_decide_after_the_reminder() -> None:
    for procedure in FIXED:
        assert workflow.check("decide_fine", Status.REMINDER, procedure, minor=False)
    with pytest.raises(workflow.TransitionRefused):
        workflow.check("decide_fine", Status.REMINDER, Procedure.GENERAL, minor=False)


def test_unknown_action() -> None:
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.check("fly_away", Status.RECEIVED, Procedure.GENERAL, minor=False)
    assert refused.value.key == "unknown"
