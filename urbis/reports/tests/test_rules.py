"""Routing (first match), service levels (weekends, Belgian holidays) and Open311 attributes,
as tables that cite the rule."""

from __future__ import annotations

from datetime import date, time

import pytest

from urbis.reports.rules import attributes, routing, sla, text

RULES = [
    routing.RouteRule(
        rule_id=1, order=10, team_id=100, category="noise", start=time(22), end=time(6)
    ),
    routing.RouteRule(rule_id=2, order=20, team_id=200, area="centre"),
    routing.RouteRule(rule_id=3, order=20, team_id=300, category="noise"),
    routing.RouteRule(rule_id=4, order=30, team_id=400, assignee_id=9),
]


@pytest.mark.parametrize(
    ("category", "areas", "at", "team"),
    [
        pytest.param("noise", frozenset(), time(23, 30), 100, id="night-window-crosses-midnight"),
        pytest.param("noise", frozenset(), time(5, 59), 100, id="night-window-before-6"),
        pytest.param("noise", frozenset(), time(6, 0), 300, id="window-end-excluded"),
        pytest.param("noise", frozenset({"centre"}), time(12), 200, id="same-order-lower-id-first"),
        pytest.param("litter", frozenset({"centre"}), time(12), 200, id="area-match"),
        pytest.param("litter", frozenset({"north"}), time(12), 400, id="catch-all-last"),
    ],
)
def test_first_match(category: str, areas: frozenset[str], at: time, team: int) -> None:
    match = routing.first_match(RULES, category=category, areas=areas, at=at)
    assert match is not None and match.team_id == team


def test_no_rule_no_match() -> None:
    assert routing.first_match([], category="x", areas=frozenset(), at=time(12)) is None


@pytest.mark.parametrize(
    ("received", "days", "working", "due"),
    [
        pytest.param(date(2026, 12, 1), 3, True, date(2026, 12, 4), id="tuesday+3wd"),
        pytest.param(date(2026, 12, 4), 1, True, date(2026, 12, 7), id="friday+1wd-skips-weekend"),
        pytest.param(
            date(2026, 12, 5), 1, True, date(2026, 12, 8), id="saturday-starts-monday-Signalen"
        ),
        pytest.param(
            date(2026, 12, 24), 1, True, date(2026, 12, 28), id="christmas-holiday-KB-1974"
        ),
        pytest.param(date(2026, 7, 20), 1, True, date(2026, 7, 22), id="21-july-national-day"),
        pytest.param(date(2026, 11, 10), 2, True, date(2026, 11, 13), id="11-november"),
        pytest.param(date(2026, 12, 5), 0, True, date(2026, 12, 7), id="same-working-day"),
        pytest.param(date(2026, 12, 5), 3, False, date(2026, 12, 8), id="calendar-days"),
        pytest.param(
            date(2026, 12, 24), 1, False, date(2026, 12, 25), id="calendar-days-ignore-holidays"
        ),
    ],
)
def test_due_date(received: date, days: int, working: bool, due: date) -> None:
    assert sla.due_date(received, days=days, working_days=working) == due


@pytest.mark.parametrize(
    ("due", "today", "closed", "expected"),
    [
        pytest.param(date(2026, 12, 4), date(2026, 12, 5), False, "overdue", id="day-after-due"),
        pytest.param(date(2026, 12, 4), date(2026, 12, 4), False, "at_risk", id="due-today"),
        pytest.param(date(2026, 12, 4), date(2026, 12, 3), False, "at_risk", id="one-day-left"),
        pytest.param(date(2026, 12, 4), date(2026, 12, 1), False, "on_time", id="time-left"),
        pytest.param(date(2026, 12, 4), date(2026, 12, 9), True, "on_time", id="closed-not-late"),
    ],
)
def test_flags(due: date, today: date, closed: bool, expected: str) -> None:
    assert sla.flag(due, today, at_risk_days=1, closed=closed).value == expected


DEFS = attributes.parse_definitions(
    [
        {
            "code": "volume",
            "datatype": "singlevaluelist",
            "required": True,
            "order": 2,
            "description": "How much",
            "values": [{"key": "bag", "name": "bag"}],
        },
        {
            "code": "kinds",
            "datatype": "multivaluelist",
            "order": 3,
            "description": "What",
            "values": [{"key": "a", "name": "A"}, {"key": "b", "name": "B"}],
        },
        {"code": "count", "datatype": "number", "order": 1, "description": "How many"},
        {"code": "when", "datatype": "datetime", "order": 4, "description": "When"},
        {"code": "pole", "datatype": "string", "order": 5, "description": "Pole"},
    ]
)


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        pytest.param({"volume": ["bag"]}, {}, id="required-given"),
        pytest.param({}, {"volume": "required"}, id="required-missing-endpoint.t"),
        pytest.param(
            {"volume": ["van"]}, {"volume": "unknown_value"}, id="bad-singlevaluelist-endpoint.t"
        ),
        pytest.param(
            {"volume": ["bag"], "kinds": ["a", "c"]},
            {"kinds": "unknown_value"},
            id="bad-multivaluelist",
        ),
        pytest.param(
            {"volume": ["bag"], "count": ["nan"]}, {"count": "not_a_number"}, id="number-finite"
        ),
        pytest.param(
            {"volume": ["bag"], "when": ["yesterday"]},
            {"when": "not_a_datetime"},
            id="datetime-iso",
        ),
        pytest.param(
            {"volume": ["bag"], "pole": ["x" * 201]}, {"pole": "too_long"}, id="string-limit"
        ),
        pytest.param({"volume": ["bag"], "other": ["x"]}, {}, id="unknown-attribute-ignored"),
    ],
)
def test_attribute_answers(answers: dict, errors: dict) -> None:
    _cleaned, found = attributes.check_answers(DEFS, answers)
    assert found == errors


def test_definitions_sorted_by_order_and_checked() -> None:
    assert [a.code for a in DEFS] == ["count", "volume", "kinds", "when", "pole"]
    with pytest.raises(ValueError):
        attributes.parse_definitions([{"code": "x", "datatype": "colour"}])
    with pytest.raises(ValueError):
        attributes.parse_definitions([{"code": "x", "datatype": "singlevaluelist"}])


@pytest.mark.parametrize(
    ("value", "markup"),
    [
        ("a <b>bold</b> claim", True),
        ("<script>alert(1)</script>", True),
        ("3 < 4 and 5 > 2", False),
        ("plain", False),
    ],
)
def test_markup(value: str, markup: bool) -> None:
    assert text.has_markup(value) is markup


@pytest.mark.parametrize(
    ("address", "street"),
    [
        ("Bruul 12, 2800 Mechelen", "Bruul"),
        ("Hanswijkvaart 40 bus 3", "Hanswijkvaart"),
        ("Grote Markt", "Grote Markt"),
        ("Sint-Katelijnestraat 5A, Mechelen", "Sint-Katelijnestraat"),
    ],
)
def test_street_of(address: str, street: str) -> None:
    assert text.street_of(address) == street
