"""CPTED triage: the flow-chart that decides which investment projects need a check.

The flow is data (a versioned document the coordinator edits), validated before it is saved
and evaluated without a database. Triggers and defaults come from domain/cpted.md §5.1
(Overlasttoets, UK crime-impact-statement triggers of Fareham, Salford, Bradford and Craven);
Mechelen's own thresholds are unknown, so every threshold is a setting.

Document shape::

    {"version": "2026-1", "start": "T2",
     "questions": {
        "T4": {"text": {"en": "Number of dwellings", "nl": "Aantal woningen",
                        "fr": "Nombre de logements"},
               "type": "int", "required": true,
               "rules": [{"op": ">=", "value": 10, "then": "outcome:full_check",
                          "reason": {"en": "10 or more dwellings", "nl": "...", "fr": "..."}}],
               "else": "T5"}},
     "check_moments": {"idea": [{"en": "before the preliminary design closes", ...}], ...}}

Texts (``text``, ``reason``, ``else_reason``, the optional ``choice_labels`` of a choice
question and the optional ``check_moments`` per phase) are one string (English) or an object
with ``en`` (required), ``nl`` and ``fr`` — see texts.py; a missing language shows English.

A question's ``rules`` are tried in order; the first that matches decides, else ``else``.
A target is another question id or ``outcome:<no_check|self_check|full_check|specialist>``.
Answer types: ``bool``, ``int``, ``number``, ``choice`` (one of ``choices``), ``multi``
(a list of ``choices``). Operators: ``==``, ``>=``, ``>``, ``<=``, ``<`` for numbers;
``is`` for bool; ``in`` (choice) and ``any`` (multi: at least one of ``value``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from urbis.cpted.default_flow import CHECK_MOMENTS, default_flow
from urbis.cpted.texts import (
    RULE_WORDS,
    YES_NO,
    all_languages,
    language_code,
    pick,
    text_problems,
)

__all__ = ["CHECK_MOMENTS", "default_flow"]

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
#: The project phases a flow's ``check_moments`` may name (models.Phase).
PHASES = ("idea", "preliminary_design", "final_design", "execution", "management")


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


QUESTION_KEYS = frozenset(
    {"type", "text", "choices", "choice_labels", "rules", "else", "else_reason", "required"}
)
RULE_KEYS = frozenset({"op", "value", "then", "reason"})


def _rule_problems(qid: str, question: dict[str, Any]) -> list[str]:
    """The shape of the rules: a list of objects with known keys, a value of the question's
    type (a bool rule compares with true/false, a number rule with a finite number)."""
    rules = question.get("rules", [])
    if not isinstance(rules, list):
        return [f"{qid} rules: must be a list of rules"]
    problems = []
    kind = question.get("type")
    for index, rule in enumerate(rules):
        where = f"{qid} rule {index + 1}"
        if not isinstance(rule, dict):
            problems.append(f"{where}: must be an object with op, value and then")
            continue
        unknown = sorted(set(rule) - RULE_KEYS)
        if unknown:
            problems.append(f"{where}: unknown key(s) {', '.join(unknown)}")
        if not isinstance(rule.get("then"), str) or not rule.get("then"):
            problems.append(f"{where}: 'then' must name a question or an outcome")
        value = rule.get("value")
        if kind == "bool" and not isinstance(value, bool):
            problems.append(f"{where}: the value of a yes/no rule is true or false")
        if kind in ("int", "number") and (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
        ):
            problems.append(f"{where}: the value of a number rule is a finite number")
        if kind in ("choice", "multi") and not isinstance(value, list):
            problems.append(f"{where}: the value of a choice rule is a list of choices")
    if "else" in question and not isinstance(question["else"], str):
        problems.append(f"{qid} else: must name a question or an outcome")
    if question.get("required", True) is False and "else" not in question:
        problems.append(f"{qid}: an optional question needs an 'else' for no answer")
    return problems


def _targets(question: dict[str, Any]) -> list[tuple[str, str]]:
    rules = question.get("rules") or []
    if not isinstance(rules, list):
        return []
    branches = [
        (f"rule {index + 1}", str(rule.get("then", "")))
        for index, rule in enumerate(rules)
        if isinstance(rule, dict)
    ]
    if "else" in question:
        branches.append(("else", question["else"]))
    return branches


def validate_flow(flow: Any) -> None:
    """Raise :class:`FlowError` naming every problem: unknown types and operators, targets that
    do not exist, dead ends (an answer with no branch), cycles and unreachable questions."""
    if not isinstance(flow, dict):
        raise FlowError(["the flow must be an object with 'start' and 'questions'"])
    questions = flow.get("questions")
    if not isinstance(questions, dict) or not questions:
        raise FlowError(["'questions' must be a non-empty object"])
    start = flow.get("start")
    problems: list[str] = []
    if start not in questions:
        problems.append(f"start: {start!r} is not a question")
    for qid, question in questions.items():
        problems += _question_problems(qid, question, questions)
    problems += _moment_problems(flow.get("check_moments"))
    if problems:
        raise FlowError(problems)
    problems = _graph_problems(questions, str(start))
    if problems:
        raise FlowError(problems)


def _question_problems(qid: str, question: Any, questions: dict[str, Any]) -> list[str]:
    """Every problem of one question: its type, keys, rules, texts, targets and dead ends."""
    if not isinstance(question, dict):
        return [f"{qid}: must be an object"]
    kind = question.get("type")
    if kind not in TYPES:
        return [f"{qid}: unknown answer type {kind!r} (use {', '.join(TYPES)})"]
    problems = []
    unknown_keys = sorted(set(question) - QUESTION_KEYS)
    if unknown_keys:
        problems.append(f"{qid}: unknown key(s) {', '.join(unknown_keys)}")
    rule_problems = _rule_problems(qid, question)
    if rule_problems:
        return problems + rule_problems
    choices = question.get("choices") or []
    if kind in ("choice", "multi") and not choices:
        problems.append(f"{qid}: a {kind} question needs 'choices'")
    problems += text_problems(question.get("text"), f"{qid} text", required=False)
    problems += text_problems(question.get("else_reason"), f"{qid} else_reason", required=False)
    problems += _label_problems(qid, question.get("choice_labels") or {}, choices)
    for index, rule in enumerate(question.get("rules") or []):
        problems += _rule_fit_problems(f"{qid} rule {index + 1}", kind, rule, choices)
    problems += _target_problems(qid, question, questions)
    if "else" not in question and not _covers_every_answer(question):
        problems.append(f"{qid}: dead end — some answers match no rule and there is no 'else'")
    return problems


def _label_problems(qid: str, labels: Any, choices: list[Any]) -> list[str]:
    if not isinstance(labels, dict):
        return [f"{qid} choice_labels: must be an object choice → text"]
    problems = []
    for choice, label in labels.items():
        if choice not in choices:
            problems.append(f"{qid} choice_labels: {choice!r} is not among the choices")
        problems += text_problems(label, f"{qid} choice_labels.{choice}")
    return problems


def _rule_fit_problems(
    where: str, kind: str, rule: dict[str, Any], choices: list[Any]
) -> list[str]:
    """A rule's reason, and its operator and values against the question's type and choices."""
    problems = text_problems(rule.get("reason"), f"{where} reason", required=False)
    op = rule.get("op")
    if op not in OPERATORS[kind]:
        problems.append(f"{where}: operator {op!r} does not fit type {kind}")
    if kind in ("choice", "multi"):
        unknown = [v for v in rule.get("value") or [] if v not in choices]
        if unknown:
            problems.append(f"{where}: {unknown} are not among the choices")
    return problems


def _target_problems(qid: str, question: dict[str, Any], questions: dict[str, Any]) -> list[str]:
    problems = []
    for branch, target in _targets(question):
        if isinstance(target, str) and target.startswith("outcome:"):
            if target.split(":", 1)[1] not in OUTCOMES:
                problems.append(f"{qid} {branch}: unknown outcome {target!r}")
        elif target not in questions:
            problems.append(f"{qid} {branch}: goes to {target!r}, which is not a question")
    return problems


def _graph_problems(questions: dict[str, Any], start: str) -> list[str]:
    """Cycles and reachability (depth-first from the start)."""
    problems: list[str] = []
    state: dict[str, int] = {}

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

    visit(start, [])
    problems += [
        f"{qid}: unreachable from the start question" for qid in questions if qid not in state
    ]
    return problems


def _moment_problems(moments: Any) -> list[str]:
    if moments is None:
        return []
    if not isinstance(moments, dict):
        return ["check_moments: must be an object phase → list of texts"]
    problems = []
    for phase, texts in moments.items():
        if phase not in PHASES:
            problems.append(f"check_moments: unknown phase {phase!r} (use {', '.join(PHASES)})")
        if not isinstance(texts, list):
            problems.append(f"check_moments.{phase}: must be a list of texts")
            continue
        for index, text in enumerate(texts):
            problems += text_problems(text, f"check_moments.{phase} {index + 1}")
    return problems


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
        except (TypeError, ValueError, OverflowError):
            raise AnswerError(qid, f"expected a number, got {answer!r}") from None
        if not math.isfinite(number):
            raise AnswerError(qid, f"expected a finite number, got {answer!r}")
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
    path: list[str]  # the steps in English, e.g. "T4 Number of dwellings: 12 → 10 or more ..."
    answers_used: dict[str, Any]
    #: The steps as data, every text in every language (render_path shows them per language).
    steps: list[dict[str, Any]] = field(default_factory=list)


def question_text(question: dict[str, Any], language: str | None) -> str:
    return pick(question.get("text"), language)


def choice_label(question: dict[str, Any], choice: str, language: str | None) -> str:
    """The label of a choice in ``language`` (the choice code with spaces when unlabelled)."""
    label = (question.get("choice_labels") or {}).get(choice)
    return pick(label, language) if label else choice.replace("_", " ")


SYMBOLS = {"==": "=", ">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def rule_condition(question: dict[str, Any], rule: dict[str, Any], language: str | None) -> str:
    """A rule's test in words of ``language``: "≥ 10", "ja", "een van: park, speeltuin"."""
    code = language_code(language)
    op, value = rule.get("op"), rule.get("value")
    if op == "is":
        return YES_NO[code][0 if value else 1]
    if op in ("in", "any"):
        labels = ", ".join(choice_label(question, str(v), code) for v in value or [])
        return f"{RULE_WORDS[str(op)][code]}: {labels}"
    number = f"{value:g}" if isinstance(value, float) else str(value)
    if code != "en":
        number = number.replace(".", ",")
    return f"{SYMBOLS.get(str(op), op)} {number}"


