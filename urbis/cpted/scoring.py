"""CPTED scoring: rating scales, scores per strategy and zone with coverage, and the red-flag
rule. Pure Python (no database), tested as scenario tables.

Sources: domain/cpted.md §5.3 (rating scales: five-point 1–5 plus N/A after Jedigo's
``services/scoring.ts``; yes / no / unobservable; Safetipin's 0–3) and §5.4 (scores are means of
rated items excluding N/A and unobservable; coverage is reported next to each score; the
red-flag rule).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

#: scale code → (lowest value, highest value, highest value that counts as "low").
#: five_point: 1 critical … 5 excellent; a critical item rated ≤ 2 is a red flag (§5.4).
#: yes_no_unobservable: 0 = no, 1 = yes; "no" on a critical item is a red flag.
#: zero_to_three: Safetipin 0–3; 0 or 1 on a critical item is a red flag (by analogy, §5.3).
SCALES: dict[str, tuple[int, int, int]] = {
    "five_point": (1, 5, 2),
    "yes_no_unobservable": (0, 1, 0),
    "zero_to_three": (0, 3, 1),
}


class RatingError(ValueError):
    """A rating outside its item's scale."""


def check_rating(scale: str, value: int | None) -> None:
    """Raise :class:`RatingError` when ``value`` lies outside ``scale`` (None = not rated)."""
    if value is None:
        return
    low, high, _ = SCALES[scale]
    if not low <= value <= high:
        raise RatingError(f"{value} is outside the scale {low}–{high}")


def is_low(scale: str, value: int | None) -> bool:
    return value is not None and value <= SCALES[scale][2]


def normalised(scale: str, value: int) -> float:
    """A rating as a fraction of its scale (0 = worst, 1 = best), so scales can be averaged."""
    low, high, _ = SCALES[scale]
    return (value - low) / (high - low)


@dataclass(frozen=True)
class ScoredRating:
    item_code: str
    strategy: str
    zone: str
    scale: str
    value: int | None  # None: not rated yet
    not_applicable: bool = False
    not_observable: bool = False
    critical: bool = False
    weight: float = 1.0


@dataclass
class Score:
    """Weighted mean (0–100) over rated items and coverage = rated / applicable items."""

    rated: int = 0
    applicable: int = 0
    _sum: float = 0.0
    _weights: float = 0.0

    def add(self, rating: ScoredRating) -> None:
        if rating.not_applicable:
            return
        self.applicable += 1
        if rating.value is None or rating.not_observable:
            return
        self.rated += 1
        self._sum += normalised(rating.scale, rating.value) * rating.weight
        self._weights += rating.weight

    @property
    def value(self) -> float | None:
        return round(100 * self._sum / self._weights, 1) if self._weights else None

    @property
    def coverage(self) -> float:
        return round(100 * self.rated / self.applicable, 1) if self.applicable else 0.0


@dataclass
class Scorecard:
    overall: Score = field(default_factory=Score)
    by_strategy: dict[str, Score] = field(default_factory=dict)
    by_zone: dict[str, Score] = field(default_factory=dict)
    red_flags: list[ScoredRating] = field(default_factory=list)

    @property
    def compliant(self) -> bool:
        """Red-flag rule (domain/cpted.md §5.4): any critical item rated low makes the project
        non-compliant ("niet conform / advies verplicht te behandelen"), whatever the average."""
        return not self.red_flags


def score(ratings: Iterable[ScoredRating]) -> Scorecard:
    """Score the ratings per strategy and per zone; collect the red flags."""
    card = Scorecard()
    for rating in ratings:
        card.overall.add(rating)
        card.by_strategy.setdefault(rating.strategy, Score()).add(rating)
        card.by_zone.setdefault(rating.zone, Score()).add(rating)
        if (
            rating.critical
            and not rating.not_applicable
            and not rating.not_observable
            and is_low(rating.scale, rating.value)
        ):
            card.red_flags.append(rating)
    return card
