"""Fine amounts by date of the facts — each row cites its GAS rule."""

from datetime import date
from decimal import Decimal

import pytest

from urbis.sanctions.rules import amounts
from urbis.sanctions.rules.amounts import Amount
from urbis.sanctions.rules.timeline import NotInForce, Timeline

D = date.fromisoformat


@pytest.mark.parametrize(
    ("on", "minor", "value", "rule"),
    [
        pytest.param("2014-01-01", False, 350, "GAS-R02", id="R02-first-day-of-2013-law"),
        pytest.param("2023-12-31", False, 350, "GAS-R02", id="R02-last-day-350"),
        pytest.param("2024-01-01", False, 500, "GAS-R01", id="R01-500-from-1-jan-2024"),
        pytest.param("2024-01-01", True, 175, "GAS-R03", id="R03-minor-unchanged-2024"),
        pytest.param("2016-05-01", True, 175, "GAS-R03", id="R03-minor-2016"),
    ],
)
def test_max_fine(on: str, minor: bool, value: int, rule: str) -> None:
    amount = amounts.max_fine(D(on), minor)
    assert (amount.value, amount.rule) == (Decimal(value), rule)


def test_max_fine_before_the_2013_law_is_not_supported() -> None:
    with pytest.raises(NotInForce):
        amounts.max_fine(D("2013-12-31"), False)


def test_r01_switch_date_is_a_setting() -> None:
    # a municipality confirming 8 January 2024 (10th day after publication) overrides the date
    adults = Timeline.of(
        (D("2014-01-01"), Amount(Decimal(350), "GAS-R02", "art. 4")),
        (D("2024-01-08"), Amount(Decimal(500), "GAS-R01", "art. 4 (2023)")),
    )
    assert amounts.max_fine(D("2024-01-05"), False, adults=adults).value == 350
    assert amounts.max_fine(D("2024-01-08"), False, adults=adults).value == 500
    assert amounts.ADULT_MAXIMUM.at(D("2024-01-05")).believed


@pytest.mark.parametrize(
    ("category", "on", "value", "rule"),
    [
        pytest.param(1, "2014-07-01", 55, "GAS-R33", id="R33-first-day-55"),
        pytest.param(1, "2018-08-31", 55, "GAS-R33", id="R33-last-day-55"),
        pytest.param(1, "2018-09-01", 58, "GAS-R33", id="R33-58-from-1-sep-2018"),
        pytest.param(2, "2018-08-31", 110, "GAS-R34", id="R34-110"),
        pytest.param(2, "2018-09-01", 116, "GAS-R34", id="R34-116"),
        pytest.param(4, "2018-08-31", 330, "GAS-R35", id="R35-level-crossing-until-31-aug"),
    ],
)
def test_parking_amount(category: int, on: str, value: int, rule: str) -> None:
    amount = amounts.parking_amount(category, D(on))
    assert (amount.value, amount.rule) == (Decimal(value), rule)


@pytest.mark.parametrize(
    ("category", "on", "error"),
    [
        pytest.param(4, "2018-09-01", NotInForce, id="R35-level-crossing-deleted"),
        pytest.param(1, "2014-06-30", NotInForce, id="R33-before-KB-in-force"),
        pytest.param(3, "2020-01-01", ValueError, id="R33-no-third-category"),
    ],
)
def test_parking_amount_refused(category: int, on: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        amounts.parking_amount(category, D(on))


@pytest.mark.parametrize(
    ("excess", "built_up", "value"),
    [
        pytest.param(1, True, 53, id="R42-base"),
        pytest.param(10, True, 53, id="R42-base-up-to-10"),
        pytest.param(11, True, 64, id="R42-11-per-kmh-built-up"),
        pytest.param(20, True, 163, id="R42-max-built-up"),
        pytest.param(15, False, 83, id="R42-6-per-kmh-outside"),
    ],
)
def test_speeding_amount(excess: int, built_up: bool, value: int) -> None:
    assert amounts.speeding_amount(excess, built_up, D("2025-01-01")).value == Decimal(value)


@pytest.mark.parametrize(
    ("excess", "on", "error"),
    [
        pytest.param(21, "2025-01-01", ValueError, id="R38-above-20-criminal-route"),
        pytest.param(0, "2025-01-01", ValueError, id="R38-no-excess"),
        pytest.param(5, "2021-01-31", NotInForce, id="R42-before-gas5"),
    ],
)
def test_speeding_amount_refused(excess: int, on: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        amounts.speeding_amount(excess, True, D(on))


@pytest.mark.parametrize(
    ("on", "ok"),
    [
        pytest.param("2020-04-06", False, id="R51-before"),
        pytest.param("2020-04-07", True, id="R51-first-day"),
        pytest.param("2020-06-30", True, id="R51-last-day"),
        pytest.param("2020-07-01", False, id="R51-after"),
    ],
)
def test_corona_amount(on: str, ok: bool) -> None:
    if ok:
        assert amounts.corona_amount(D(on)).value == 250
    else:
        with pytest.raises(NotInForce):
            amounts.corona_amount(D(on))


@pytest.mark.parametrize(
    ("fine", "minor", "expected"),
    [
        pytest.param("70", False, False, id="R20-70-written-only"),
        pytest.param("70.01", False, True, id="R20-above-70-hearing"),
        pytest.param("20", True, True, id="R11-minor-always-heard"),
    ],
)
def test_oral_hearing_right(fine: str, minor: bool, expected: bool) -> None:
    assert amounts.oral_hearing_right(Decimal(fine), minor) is expected


def test_community_service_hours() -> None:  # GAS-R06
    assert (
        amounts.community_service_max_hours(False),
        amounts.community_service_max_hours(True),
    ) == (
        30,
        15,
    )


@pytest.mark.parametrize(
    ("fine", "on", "minor", "rule"),
    [
        pytest.param("500", "2023-06-01", False, "GAS-R02", id="R02-500-too-high-in-2023"),
        pytest.param("500", "2024-06-01", False, None, id="R01-500-allowed-in-2024"),
        pytest.param("176", "2024-06-01", True, "GAS-R03", id="R03-minor-over-175"),
        pytest.param("175", "2024-06-01", True, None, id="R03-minor-175"),
    ],
)
def test_check_fine(fine: str, on: str, minor: bool, rule: str | None) -> None:
    reasons = amounts.check_fine(Decimal(fine), D(on), minor)
    if rule is None:
        assert reasons == []
    else:
        assert len(reasons) == 1 and reasons[0].startswith(rule)