def branches(question: dict[str, Any], language: str | None) -> list[tuple[str, str]]:
    """Each branch of a question as (its condition or reason in words, its target)."""
    rows = [
        (
            pick(rule.get("reason"), language) or rule_condition(question, rule, language),
            str(rule.get("then", "")),
        )
        for rule in question.get("rules") or []
    ]
    if "else" in question:
        label = pick(question.get("else_reason"), language)
        rows.append((label or RULE_WORDS["else"][language_code(language)], question["else"]))
    return rows


def _answer_text(question: dict[str, Any], answer: Any, language: str) -> str:
    if answer is None:
        return "—"
    if question["type"] == "bool":
        return YES_NO[language][0 if answer else 1]
    if question["type"] == "choice":
        return choice_label(question, answer, language)
    if question["type"] == "multi":
        return ", ".join(choice_label(question, value, language) for value in answer)
    return f"{answer:g}" if isinstance(answer, float) else str(answer)


def _step(qid: str, question: dict[str, Any], answer: Any, reason: Any) -> dict[str, Any]:
    """One step of the path, self-contained: every text in every language."""
    return {
        "question": qid,
        "text": all_languages(question.get("text") or qid),
        "answer": answer,
        "answer_text": {code: _answer_text(question, answer, code) for code in YES_NO},
        "reason": all_languages(reason) if reason else {},
    }


