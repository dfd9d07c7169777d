"""Judicial Code time computation (Ger.W. art. 52-54, 53bis) — each row cites its rule."""

from datetime import date

import pytest

from urbis.core import calendar as cal

D = date.fromisoformat


@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param("2025-07-21", False, id="art53-national-day-21-july"),
        pytest.param("2025-04-21", False, id="art53-easter-monday"),
        pytest.param("2025-05-29", False, id="art53-ascension"),
        pytest.param("2025-06-09", False, id="art53-whit-monday"),
        pytest.param("2025-11-11", False, id="art53-armistice"),
        pytest.param("2025-11-15", False, id="art53-saturday"),
        pytest.param("2025-11-16", False, id="art53-sunday"),
        pytest.param("2025-11-17", True, id="art53-ordinary-monday"),
        pytest.param("2025-07-11", True, id="art53-flemish-holiday-is-no-legal-holiday"),
        pytest.param("2025-09-27", False, id="art53-french-community-day-2025-is-a-saturday"),
        pytest.param("2025-12-26", True, id="art53-boxing-day-is-no-legal-holiday"),
        pytest.param("2025-04-18", True, id="art53-good-friday-is-no-legal-holiday"),
    ],
)
def test_working_days(day: str, working: bool) -> None:
    assert cal.is_working_day(D(day)) is working


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        pytest.param("2025-01-31", 1, "2025-02-28", id="quantieme-31-jan-plus-1-month"),
        pytest.param("2024-01-31", 1, "2024-02-29", id="quantieme-leap-year"),
        pytest.param("2024-02-29", 12, "2025-02-28", id="quantieme-29-feb-plus-1-year"),
        pytest.param("2025-03-31", -1, "2025-02-28", id="quantieme-backwards"),
        pytest.param("2025-08-31", 6, "2026-02-28", id="quantieme-across-year"),
        pytest.param("2025-10-15", 3, "2026-01-15", id="quantieme-plain"),
    ],
)
def test_add_months(start: str, months: int, expected: str) -> None:
    assert cal.add_months(D(start), months) == D(expected)


@pytest.mark.parametrize(
    ("event", "months", "expected"),
    [
        pytest.param("2025-01-15", 1, "2025-02-15", id="art54-15-jan"),
        pytest.param("2025-01-31", 1, "2025-02-28", id="art54-31-jan-ends-last-of-feb"),
        pytest.param("2023-01-30", 1, "2023-02-28", id="art54-no-29-feb"),
        pytest.param("2024-01-30", 1, "2024-02-29", id="art54-leap-29-feb"),
        pytest.param("2023-02-28", 1, "2023-03-31", id="art54-starts-1-march-ends-31-march"),
        pytest.param("2024-02-28", 1, "2024-03-28", id="art54-starts-29-feb-leap"),
        pytest.param("2025-12-31", 1, "2026-01-31", id="art54-across-year"),
    ],
)
def test_month_term_end(event: str, months: int, expected: str) -> None:
    assert cal.month_term_end(D(event), months) == D(expected)


@pytest.mark.parametrize(
    ("event", "days", "months", "expected"),
    [
        pytest.param("2025-06-20", 0, 1, "2025-07-22", id="art53-sunday-then-21-july"),
        pytest.param("2025-03-20", 0, 1, "2025-04-22", id="art53-easter-sunday-and-monday"),
        pytest.param("2025-10-27", 15, 0, "2025-11-12", id="art53-11-november"),
        pytest.param("2025-12-10", 15, 0, "2025-12-26", id="art53-christmas-to-26-dec"),
        pytest.param("2025-06-26", 15, 0, "2025-07-11", id="art52-11-july-stays"),
        pytest.param("2025-03-06", 15, 0, "2025-03-21", id="art52-last-day-included"),
    ],
)
def test_term_end_moves_to_next_working_day(
    event: str, days: int, months: int, expected: str
) -> None:
    assert cal.term_end(D(event), days=days, months=months) == D(expected)


def test_term_end_needs_exactly_one_unit() -> None:
    with pytest.raises(ValueError):
        cal.term_end(D("2025-01-01"), days=1, months=1)
    with pytest.raises(ValueError):
        cal.term_end(D("2025-01-01"))


@pytest.mark.parametrize(
    ("posted", "expected"),
    [
        pytest.param("2025-03-03", "2025-03-06", id="R19-monday-posting"),
        pytest.param("2025-04-17", "2025-04-23", id="R19-easter-monday-skipped"),
        pytest.param("2025-07-18", "2025-07-24", id="R19-weekend-and-21-july"),
        pytest.param("2025-12-24", "2025-12-30", id="R19-christmas"),
    ],
)
def test_deemed_receipt_third_working_day(posted: str, expected: str) -> None:
    assert cal.deemed_receipt(D(posted)) == D(expected)


@pytest.mark.parametrize(
    ("event", "months", "count_event_day", "roll_back", "expected"),
    [
        pytest.param("2025-01-15", 6, True, True, "2025-07-14", id="R21-conservative-day-before"),
        pytest.param("2025-01-15", 6, False, True, "2025-07-15", id="R21-same-date-reading"),
        pytest.param("2025-01-31", 6, True, True, "2025-07-30", id="R21-31-jan"),
        pytest.param("2025-03-21", 6, True, True, "2025-09-19", id="R21-saturday-moves-back"),
        pytest.param("2025-03-21", 6, True, False, "2025-09-20", id="R21-no-roll-back"),
        pytest.param("2025-01-22", 6, True, True, "2025-07-18", id="R21-21-july-moves-back"),
        pytest.param("2023-08-31", 6, True, True, "2024-02-28", id="R21-leap-february"),
        pytest.param("2023-02-28", 1, False, False, "2023-03-28", id="R21-earliest-reading"),
    ],
)
def test_own_limit_is_conservative(
    event: str, months: int, count_event_day: bool, roll_back: bool, expected: str
) -> None:
    result = cal.own_limit_months(
        D(event), months, count_event_day=count_event_day, roll_back_to_working_day=roll_back
    )
    assert result == D(expected)
    # never later than the Judicial Code reading
    assert result <= cal.month_term_end(D(event), months)


def test_add_working_days_rejects_negative() -> None:
    with pytest.raises(ValueError):
        cal.add_working_days(D("2025-01-01"), -1)


@pytest.mark.parametrize(
    ("birth", "on", "expected"),
    [
        pytest.param("2008-05-10", "2026-05-09", 17, id="day-before-birthday"),
        pytest.param("2008-05-10", "2026-05-10", 18, id="on-the-birthday"),
        pytest.param("2008-02-29", "2026-02-28", 17, id="leap-born-28-february"),
        pytest.param("2008-02-29", "2026-03-01", 18, id="leap-born-1-march"),
        pytest.param("2008-02-29", "2028-02-29", 20, id="leap-born-leap-year"),
        pytest.param("2026-01-01", "2026-12-31", 0, id="first-year"),
    ],
)
def test_age_on_counts_the_birthday_itself(birth: str, on: str, expected: int) -> None:
    assert cal.age_on(D(birth), D(on)) == expected
