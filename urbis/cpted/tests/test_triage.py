"""CPTED triage flow: validation names the question and branch; evaluation gives the outcome
and the path in words. Triggers from domain/cpted.md §5.1."""

from __future__ import annotations

import copy

import pytest

from urbis.cpted.triage import AnswerError, FlowError, default_flow, evaluate, validate_flow

BASE = {
    "T15": False,
    "T2": "new_build",
    "T1": ["housing"],
    "T4": 0,
    "T5": 0,
    "T6": 0,
    "T7": False,
    "T8": False,
    "T3": False,
}


def test_default_flow_is_valid() -> None:
    validate_flow(default_flow())


@pytest.mark.parametrize(
    "changes, outcome, reason",
    [
        ({}, "no_check", "no trigger applies"),
        ({"T4": 12}, "full_check", "10 or more dwellings"),  # Fareham, Salford, Bradford, Craven
        ({"T4": 9}, "no_check", "no trigger applies"),
        ({"T5": 1000}, "full_check", "1000 m² or more"),  # Fareham, Bradford
        ({"T6": 50}, "no_check", "no trigger applies"),  # more than 50, not 50
        ({"T6": 51}, "full_check", "more than 50 parking spaces"),
        ({"T7": True}, "full_check", "night-time or licensed uses"),
        ({"T8": "yes"}, "full_check", "vulnerable users"),
        ({"T1": ["park", "housing"]}, "full_check", "public space, park"),  # Overlasttoets
        ({"T3": True}, "self_check", "changes public space"),
        ({"T15": True}, "specialist", "crowded place"),  # CEN/TS 14383-2
        ({"T2": "maintenance", "T10": "high"}, "self_check", "known problems"),
        ({"T2": "maintenance", "T10": "none"}, "no_check", "no known problems"),
    ],
)
def test_triggers(changes: dict, outcome: str, reason: str) -> None:
    decision = evaluate(default_flow(), {**BASE, **changes})
    assert decision.outcome == outcome
    assert reason in decision.path[-1]


def test_path_in_words() -> None:
    decision = evaluate(default_flow(), {**BASE, "T4": 12})
    assert decision.path[-1] == "T4 Number of dwellings: 12 → 10 or more dwellings"
    assert [step.split(" ")[0] for step in decision.path] == ["T15", "T2", "T1", "T4"]


def test_thresholds_are_settings() -> None:
    flow = default_flow(dwellings=5)
    assert evaluate(flow, {**BASE, "T4": 6}).outcome == "full_check"


@pytest.mark.parametrize(
    "answers, question",
    [
        ({k: v for k, v in BASE.items() if k != "T4"}, "T4"),
        ({**BASE, "T4": "many"}, "T4"),
        ({**BASE, "T2": "demolition"}, "T2"),
        ({**BASE, "T1": ["castle"]}, "T1"),
        ({**BASE, "T5": -3}, "T5"),
    ],
)
def test_missing_or_bad_answer_names_the_question(answers: dict, question: str) -> None:
    with pytest.raises(AnswerError) as error:
        evaluate(default_flow(), answers)
    assert error.value.question == question


def _broken(change) -> dict:  # type: ignore[no-untyped-def]
    flow = copy.deepcopy(default_flow())
    change(flow)
    return flow


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda f: f["questions"]["T4"].update(type="rating"), "T4: unknown answer type 'rating'"),
        (
            lambda f: f["questions"]["T6"].update({"else": "T4"}),
            "cycle T15 → T2 → T1 → T4 → T5 → T6 → T4",
        ),
        (lambda f: f["questions"]["T3"].pop("else"), "T3: dead end"),
        (lambda f: f["questions"]["T5"].update({"else": "T99"}), "T5 else: goes to 'T99'"),
        (
            lambda f: f["questions"]["T7"]["rules"][0].update(then="outcome:maybe"),
            "T7 rule 1: unknown outcome",
        ),
        (
            lambda f: f["questions"].update(X1={"type": "bool", "else": "outcome:no_check"}),
            "X1: unreachable",
        ),
        (
            lambda f: f["questions"]["T4"]["rules"][0].update(op="any"),
            "T4 rule 1: operator 'any' does not fit type int",
        ),
        (
            lambda f: f["questions"]["T2"]["rules"][0].update(value=["demolition"]),
            "not among the choices",
        ),
        (lambda f: f.update(start="T0"), "start: 'T0' is not a question"),
    ],
)
def test_invalid_flows_are_refused_with_the_place_named(change, message: str) -> None:
    with pytest.raises(FlowError) as error:
        validate_flow(_broken(change))
    assert any(message in problem for problem in error.value.problems), error.value.problems


def test_bool_question_without_else_must_handle_both_answers() -> None:
    flow = {
        "start": "Q",
        "questions": {
            "Q": {
                "type": "bool",
                "rules": [
                    {"op": "is", "value": True, "then": "outcome:full_check"},
                    {"op": "is", "value": False, "then": "outcome:no_check"},
                ],
            }
        },
    }
    validate_flow(flow)
    assert evaluate(flow, {"Q": False}).outcome == "no_check"
