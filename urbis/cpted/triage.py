"""CPTED triage: the flow-chart that decides which investment projects need a check.

The flow is data (a versioned document the coordinator edits), validated before it is saved
and evaluated without a database. Triggers and defaults come from domain/cpted.md §5.1
(Overlasttoets, UK crime-impact-statement triggers of Fareham, Salford, Bradford and Craven);
Mechelen's own thresholds are unknown, so every threshold is a setting.

Document shape::

    {"version": "2026-1", "start": "T2",
     "questions": {
        "T4": {"text": "...", "type": "int", "required": true,
               "rules": [{"op": ">=", "value": 10, "then": "outcome:full_check",
                          "reason": "10 or more dwellings"}],
               "else": "T5"}}}

A question's ``rules`` are tried in order; the first that matches decides, else ``else``.
A target is another question id or ``outcome:<no_check|self_check|full_check|specialist>``.
Answer types: ``bool``, ``int``, ``number``, ``choice`` (one of ``choices``), ``multi``
(a list of ``choices``). Operators: ``==``, ``>=``, ``>``, ``<=``, ``<`` for numbers;
``is`` for bool; ``in`` (choice) and ``any`` (multi: at least one of ``value``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

OUTCOMES = ("no_check", "self_check", "full_check", "specialist")
TYPES = ("bool", "int", "number", "choice", "multi")
OPERATORS = {
    "bool": ("is",),
    "int": ("==", ">=", ">", "<=", "<"),
    "number": ("==", ">=", ">", "<=", "<"),
    "choice": ("in",),
    "multi": ("any",),
}
# Severity order: when several outcomes could apply the flow itself decides; this order is
# used only to compare outcomes in reports.
SEVERITY = {name: rank for rank, name in enumerate(OUTCOMES)}


class FlowError(ValueError):
    """A flow document is invalid; ``problems`` name the question and branch."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class AnswerError(ValueError):
    """An answer is missing or of the wrong type; ``question`` names it."""

    def __init__(self, question: str, message: str) -> None:
        super().__init__(f"{question}: {message}")
        self.question = question


def _targets(question: dict[str, Any]) -> list[tuple[str, str]]:
    branches = [
        (f"rule {index + 1}", rule.get("then", ""))
        for index, rule in enumerate(question.get("rules") or [])
    ]
    if "else" in question:
        branches.append(("else", question["else"]))
    return branches


def validate_flow(flow: Any) -> None:
    """Raise :class:`FlowError` naming every problem: unknown types and operators, targets that
    do not exist, dead ends (an answer with no branch), cycles and unreachable questions."""
    problems: list[str] = []
    if not isinstance(flow, dict):
        raise FlowError(["the flow must be an object with 'start' and 'questions'"])
    questions = flow.get("questions")
    if not isinstance(questions, dict) or not questions:
        raise FlowError(["'questions' must be a non-empty object"])
    start = flow.get("start")
    if start not in questions:
        problems.append(f"start: {start!r} is not a question")
    for qid, question in questions.items():
        if not isinstance(question, dict):
            problems.append(f"{qid}: must be an object")
            continue
        kind = question.get("type")
        if kind not in TYPES:
            problems.append(f"{qid}: unknown answer type {kind!r} (use {', '.join(TYPES)})")
            continue
        choices = question.get("choices") or []
        if kind in ("choice", "multi") and not choices:
            problems.append(f"{qid}: a {kind} question needs 'choices'")
        for index, rule in enumerate(question.get("rules") or []):
            op = rule.get("op")
            if op not in OPERATORS[kind]:
                problems.append(f"{qid} rule {index + 1}: operator {op!r} does not fit type {kind}")
            if kind in ("choice", "multi"):
                values = rule.get("value") or []
                unknown = [v for v in values if v not in choices]
                if unknown:
                    problems.append(f"{qid} rule {index + 1}: {unknown} are not among the choices")
        for branch, target in _targets(question):
            if isinstance(target, str) and target.startswith("outcome:"):
                if target.split(":", 1)[1] not in OUTCOMES:
                    problems.append(f"{qid} {branch}: unknown outcome {target!r}")
            elif target not in questions:
                problems.append(f"{qid} {branch}: goes to {target!r}, which is not a question")
        if "else" not in question and not _covers_every_answer(question):
            problems.append(f"{qid}: dead end — some answers match no rule and there is no 'else'")
    if problems:
        raise FlowError(problems)
    # Cycles and reachability (depth-first from the start).
    state: dict[str, int] = {}
    order: list[str] = []

    def visit(qid: str, trail: list[str]) -> None:
        state[qid] = 1
        for branch, target in _targets(questions[qid]):
            if target.startswith("outcome:"):
                continue
            if state.get(target) == 1:
                problems.append(f"{qid} {branch}: cycle {' → '.join([*trail, qid, target])}")
            elif target not in state:
                visit(target, [*trail, qid])
        state[qid] = 2
        order.append(qid)

    visit(str(start), [])
    for qid in questions:
        if qid not in state:
            problems.append(f"{qid}: unreachable from the start question")
    if problems:
        raise FlowError(problems)


