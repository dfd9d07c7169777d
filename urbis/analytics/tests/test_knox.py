"""Knox test: golden tables of domain/analytics.md §4.1–4.3, Monte Carlo behaviour, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest

from urbis.analytics import knox_test

pytestmark = pytest.mark.shared_data

VIGNETTE = dict(space_breaks=[0, 0.1, 200, 400, 600], time_breaks=[0, 7, 14, 21])


def test_nearrepeat_vignette_observed_table(be_month1) -> None:
    """§4.1: wsteenbeek/NearRepeat vignette, Manhattan, [a, b) bands — exact."""
    xy, t = be_month1
    result = knox_test(xy, t, **VIGNETTE, permutations=99, rng=9489)
    assert result.observed.tolist() == [
        [28, 5, 5],
        [141, 69, 27],
        [186, 140, 100],
        [237, 192, 128],
    ]
    assert result.space_labels == ["[0, 0.1)", "[0.1, 200)", "[200, 400)", "[400, 600)"]
    assert result.time_labels == ["[0, 7)", "[7, 14)", "[14, 21)"]


def test_exact_expectation_matches_the_published_analytic_ratios(be_month1) -> None:
    """§4.1: O / (N_s·N_t/P) = 1.8032 0.4016 0.6163 / 1.4133 ... to four decimals."""
    xy, t = be_month1
    result = knox_test(xy, t, **VIGNETTE, permutations=9, rng=1)
    analytic = result.observed / result.expected
    np.testing.assert_allclose(
        analytic,
        [
            [1.8032, 0.4016, 0.6163],
            [1.4133, 0.8625, 0.5180],
            [1.0151, 0.9529, 1.0446],
            [0.9737, 0.9837, 1.0066],
        ],
        atol=6e-5,
    )


def test_monte_carlo_agrees_with_exact_expectation(be_month1) -> None:
    """Permutation means converge on N_s·N_t/P; ratios within 2 % of the vignette's."""
    xy, t = be_month1
    result = knox_test(xy, t, **VIGNETTE, permutations=999, rng=9489)
    np.testing.assert_allclose(result.simulated_mean, result.expected, rtol=0.05)
    vignette_ratio = [
        [1.8028, 0.4044, 0.6128],
        [1.4121, 0.8622, 0.5171],
        [1.0144, 0.9499, 1.0511],
        [0.9754, 0.9807, 1.0072],
    ]
    np.testing.assert_allclose(result.ratio, vignette_ratio, rtol=0.02)
    assert result.p_value[0, 0] == pytest.approx(0.001)
    assert np.all((result.p_value > 0) & (result.p_value <= 1))


def test_same_seed_same_result_and_different_seed_differs(be_month1) -> None:
    xy, t = be_month1
    a = knox_test(xy, t, **VIGNETTE, permutations=50, rng=42)
    b = knox_test(xy, t, **VIGNETTE, permutations=50, rng=42)
    c = knox_test(xy, t, **VIGNETTE, permutations=50, rng=43)
    np.testing.assert_array_equal(a.simulations, b.simulations)
    np.testing.assert_array_equal(a.p_value, b.p_value)
    assert not np.array_equal(a.simulations, c.simulations)


def test_nrc_be_month1(be_month1) -> None:
    """§4.2: NRC 1.3, Manhattan 100 m × 3, 7 days × 3, 20 iterations — exact observed table."""
    xy, t = be_month1
    result = knox_test(
        xy,
        t,
        space_breaks=[0, 100, 200, 300],
        time_breaks=[0, 7, 14, 21],
        permutations=20,
        rng=5,
        nrc_compat=True,
    )
    assert result.observed.tolist() == [
        [28, 5, 5, 2],
        [44, 13, 8, 4],
        [97, 56, 19, 16],
        [77, 67, 45, 20],
        [182194, 146149, 95237, 45879],
    ]
    assert result.permutations == 19  # NRC runs I - 1 permutations
    assert np.all(np.isin(np.round(result.p_value * 20), np.arange(1, 21)))  # (1+#>=)/I
    assert result.space_labels[0] == "0 (same location)"
    assert result.time_labels[-1] == "[21, inf)"


def test_nrc_arson(arson) -> None:
    """§4.2: arson, Manhattan 200 m × 3, 1 day × 3, 100 iterations — exact."""
    xy, t = arson
    result = knox_test(
        xy,
        t,
        space_breaks=[0, 200, 400, 600],
        time_breaks=[0, 1, 2, 3],
        permutations=100,
        rng=5,
        nrc_compat=True,
    )
    assert result.observed.tolist() == [
        [0, 2, 0, 8],
        [9, 1, 1, 45],
        [4, 0, 0, 140],
        [6, 0, 0, 234],
        [393, 710, 770, 133658],
    ]