def render_step(step: Any, language: str | None) -> str:
    """A stored step in words, in ``language``. Steps stored before the path was structured
    are plain English strings and are shown as they are."""
    if not isinstance(step, dict):
        return str(step)
    code = language_code(language)
    text = f"{step['question']} {pick(step.get('text'), code)}: "
    text += pick(step.get("answer_text"), code) or "—"
    reason = pick(step.get("reason"), code)
    return f"{text} → {reason}" if reason else text


def render_path(steps: list[Any], language: str | None) -> list[str]:
    return [render_step(step, language) for step in steps]


def check_moments(flow: dict[str, Any], phase: str) -> list[dict[str, str]]:
    """When the check must happen in ``phase``, every text in every language (the flow's own
    ``check_moments`` when it has them, else the Overlasttoets defaults)."""
    moments = flow.get("check_moments")
    if not isinstance(moments, dict):
        moments = CHECK_MOMENTS
    return [all_languages(text) for text in moments.get(phase, [])]


def evaluate(flow: dict[str, Any], answers: dict[str, Any]) -> Decision:
    """Walk the flow with the answers; raise :class:`AnswerError` naming a missing answer."""
    questions = flow["questions"]
    qid = flow["start"]
    steps: list[dict[str, Any]] = []
    used: dict[str, Any] = {}
    for _step_number in range(len(questions) + 1):
        question = questions[qid]
        reason: Any
        if answers.get(qid) in (None, "", []):
            if question.get("required", True):
                raise AnswerError(qid, f"an answer is required ({question_text(question, 'en')})")
            target, reason = question.get("else", ""), "not answered"
        else:
            answer = _coerce(qid, question, answers[qid])
            used[qid] = answer
            target, reason = question.get("else", ""), question.get("else_reason", "")
            for rule in question.get("rules") or []:
                if _matches(question["type"], rule, answer):
                    target, reason = rule["then"], rule.get("reason", "")
                    break
        if reason == "not answered":
            reason = {"en": "not answered", "nl": "niet beantwoord", "fr": "sans réponse"}
        steps.append(_step(qid, question, used.get(qid), reason))
        if target.startswith("outcome:"):
            return Decision(target.split(":", 1)[1], render_path(steps, "en"), used, steps)
        qid = target
    raise FlowError(["the flow loops"])  # unreachable for a validated flow