def _covers_every_answer(question: dict[str, Any]) -> bool:
    """Without an 'else', the rules must cover every possible answer (bool and choice only)."""
    rules = question.get("rules") or []
    if question["type"] == "bool":
        return {rule.get("value") for rule in rules if rule.get("op") == "is"} >= {True, False}
    if question["type"] == "choice":
        covered = {v for rule in rules for v in rule.get("value") or []}
        return covered >= set(question.get("choices") or [])
    return False


def _matches(kind: str, rule: dict[str, Any], answer: Any) -> bool:
    op, value = rule["op"], rule.get("value")
    if kind == "bool":
        return bool(answer) is value
    if kind in ("int", "number"):
        return {
            "==": answer == value,
            ">=": answer >= value,
            ">": answer > value,
            "<=": answer <= value,
            "<": answer < value,
        }[op]
    if kind == "choice":
        return answer in (value or [])
    return bool(set(answer) & set(value or []))


def _coerce(qid: str, question: dict[str, Any], answer: Any) -> Any:
    kind = question["type"]
    if kind == "bool":
        if isinstance(answer, bool):
            return answer
        if str(answer).lower() in ("true", "yes", "1", "ja", "oui"):
            return True
        if str(answer).lower() in ("false", "no", "0", "nee", "non"):
            return False
        raise AnswerError(qid, f"expected yes or no, got {answer!r}")
    if kind in ("int", "number"):
        try:
            number = int(answer) if kind == "int" else float(answer)
        except (TypeError, ValueError):
            raise AnswerError(qid, f"expected a number, got {answer!r}") from None
        if number < 0:
            raise AnswerError(qid, "cannot be negative")
        return number
    choices = question.get("choices") or []
    if kind == "choice":
        if answer not in choices:
            raise AnswerError(qid, f"{answer!r} is not one of {', '.join(choices)}")
        return answer
    values = answer if isinstance(answer, (list, tuple, set)) else [answer]
    unknown = [v for v in values if v not in choices]
    if unknown:
        raise AnswerError(qid, f"{unknown} are not among {', '.join(choices)}")
    return list(values)


@dataclass(frozen=True)
class Decision:
    outcome: str
    path: list[str]  # the steps in words, e.g. "T4 Number of dwellings = 12 → 10 or more dwellings"
    answers_used: dict[str, Any]


def evaluate(flow: dict[str, Any], answers: dict[str, Any]) -> Decision:
    """Walk the flow with the answers; raise :class:`AnswerError` naming a missing answer."""
    questions = flow["questions"]
    qid = flow["start"]
    path: list[str] = []
    used: dict[str, Any] = {}
    for _step in range(len(questions) + 1):
        question = questions[qid]
        if answers.get(qid) in (None, "", []):
            if question.get("required", True):
                raise AnswerError(qid, f"an answer is required ({question.get('text', qid)})")
            target, reason = question.get("else", ""), "not answered"
        else:
            answer = _coerce(qid, question, answers[qid])
            used[qid] = answer
            target, reason = question.get("else", ""), question.get("else_reason", "")
            for rule in question.get("rules") or []:
                if _matches(question["type"], rule, answer):
                    target, reason = rule["then"], rule.get("reason", "")
                    break
        shown = used.get(qid, "—")
        step = f"{qid} {question.get('text', '')}: {shown}"
        path.append(f"{step} → {reason}" if reason else step)
        if target.startswith("outcome:"):
            return Decision(target.split(":", 1)[1], path, used)
        qid = target
    raise FlowError(["the flow loops"])  # unreachable for a validated flow