def test_nrc_chicago_2016_euclidean(chicago_2016) -> None:
    """§4.2: Davies' NRC run on 2016, Euclidean 100 m × 3, 2 days × 2 — exact incl. the tail."""
    xy, t = chicago_2016
    result = knox_test(
        xy,
        t,
        space_breaks=[0, 100, 200, 300],
        time_breaks=[0, 2, 4],
        metric="euclidean",
        permutations=2,
        rng=5,
        nrc_compat=True,
    )
    assert result.observed.tolist() == [
        [202, 51, 1025],
        [189, 143, 7762],
        [290, 343, 23366],
        [456, 526, 41305],
        [577857, 760260, 67037075],
    ]


@pytest.mark.parametrize(
    "metric, closed, table",
    [
        (
            "euclidean",
            "right",
            [[342, 97, 62], [1892, 1514, 1362], [4145, 3643, 3592], [5805, 5143, 4919]],
        ),
        (
            "manhattan",
            "right",
            [[342, 97, 62], [1502, 1163, 1038], [2806, 2431, 2386], [3968, 3553, 3395]],
        ),
        (
            "euclidean",
            "left",
            [[319, 106, 62], [1647, 1539, 1400], [3598, 3660, 3638], [5028, 5167, 4935]],
        ),
    ],
)
def test_chicago_2016_davies_tables(chicago_2016, metric, closed, table) -> None:
    """§4.3: tobydavies/NearRepeat, 2016 — (a, b] is closed="right", [a, b) closed="left"."""
    xy, t = chicago_2016
    result = knox_test(xy, t, **VIGNETTE, metric=metric, closed=closed, permutations=1, rng=1)
    assert result.observed.tolist() == table


def test_pointpats_style_single_band_is_the_2x2_count() -> None:
    """pointpats' Knox counts pairs with d <= δ and t <= τ: closed="right", one band each."""
    rng = np.random.default_rng(0)
    xy = rng.uniform(0, 1000, (300, 2))
    t = rng.integers(0, 100, 300).astype(float)
    result = knox_test(
        xy,
        t,
        space_breaks=[0, 50],
        time_breaks=[0, 5],
        metric="euclidean",
        closed="right",
        permutations=9,
        rng=1,
    )
    d = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1))
    gap = np.abs(t[:, None] - t[None])
    upper = np.triu(np.ones_like(d, dtype=bool), 1)
    assert result.observed[0, 0] == int(((d <= 50) & (gap <= 5) & upper).sum())
    n_s, n_t = int(((d <= 50) & upper).sum()), int(((gap <= 5) & upper).sum())
    assert result.expected[0, 0] == pytest.approx(n_s * n_t / (300 * 299 / 2))


def test_infinite_last_bands_count_every_pair() -> None:
    rng = np.random.default_rng(1)
    xy = rng.uniform(0, 500, (200, 2))
    t = rng.integers(0, 60, 200)
    result = knox_test(
        xy,
        t,
        space_breaks=[0, 100, math.inf],
        time_breaks=[0, 10, math.inf],
        permutations=20,
        rng=2,
    )
    assert result.observed.sum() == 200 * 199 // 2
    assert np.all(result.simulations.sum(axis=(1, 2)) == 200 * 199 // 2)
    assert result.space_labels[-1] == "[100, inf)"


def test_datetime64_and_numbers_give_the_same_table(be_month1) -> None:
    xy, t = be_month1
    days = (t - np.datetime64("2015-01-01")).astype(float)
    a = knox_test(xy, t, **VIGNETTE, permutations=5, rng=3)
    b = knox_test(xy, days, **VIGNETTE, permutations=5, rng=3)
    np.testing.assert_array_equal(a.observed, b.observed)
    np.testing.assert_array_equal(a.simulations, b.simulations)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(xy=[[0, 0]], t=[0]), "xy: needs at least 2 events"),
        (dict(xy=[[0, 0], [np.nan, 1]], t=[0, 1]), "xy: row 1 has a NaN"),
        (dict(xy=[[0, 0], [np.inf, 1]], t=[0, 1]), "xy: row 1 has a NaN or infinite"),
        (dict(xy=[[0, 0], [1, 1]], t=[0, 1, 2]), "t: has 3 times for 2 coordinates"),
        (dict(xy=[[0, 0], [1, 1]], t=[0, np.nan]), "t: contains NaN"),
        (dict(space_breaks=[0, 200, 100]), "space_breaks: must be strictly increasing"),
        (dict(space_breaks=[10, 100]), "space_breaks: must start at 0"),
        (dict(time_breaks=[0, math.inf, 20]), "time_breaks: must be strictly increasing"),
        (dict(time_breaks=[0]), "time_breaks: needs at least two breaks"),
        (dict(metric="chebyshev"), "metric: must be"),
        (dict(permutations=0), "permutations: must be a whole number"),
        (
            dict(xy=[[4.47, 51.02], [4.48, 51.03], [4.49, 51.01]], t=[0, 1, 2]),
            "look like longitude/latitude",
        ),
    ],
)
def test_bad_input_names_the_argument(kwargs, message) -> None:
    args = dict(
        xy=[[0, 0], [100, 0], [300, 0]], t=[0, 1, 2], space_breaks=[0, 200], time_breaks=[0, 7]
    )
    args.update(kwargs)
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        knox_test(args.pop("xy"), args.pop("t"), **args)


