"""Pure rules: scoring per strategy and zone with coverage, the red-flag rule (domain/cpted.md
§5.4) and the recommendation lifecycle table (§5.5)."""

from __future__ import annotations

import pytest

from urbis.cpted import advice, scoring
from urbis.cpted.scoring import ScoredRating


def r(value, *, strategy="natural_surveillance", zone="A", critical=False, **kw) -> ScoredRating:  # type: ignore[no-untyped-def]
    return ScoredRating(
        item_code=kw.pop("code", "X"),
        strategy=strategy,
        zone=zone,
        scale=kw.pop("scale", "five_point"),
        value=value,
        critical=critical,
        **kw,
    )


def test_mean_excludes_na_and_unobservable_and_reports_coverage() -> None:
    card = scoring.score(
        [
            r(5),
            r(3),
            r(None, not_applicable=True),
            r(None, not_observable=True),
            r(None),  # not rated yet
        ]
    )
    # (1.0 + 0.5) / 2 on the normalised scale.
    assert card.overall.value == 75.0
    # 4 applicable items (N/A excluded), 2 rated.
    assert card.overall.coverage == 50.0


def test_scores_per_strategy_and_zone_with_weights() -> None:
    card = scoring.score(
        [
            r(5, zone="North", weight=3.0),
            r(1, zone="North", strategy="access_control"),
            r(1, zone="South"),
        ]
    )
    assert card.by_zone["North"].value == 75.0  # (1*3 + 0*1) / 4
    assert card.by_zone["South"].value == 0.0
    assert card.by_strategy["natural_surveillance"].value == 75.0  # (3 + 0) / 4
    assert card.by_strategy["access_control"].value == 0.0


@pytest.mark.parametrize(
    "rating, flagged",
    [
        (r(2, critical=True), True),  # §5.4: critical item rated ≤ 2
        (r(1, critical=True), True),
        (r(3, critical=True), False),
        (r(1, critical=False), False),  # low but not critical: no red flag
        (r(None, critical=True, not_observable=True), False),
        (r(0, critical=True, scale="yes_no_unobservable"), True),  # "no"
        (r(1, critical=True, scale="yes_no_unobservable"), False),
        (r(1, critical=True, scale="zero_to_three"), True),
    ],
)
def test_red_flag_rule(rating: ScoredRating, flagged: bool) -> None:
    card = scoring.score([rating])
    assert bool(card.red_flags) is flagged
    assert card.compliant is not flagged


def test_red_flag_overrides_a_good_average() -> None:
    ratings = [r(5, code=f"G{i}") for i in range(20)] + [r(2, critical=True, code="NS-03")]
    card = scoring.score(ratings)
    assert card.overall.value > 90
    assert not card.compliant
    assert [f.item_code for f in card.red_flags] == ["NS-03"]


@pytest.mark.parametrize(
    "scale, value, ok",
    [
        ("five_point", 0, False),
        ("five_point", 1, True),
        ("five_point", 5, True),
        ("five_point", 6, False),
        ("yes_no_unobservable", 2, False),
        ("zero_to_three", 3, True),
        ("zero_to_three", -1, False),
    ],
)
def test_rating_must_lie_on_the_scale(scale: str, value: int, ok: bool) -> None:
    if ok:
        scoring.check_rating(scale, value)
    else:
        with pytest.raises(scoring.RatingError):
            scoring.check_rating(scale, value)


@pytest.mark.parametrize(
    "current, new, motivation, error_field",
    [
        ("open", "accepted", "", None),
        ("open", "rejected", "", "motivation"),  # §5.5: rejection needs a motivation
        ("open", "rejected", "   ", "motivation"),
        ("open", "rejected", "Budget", None),
        ("open", "implemented", "", "status"),
        ("accepted", "implemented", "", None),
        ("implemented", "verified", "", None),
        ("verified", "open", "", "status"),
        ("rejected", "open", "", None),
    ],
)
def test_recommendation_lifecycle_table(
    current: str, new: str, motivation: str, error_field: str | None
) -> None:
    if error_field is None:
        advice.check_transition(current, new, motivation)
    else:
        with pytest.raises(advice.TransitionError) as error:
            advice.check_transition(current, new, motivation)
        assert error.value.field == error_field
