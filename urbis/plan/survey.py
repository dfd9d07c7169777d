"""Safety-survey statistics: weighted shares with 95% confidence intervals, and suppression.

Method (stated in docs/plan.md):

* The headline indicator is the weighted share of respondents answering "often" or "always"
  on the five-point frequency scale (never, rarely, sometimes, often, always), as the federal
  Veiligheidsmonitor reports it (domain/plan-casework.md §1.5).
* Weights make the estimate unbiased but widen the interval. We use Kish's effective sample
  size n_eff = (Σw)² / Σw² (Kish 1965) in a Wilson score interval (Wilson 1927) for p̂ with
  z = 1.96. Wilson behaves well near 0 % and for small n, where the Wald interval fails.
* A cell with fewer than the minimum number of respondents (setting
  ``URBIS_SURVEY_MIN_RESPONDENTS``, default 30), or whose effective sample size is below half
  of it (a few heavy weights make a cell one person's answer), is suppressed: no share and no
  count is published. When suppressed areas of a year together hold fewer respondents than the
  minimum, the next-smallest published area is suppressed too, so that the year's total cannot
  give them away by subtraction (secondary suppression, :func:`protect_complement`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

SCALE: tuple[str, ...] = ("never", "rarely", "sometimes", "often", "always")
HEADLINE: frozenset[str] = frozenset({"often", "always"})
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Share:
    n: int  # respondents who answered the item
    share: float | None  # weighted share in [0, 1]; None when suppressed
    ci_low: float | None
    ci_high: float | None
    n_effective: float
    suppressed: bool


def wilson(p: float, n: float, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a proportion ``p`` observed on ``n`` (possibly effective) units.

    >>> [round(v, 4) for v in wilson(0.5, 100)]
    [0.4038, 0.5962]
    """
    if n <= 0:
        raise ValueError("n: must be positive")
    if not 0 <= p <= 1:
        raise ValueError("p: must lie in [0, 1]")
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def weighted_share(
    answers: Sequence[str | None],
    weights: Sequence[float] | None = None,
    *,
    positive: frozenset[str] = HEADLINE,
    min_respondents: int = 30,
) -> Share:
    """Weighted share of ``answers`` in ``positive``; missing answers (None) are left out.

    >>> result = weighted_share(["often"] * 20 + ["never"] * 80, min_respondents=30)
    >>> round(result.share, 2), [round(v, 3) for v in (result.ci_low, result.ci_high)]
    (0.2, [0.133, 0.289])
    """
    if weights is None:
        weights = [1.0] * len(answers)
    if len(weights) != len(answers):
        raise ValueError("weights: one weight per answer is needed")
    pairs = [(a, float(w)) for a, w in zip(answers, weights, strict=True) if a is not None]
    for answer, weight in pairs:
        if answer not in SCALE:
            raise ValueError(f"answers: {answer!r} is not on the scale {', '.join(SCALE)}")
        if not math.isfinite(weight) or weight <= 0:
            raise ValueError(f"weights: must be positive numbers, got {weight!r}")
    n = len(pairs)
    total = sum(w for _, w in pairs)
    n_eff = total * total / sum(w * w for _, w in pairs) if n else 0.0
    if n < min_respondents or n == 0 or n_eff < min_respondents / 2:
        return Share(n, None, None, None, n_eff, True)
    p = sum(w for a, w in pairs if a in positive) / total
    low, high = wilson(p, n_eff)
    return Share(n, p, low, high, n_eff, False)


def protect_complement(cells: dict[str, Share], min_respondents: int) -> dict[str, Share]:
    """Secondary suppression: the suppressed cells of one total must together hold at least
    ``min_respondents`` respondents, or the smallest published cells are suppressed as well.

    >>> a = Share(40, 0.1, 0.0, 0.2, 40.0, False)
    >>> b = Share(5, None, None, None, 5.0, True)
    >>> sorted(k for k, v in protect_complement({"A": a, "B": b}, 30).items() if v.suppressed)
    ['A', 'B']
    """
    result = dict(cells)
    hidden = [key for key, cell in result.items() if cell.suppressed]
    while hidden and sum(result[key].n for key in hidden) < min_respondents:
        shown = sorted(
            (key for key, cell in result.items() if not cell.suppressed),
            key=lambda key: result[key].n,
        )
        if not shown:
            break
        smallest = result[shown[0]]
        result[shown[0]] = Share(smallest.n, None, None, None, smallest.n_effective, True)
        hidden.append(shown[0])
    return result
