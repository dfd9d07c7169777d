"""Pure rules: Bjørgo matrix and gaps (Bjørgo 2016), survey shares and intervals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from urbis.plan import bjorgo
from urbis.plan.survey import weighted_share, wilson


def test_matrix_has_every_mechanism_column_in_bjorgos_order_even_when_empty() -> None:
    """Bjørgo (2016) orders the nine mechanisms from norms to desistance; the matrix page reads
    the columns in the order the matrix gives them, and an untagged mechanism is a gap, not a
    missing column."""
    cells = bjorgo.matrix([bjorgo.Tag(1, "drugs", "HARM")], ["burglary", "drugs"])
    expected = [
        "NORM",
        "RECRUIT",
        "DETER",
        "DISRUPT",
        "INCAP",
        "PROTECT",
        "REWARD",
        "HARM",
        "DESIST",
    ]
    assert list(cells["burglary"]) == expected
    assert list(cells["drugs"]) == expected
    assert cells["burglary"]["NORM"].count == 0 and cells["drugs"]["HARM"].count == 1


def test_matrix_counts_distinct_actions_budget_and_actors() -> None:
    tags = [
        bjorgo.Tag(1, "burglary", "PROTECT", Decimal(100), ("Police",)),
        bjorgo.Tag(1, "burglary", "REWARD", Decimal(100), ("Police",)),
        bjorgo.Tag(2, "burglary", "PROTECT", Decimal(50), ("City", "Police")),
        bjorgo.Tag(3, "drugs", "RECRUIT", Decimal(10), ("Youth",)),
        bjorgo.Tag(4, "unknown", "RECRUIT", Decimal(10), ()),  # not a plan phenomenon: ignored
    ]
    cells = bjorgo.matrix(tags, ["burglary", "drugs"])
    assert cells["burglary"]["PROTECT"].count == 2
    assert cells["burglary"]["PROTECT"].budget == Decimal(150)
    assert cells["burglary"]["PROTECT"].actors == {"City", "Police"}
    assert cells["burglary"]["REWARD"].budget == Decimal(100)  # full budget in each cell
    gaps = bjorgo.gaps(cells)
    assert "PROTECT" not in gaps["burglary"] and "DETER" in gaps["burglary"]
    assert len(gaps["drugs"]) == 8
    balance = bjorgo.balance(tags)
    # Action 1's 100 is split over its two primary mechanisms; each budget counts once.
    assert balance["PROTECT"] == pytest.approx((50 + 50) / 170)
    assert sum(balance.values()) == pytest.approx(1.0)


def test_balance_without_budget_is_zero() -> None:
    assert set(bjorgo.balance([bjorgo.Tag(1, "x", "NORM")]).values()) == {0.0}


def test_secondary_tags_are_thin_cover_not_full_cover() -> None:
    tags = [
        bjorgo.Tag(1, "burglary", "DETER", Decimal(100), strength="secondary"),
        bjorgo.Tag(1, "burglary", "PROTECT", Decimal(100)),
    ]
    cells = bjorgo.matrix(tags, ["burglary"])
    assert "DETER" not in bjorgo.gaps(cells)["burglary"]  # something touches it...
    assert bjorgo.secondary_only(cells)["burglary"] == ["DETER"]  # ...but only on the side
    assert bjorgo.balance(tags)["DETER"] == 0.0 and bjorgo.balance(tags)["PROTECT"] == 1.0


@pytest.mark.parametrize(
    "p, n, low, high",
    [(0.5, 100, 0.4038, 0.5962), (0.0, 50, 0.0, 0.0713), (0.06, 1000, 0.0469, 0.0765)],
)
def test_wilson_interval_hand_computed(p: float, n: float, low: float, high: float) -> None:
    result = wilson(p, n)
    assert result == (pytest.approx(low, abs=1e-4), pytest.approx(high, abs=1e-4))


def test_weighted_share_uses_kish_effective_n() -> None:
    answers = ["often", "never", "always", "never"] * 10
    weights = [2.0, 1.0, 1.0, 1.0] * 10
    result = weighted_share(answers, weights, min_respondents=10)
    assert result.share == pytest.approx(30 / 50)
    assert result.n_effective == pytest.approx(50**2 / (4 * 10 + 30))  # (Σw)²/Σw²
    assert (result.ci_low, result.ci_high) == pytest.approx(wilson(0.6, 50**2 / 70))


def test_small_cells_are_suppressed_and_missing_answers_ignored() -> None:
    result = weighted_share(["often"] * 5 + [None] * 40, min_respondents=30)
    assert result.suppressed and result.share is None and result.n == 5


@pytest.mark.parametrize(
    "answers, weights, message",
    [
        (["sometimes", "maybe"], None, "not on the scale"),
        (["often"], [0.0], "positive"),
        (["often", "never"], [1.0], "one weight per answer"),
    ],
)
def test_weighted_share_bad_input(answers, weights, message) -> None:
    with pytest.raises(ValueError, match=message):
        weighted_share(answers, weights, min_respondents=1)
