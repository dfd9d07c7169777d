"""KDE, prospective hotspotting, grid ETAS and evaluation on hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from urbis.analytics import (
    GridETAS,
    grid_for,
    hit_rate,
    kde_grid,
    pai,
    pei,
    project_lonlat,
    prospective_hotspot,
    simulate_hawkes,
)


def test_kde_quartic_value_at_a_cell_centre() -> None:
    # One event 30 m east of the centre of cell (0,0) (centre 50,50); h = 100 m.
    result = kde_grid([[80, 50]], cell_size=100, bandwidth=100, extent=(0, 0, 200, 100))
    u2 = (30 / 100) ** 2
    expected = 3 / (math.pi * 100**2) * (1 - u2) ** 2 * 1e6
    assert result.density[0, 0] == pytest.approx(expected)
    assert result.density[0, 1] == pytest.approx(
        3 / (math.pi * 1e4) * (1 - (70 / 100) ** 2) ** 2 * 1e6
    )


@pytest.mark.parametrize("kernel", ["quartic", "epanechnikov", "uniform", "triangular", "gaussian"])
def test_kde_integrates_to_the_number_of_events(kernel: str) -> None:
    rng = np.random.default_rng(0)
    xy = rng.normal(5000, 300, (200, 2))
    result = kde_grid(
        xy, cell_size=10, bandwidth=150, kernel=kernel, extent=(2000, 2000, 8000, 8000)
    )
    total = result.density.sum() * (10 * 10) / 1e6  # per km² × cell area in km²
    assert total == pytest.approx(200, rel=2e-3)


def test_kde_weights_scale_density() -> None:
    xy = [[50, 50], [150, 50]]
    single = kde_grid(xy, cell_size=50, bandwidth=80, extent=(0, 0, 200, 100)).density
    double = kde_grid(
        xy, cell_size=50, bandwidth=80, extent=(0, 0, 200, 100), weights=[2, 2]
    ).density
    np.testing.assert_allclose(double, 2 * single)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"bandwidth": -5}, "bandwidth: must be positive"),
        ({"cell_size": 0}, "cell_size: must be positive"),
        ({"kernel": "box"}, "kernel: unknown"),
        ({"weights": [1]}, "weights: needs 2 values"),
    ],
)
def test_kde_bad_input(kwargs, message) -> None:
    args = {"cell_size": 10, "bandwidth": 50}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        kde_grid([[0, 0], [100, 100]], **args)


def test_prospective_hand_computed() -> None:
    # Cells of 50 m. Event A in cell (0,0) 6 days before (week 0), event B in cell (0,2)
    # 8 days before (week 1), event C 9 weeks old (ignored), event D after `at` (ignored).
    xy = [[25, 25], [125, 25], [25, 25], [25, 25]]
    t = [4.0, 2.0, -60.0, 11.0]
    result = prospective_hotspot(xy, t, at=10.0, cell_size=50, extent=(0, 0, 500, 100))
    risk = result.risk
    assert risk[0, 0] == pytest.approx(1 / 1 / 1 + 1 / 3 / 2)  # A: d0 w0; B: d2 w1
    assert risk[0, 2] == pytest.approx(1 / 3 / 1 + 1 / 1 / 2)
    assert risk[1, 9] == pytest.approx(1 / 8 / 2)  # A is 9 cells away (too far); B is 7
    assert risk[0, 9] == pytest.approx(1 / 8 / 2)
    assert risk[1, 1] == pytest.approx(1 / 2 / 1 + 1 / 2 / 2)  # Chebyshev distance 1 to both


@pytest.mark.parametrize(
    "distance, expected",
    [("chebyshev", 1 / 2), ("manhattan", 1 / 3), ("euclidean", 1 / (1 + math.sqrt(2)))],
)
def test_prospective_distance_norms(distance: str, expected: float) -> None:
    result = prospective_hotspot(
        [[25, 25]], [0.0], at=1.0, cell_size=50, extent=(0, 0, 150, 150), distance=distance
    )
    assert result.risk[1, 1] == pytest.approx(expected)


def test_hit_rate_pai_pei_hand_computed() -> None:
    risk = np.array([[5.0, 4.0, 0.0], [3.0, 3.0, 1.0]])
    events = np.array([[1, 0, 2], [0, 3, 0]])
    # 20 % of 6 cells -> floor(1.2) = 1 cell: (0,0) with 1 of 6 events.
    assert hit_rate(risk, events, 0.2) == pytest.approx(1 / 6)
    assert pai(risk, events, 0.2) == pytest.approx((1 / 6) / (1 / 6))
    assert pei(risk, events, 0.2) == pytest.approx(1 / 3)  # best single cell holds 3
    # 50 %: 3 cells (0,0), (0,1), then the tie 3.0 at (1,0) before (1,1) in row-major order.
    assert hit_rate(risk, events, 0.5) == pytest.approx(1 / 6)
    np.testing.assert_allclose(hit_rate(risk, events, [0.2, 0.5, 1.0]), [1 / 6, 1 / 6, 1.0])


def test_evaluation_uses_the_study_area_not_the_bounding_box() -> None:
    risk = np.array([[9.0, 1.0], [0.0, 0.0]])
    events = np.array([[2, 1], [0, 5]])
    mask = np.array([[True, True], [False, False]])  # the bottom row is outside the city
    assert hit_rate(risk, events, 0.5, mask=mask) == pytest.approx(2 / 3)
    assert pai(risk, events, 0.5, mask=mask) == pytest.approx((2 / 3) / 0.5)


@pytest.mark.parametrize(
    "coverage, kwargs, message",
    [
        (0.0, {}, "coverage"),
        (1.5, {}, "coverage"),
        (0.5, {"mask": np.zeros((2, 2), dtype=bool)}, "mask: selects no cell"),
    ],
)
def test_evaluation_bad_input(coverage, kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        hit_rate(np.ones((2, 2)), np.ones((2, 2)), coverage, **kwargs)


def test_grid_etas_recovers_known_parameters() -> None:
    """EM on simulate_hawkes data recovers the branching ratio and the decay (§4.5)."""
    sample = simulate_hawkes(
        np.full(36, 0.03), theta=0.4, omega=0.2, duration=2500, cell_size=100, rng=11
    )
    model = GridETAS(cell_size=100).fit(
        sample.xy, sample.t, start=0, end=2500, extent=sample.grid.extent
    )
    assert model.theta_ == pytest.approx(0.4, abs=0.06)
    assert model.omega_ == pytest.approx(0.2, rel=0.25)
    assert float(model.mu_.mean()) == pytest.approx(0.03, rel=0.15)
    risk = model.predict(2500)
    assert risk.shape == sample.grid.shape and np.all(risk >= model.mu_.reshape(risk.shape))


def test_simulate_hawkes_is_reproducible_and_checks_input() -> None:
    a = simulate_hawkes([0.1, 0.2], theta=0.3, omega=1.0, duration=100, rng=1)
    b = simulate_hawkes([0.1, 0.2], theta=0.3, omega=1.0, duration=100, rng=1)
    np.testing.assert_array_equal(a.t, b.t)
    assert np.all(np.diff(a.t) >= 0) and a.t.max() < 100
    with pytest.raises(ValueError, match="theta"):
        simulate_hawkes([0.1], theta=1.2, omega=1.0, duration=10)
    with pytest.raises(ValueError, match="omega: must be positive"):
        simulate_hawkes([0.1], theta=0.2, omega=-1.0, duration=10)


def test_projection_and_grid_helpers() -> None:
    xy = project_lonlat([4.4776, 4.4876], [51.0259, 51.0259])
    assert 650 < xy[1, 0] - xy[0, 0] < 750  # 0.01° of longitude at 51° N is ~700 m
    with pytest.raises(ValueError, match="not degrees"):
        project_lonlat([400], [51])
    grid = grid_for([[120, 40], [480, 310]], 100)
    assert grid.shape == (4, 4)
    rows, cols = grid.cell_of([[120, 40], [10_000, 0]])
    assert (rows.tolist(), cols.tolist()) == ([0, -1], [0, -1])