def default_flow(
    *, dwellings: int = 10, floor_area: float = 1000, parking: int = 50
) -> dict[str, Any]:
    """The default flow from domain/cpted.md §5.1; thresholds are settings (BELIEVED defaults:
    UK crime-impact-statement triggers — 10 dwellings (Fareham, Salford, Bradford, Craven),
    1,000 m² (Fareham, Bradford; Salford uses 500), more than 50 parking spaces)."""
    return {
        "version": "default-1",
        "start": "T15",
        "questions": {
            "T15": {
                "text": "Critical infrastructure or crowded place?",
                "type": "bool",
                "rules": [
                    {
                        "op": "is",
                        "value": True,
                        "then": "outcome:specialist",
                        "reason": "crowded place or critical infrastructure (CEN/TS 14383-2)",
                    }
                ],
                "else": "T2",
            },
            "T2": {
                "text": "Works category",
                "type": "choice",
                "choices": ["new_build", "redesign", "maintenance", "temporary"],
                "rules": [
                    {
                        "op": "in",
                        "value": ["maintenance"],
                        "then": "T10",
                        "reason": "like-for-like maintenance",
                    }
                ],
                "else": "T1",
            },
            "T10": {
                "text": "Known crime or nuisance at the site",
                "type": "choice",
                "choices": ["none", "low", "medium", "high"],
                "rules": [
                    {
                        "op": "in",
                        "value": ["medium", "high"],
                        "then": "outcome:self_check",
                        "reason": "maintenance at a site with known problems",
                    }
                ],
                "else": "outcome:no_check",
                "else_reason": "maintenance, no known problems",
            },
            "T1": {
                "text": "Project type",
                "type": "multi",
                "choices": [
                    "public_space",
                    "park",
                    "playground",
                    "street",
                    "parking",
                    "housing",
                    "school",
                    "community",
                    "retail",
                    "office",
                    "transport_node",
                    "toilets",
                    "lighting",
                    "other",
                ],
                "rules": [
                    {
                        "op": "any",
                        "value": [
                            "public_space",
                            "park",
                            "playground",
                            "transport_node",
                            "toilets",
                        ],
                        "then": "outcome:full_check",
                        "reason": "public space, park, playground, transport node or toilets",
                    }
                ],
                "else": "T4",
            },
            "T4": {
                "text": "Number of dwellings",
                "type": "int",
                "rules": [
                    {
                        "op": ">=",
                        "value": dwellings,
                        "then": "outcome:full_check",
                        "reason": f"{dwellings} or more dwellings",
                    }
                ],
                "else": "T5",
            },
            "T5": {
                "text": "Gross floor area (m²)",
                "type": "number",
                "rules": [
                    {
                        "op": ">=",
                        "value": floor_area,
                        "then": "outcome:full_check",
                        "reason": f"{floor_area:g} m² or more",
                    }
                ],
                "else": "T6",
            },
            "T6": {
                "text": "Parking spaces created",
                "type": "int",
                "rules": [
                    {
                        "op": ">",
                        "value": parking,
                        "then": "outcome:full_check",
                        "reason": f"more than {parking} parking spaces",
                    }
                ],
                "else": "T7",
            },
            "T7": {
                "text": "Night-time or licensed uses",
                "type": "bool",
                "rules": [
                    {
                        "op": "is",
                        "value": True,
                        "then": "outcome:full_check",
                        "reason": "night-time or licensed uses",
                    }
                ],
                "else": "T8",
            },
            "T8": {
                "text": "Vulnerable users",
                "type": "bool",
                "rules": [
                    {
                        "op": "is",
                        "value": True,
                        "then": "outcome:full_check",
                        "reason": "vulnerable users",
                    }
                ],
                "else": "T3",
            },
            "T3": {
                "text": "Changes publicly accessible space?",
                "type": "bool",
                "rules": [
                    {
                        "op": "is",
                        "value": True,
                        "then": "outcome:self_check",
                        "reason": "changes public space",
                    }
                ],
                "else": "outcome:no_check",
                "else_reason": "no trigger applies",
            },
        },
    }


#: When the check must happen, by current phase (Overlasttoets: before the preliminary design
#: closes, and again before final design approval).
CHECK_MOMENTS = {
    "idea": ["before the preliminary design closes", "again before final design approval"],
    "preliminary_design": [
        "before the preliminary design closes",
        "again before final design approval",
    ],
    "final_design": ["before final design approval"],
    "execution": ["as a site check during execution (late: advice can only adjust details)"],
    "management": ["as a management review"],
}
