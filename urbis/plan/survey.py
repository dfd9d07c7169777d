"""Safety-survey statistics: weighted shares with 95% confidence intervals, and suppression.

Method (stated in docs/plan.md):

* The headline indicator is the weighted share of respondents answering "often" or "always"
  on the five-point frequency scale (never, rarely, sometimes, often, always), as the federal
  Veiligheidsmonitor reports it (domain/plan-casework.md §1.5).
* Weights make the estimate unbiased but widen the interval. We use Kish's effective sample
  size n_eff = (Σw)² / Σw² (Kish 1965) in a Wilson score interval (Wilson 1927) for p̂ with
  z = 1.96. Wilson behaves well near 0 % and for small n, where the Wald interval fails.
* A cell with fewer than the minimum number of respondents (setting
  ``URBIS_SURVEY_MIN_RESPONDENTS``, default 30) is suppressed: no share is published.
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
    if n < min_respondents or n == 0:
        return Share(n, None, None, None, n_eff, True)
    p = sum(w for a, w in pairs if a in positive) / total
    low, high = wilson(p, n_eff)
    return Share(n, p, low, high, n_eff, False)
