"""Gi / Gi* against the PySAL doctest values (§4.4) and the grid form against the area form."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from urbis.analytics import benjamini_hochberg, gi_star, gi_star_areas

POINTS = np.array([(10, 10), (20, 10), (40, 10), (15, 20), (30, 20), (30, 30)], dtype=float)
Y = [2, 3, 3.2, 5, 8, 7]


def _distance_band(threshold: float) -> np.ndarray:
    d = np.sqrt(((POINTS[:, None] - POINTS[None]) ** 2).sum(-1))
    return ((d <= threshold) & (d > 0)).astype(float)


def test_gi_star_matches_esda_doctest() -> None:
    """esda G_Local(y, DistanceBand(15), transform='B', star=True).Zs."""
    result = gi_star_areas(Y, _distance_band(15))
    np.testing.assert_allclose(
        result.z,
        [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331],
        atol=1e-8,
    )


def test_gi_matches_esda_doctest() -> None:
    """esda G_Local(y, DistanceBand(15), transform='B', star=False).Zs."""
    result = gi_star_areas(Y, _distance_band(15), star=False)
    np.testing.assert_allclose(
        result.z,
        [-1.0136729, -0.04361589, 1.31558703, -0.31412676, 1.15373986, 1.77833941],
        atol=1e-8,
    )


def test_neighbour_lists_and_sparse_matrices_agree() -> None:
    dense = _distance_band(15)
    lists = [list(np.flatnonzero(row)) for row in dense]
    a = gi_star_areas(Y, dense).z
    np.testing.assert_allclose(gi_star_areas(Y, lists).z, a)
    np.testing.assert_allclose(gi_star_areas(Y, sparse.csr_matrix(dense)).z, a)


def _queen_adjacency(rows: int, cols: int, rook: bool = False) -> list[list[int]]:
    neighbours = []
    for r in range(rows):
        for c in range(cols):
            cell = []
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    if (dr, dc) == (0, 0) or (rook and dr and dc):
                        continue
                    if 0 <= r + dr < rows and 0 <= c + dc < cols:
                        cell.append((r + dr) * cols + c + dc)
            neighbours.append(cell)
    return neighbours


@pytest.mark.parametrize("neighbourhood, rook", [("queen", False), ("rook", True)])
def test_grid_gi_star_equals_explicit_contiguity(neighbourhood: str, rook: bool) -> None:
    """The convolution form equals Gi* with lat2W-style contiguity (esda's lat2W(rook=...))."""
    rng = np.random.default_rng(3)
    counts = rng.poisson(2.0, (7, 9)).astype(float)
    grid = gi_star(counts, neighbourhood=neighbourhood)
    areas = gi_star_areas(counts.ravel(), _queen_adjacency(7, 9, rook=rook))
    np.testing.assert_allclose(grid.z.ravel(), areas.z, atol=1e-10)
    np.testing.assert_allclose(grid.p.ravel(), areas.p, atol=1e-12)


def test_mask_excludes_cells_from_moments_and_neighbours() -> None:
    counts = np.array([[1.0, 2, 3], [4, 50, 6], [7, 8, 9]])
    mask = np.ones((3, 3), dtype=bool)
    mask[0, 0] = False
    result = gi_star(counts, mask=mask)
    assert np.isnan(result.z[0, 0]) and np.isnan(result.p_fdr[0, 0])
    kept = [i for i in range(9) if i != 0]
    adjacency = [
        [j - 1 for j in cell if j != 0] for i, cell in enumerate(_queen_adjacency(3, 3)) if i != 0
    ]
    expected = gi_star_areas(counts.ravel()[kept], adjacency).z
    np.testing.assert_allclose(result.z.ravel()[kept], expected, atol=1e-10)


def test_radius_neighbourhood_and_hotspot_flag() -> None:
    counts = np.zeros((21, 21))
    counts[10, 10] = 30
    counts[9:12, 9:12] += 5
    result = gi_star(counts + 0.1, neighbourhood=2)
    assert result.hotspots()[10, 10]
    assert not result.hotspots()[0, 0]
    assert np.all((result.p >= 0) & (result.p <= 1))


def test_benjamini_hochberg_hand_computed() -> None:
    p = [0.01, 0.02, 0.03, 0.04, 0.5]
    np.testing.assert_allclose(benjamini_hochberg(p), [0.05, 0.05, 0.05, 0.05, 0.5])


@pytest.mark.parametrize(
    "counts, kwargs, message",
    [
        (np.zeros((3, 3)), {}, "all cells are equal"),
        (np.ones(5), {}, "must be a 2-D grid"),
        (np.ones((3, 3)) * np.nan, {}, "NaN"),
        (np.arange(9.0).reshape(3, 3), {"neighbourhood": "hex"}, "neighbourhood"),
        (np.arange(9.0).reshape(3, 3), {"neighbourhood": 0.5}, "radius must be >= 1"),
        (np.arange(9.0).reshape(3, 3), {"mask": np.ones((2, 2))}, "mask: shape"),
    ],
)
def test_gi_star_bad_input(counts, kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        gi_star(counts, **kwargs)


def test_weighted_adjacency_uses_the_ord_getis_1995_variance() -> None:
    """Distance-decay weights: z = (Σw x − x̄W) / (S √[(nΣw² − W²)/(n − 1)]), by hand."""
    y = np.array([2.0, 3, 3.2, 5, 8, 7])
    d = np.sqrt(((POINTS[:, None] - POINTS[None]) ** 2).sum(-1))
    w = np.where((d > 0) & (d <= 15), 1.0 / np.maximum(d, 1.0), 0.0)
    result = gi_star_areas(y, w)
    full = w + np.eye(6)  # Gi*: self-weight 1
    n, mean, sd = 6, y.mean(), y.std()
    expected = (full @ y - mean * full.sum(1)) / (
        sd * np.sqrt((n * (full**2).sum(1) - full.sum(1) ** 2) / (n - 1))
    )
    np.testing.assert_allclose(result.z, expected, rtol=1e-12)


def test_gi_star_areas_bad_input() -> None:
    with pytest.raises(ValueError, match="adjacency: needs 3 neighbour lists"):
        gi_star_areas([1, 2, 3], [[1], [0]])
    with pytest.raises(ValueError, match="adjacency: weights cannot be negative"):
        gi_star_areas([1, 2, 3], -np.ones((3, 3)))
    with pytest.raises(ValueError, match="values: all areas are equal"):
        gi_star_areas([2, 2, 2], [[1], [0, 2], [1]])
    with pytest.raises(ValueError, match="values: needs at least three areas"):
        gi_star_areas([1, 2], [[1], [0]])