def _brute_force(xy, t, space, time, metric, closed):
    d = np.abs(xy[:, None] - xy[None])
    d = d.sum(-1) if metric == "manhattan" else np.sqrt((d**2).sum(-1))
    gap = np.abs(t[:, None] - t[None])
    upper = np.triu(np.ones(d.shape, dtype=bool), 1)
    table = np.zeros((len(space) - 1, len(time) - 1), dtype=int)
    for a in range(len(space) - 1):
        for b in range(len(time) - 1):
            if closed == "left":
                in_s = (d >= space[a]) & (d < space[a + 1])
                in_t = (gap >= time[b]) & (gap < time[b + 1])
            else:
                in_s = ((d > space[a]) | ((a == 0) & (d == 0))) & (d <= space[a + 1])
                in_t = ((gap > time[b]) | ((b == 0) & (gap == 0))) & (gap <= time[b + 1])
            table[a, b] = int((in_s & in_t & upper).sum())
    return table


@pytest.mark.parametrize("metric", ["manhattan", "euclidean"])
@pytest.mark.parametrize("closed", ["left", "right"])
@pytest.mark.parametrize("fraction", [0.0, 0.5])
def test_observed_equals_brute_force(metric, closed, fraction) -> None:
    """Whole days (look-up table path) and fractional days (band search path) alike."""
    rng = np.random.default_rng(7)
    xy = np.round(rng.uniform(0, 800, (250, 2)), 0)  # rounding creates exact band-edge ties
    t = rng.integers(0, 40, 250) + fraction * rng.integers(0, 2, 250)
    space, time = [0, 50, 100, 200, math.inf], [0, 2, 5, 9.5, math.inf]
    result = knox_test(
        xy,
        t,
        space_breaks=space,
        time_breaks=time,
        metric=metric,
        closed=closed,
        permutations=5,
        rng=1,
    )
    assert result.observed.tolist() == _brute_force(xy, t, space, time, metric, closed).tolist()
    assert result.observed.sum() == result.n_pairs
    np.testing.assert_array_equal(result.space_totals, result.observed.sum(axis=1))
    np.testing.assert_array_equal(result.time_totals, result.observed.sum(axis=0))


def test_whole_and_fractional_day_kernels_agree_on_permutations() -> None:
    """Shifting every time by 0.25 day changes no gap: both kernels give identical tables."""
    rng = np.random.default_rng(3)
    xy = rng.uniform(0, 1000, (400, 2))
    t = rng.integers(0, 90, 400).astype(float)
    kwargs = dict(space_breaks=[0, 100, 300], time_breaks=[0, 7, 14], permutations=40, rng=9)
    whole = knox_test(xy, t, **kwargs)
    shifted = knox_test(xy, t + 0.25, **kwargs)
    np.testing.assert_array_equal(whole.simulations, shifted.simulations)
    np.testing.assert_array_equal(whole.p_value, shifted.p_value)


def test_permutations_conserve_the_time_band_totals() -> None:
    """Relabelling times keeps the multiset of pair gaps: every simulated column total is N_t."""
    rng = np.random.default_rng(5)
    xy = rng.uniform(0, 300, (300, 2))
    t = rng.integers(0, 30, 300)
    result = knox_test(
        xy, t, space_breaks=[0, 100, math.inf], time_breaks=[0, 3, 10], permutations=30, rng=2
    )
    assert np.all(result.simulations.sum(axis=1) == result.time_totals[None, :])
    assert np.all((result.p_value > 0) & (result.p_value <= 1))


def test_progress_callback_reaches_the_total() -> None:
    calls: list[tuple[int, int]] = []
    xy = np.random.default_rng(0).uniform(0, 500, (100, 2))
    knox_test(
        xy,
        np.arange(100),
        space_breaks=[0, 100],
        time_breaks=[0, 7],
        permutations=70,
        rng=1,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[-1] == (70, 70)


def test_nrc_needs_two_iterations() -> None:
    with pytest.raises(ValueError, match="permutations: must be a whole number >= 2"):
        knox_test(
            [[0, 0], [1, 1]],
            [0, 1],
            space_breaks=[0, 10],
            time_breaks=[0, 7],
            permutations=1,
            nrc_compat=True,
        )
    with pytest.raises(ValueError, match="closed: the Near Repeat Calculator"):
        knox_test(
            [[0, 0], [1, 1]],
            [0, 1],
            space_breaks=[0, 10],
            time_breaks=[0, 7],
            permutations=5,
            nrc_compat=True,
            closed="right",
        )