def add_translations(document: dict[str, Any], reference: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``document`` where every English-only text that equals a text of
    ``reference`` (e.g. the default flow) takes its Dutch and French, and choice questions
    get the reference's choice labels. Used to carry flows saved before the flow was
    multilingual over to nl/fr without changing a rule."""
    table: dict[str, Any] = {}

    def learn(value: Any) -> None:
        if isinstance(value, dict) and isinstance(value.get("en"), str):
            table.setdefault(value["en"], value)

    for question in reference.get("questions", {}).values():
        learn(question.get("text"))
        learn(question.get("else_reason"))
        for rule in question.get("rules") or []:
            learn(rule.get("reason"))

    def swap(holder: dict[str, Any], key: str) -> None:
        if isinstance(holder.get(key), str) and holder[key] in table:
            holder[key] = dict(table[holder[key]])

    result = json.loads(json.dumps(document))
    for qid, question in result.get("questions", {}).items():
        swap(question, "text")
        swap(question, "else_reason")
        for rule in question.get("rules") or []:
            swap(rule, "reason")
        labels = (reference.get("questions", {}).get(qid) or {}).get("choice_labels") or {}
        choices = question.get("choices") or []
        if "choice_labels" not in question and labels:
            matching = {c: label for c, label in labels.items() if c in choices}
            if matching:
                question["choice_labels"] = matching
    return result
