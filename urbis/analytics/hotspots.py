"""Getis–Ord Gi and Gi* local statistics (Getis & Ord 1992; Ord & Getis 1995).

Analytic z-scores as in esda's ``G_Local`` with binary weights (domain/analytics.md §2.2):
G_i = Σ_j w_ij y_j / Σ_j y_j (Gi*: j includes i with w_ii = 1), E[G_i] = W_i/N,
V[G_i] = W_i(N − W_i)/(N − 1)/N² · s²/ȳ², with N = n and population moments for Gi*, and
N = n − 1 with moments computed without y_i for Gi. For binary weights this z equals the
ArcGIS / Getis–Ord 1995 form. p-values are two-sided normal; ``p_fdr`` applies the
Benjamini–Hochberg step-up procedure to the cells analysed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import ndimage, sparse
from scipy.special import ndtr


@dataclass(frozen=True)
class GiStarResult:
    z: NDArray[np.float64]
    p: NDArray[np.float64]
    p_fdr: NDArray[np.float64]

    def hotspots(self, alpha: float = 0.05) -> NDArray[np.bool_]:
        """Cells with z > 0 and FDR-adjusted p < alpha."""
        return (np.nan_to_num(self.z) > 0) & (np.nan_to_num(self.p_fdr, nan=1.0) < alpha)


def benjamini_hochberg(p: ArrayLike) -> NDArray[np.float64]:
    """Benjamini–Hochberg adjusted p-values (NaN stays NaN).

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03]).round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    values = np.asarray(p, dtype=np.float64)
    out = np.full(values.shape, np.nan)
    finite = np.isfinite(values)
    q = values[finite]
    m = q.size
    if m == 0:
        return out
    order = np.argsort(q)
    ranked = q[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    result = np.empty(m)
    result[order] = np.minimum(adjusted, 1.0)
    out[finite] = result
    return out


def neighbourhood_kernel(neighbourhood: str | int | float) -> NDArray[np.float64]:
    """Binary neighbourhood including the cell itself: queen (3×3), rook (cross) or a radius."""
    if neighbourhood == "queen":
        return np.ones((3, 3))
    if neighbourhood == "rook":
        return np.array([[0.0, 1, 0], [1, 1, 1], [0, 1, 0]])
    if isinstance(neighbourhood, (int, float)) and not isinstance(neighbourhood, bool):
        if not np.isfinite(neighbourhood) or neighbourhood < 1:
            raise ValueError(f"neighbourhood: a radius must be >= 1 cell, got {neighbourhood!r}")
        reach = int(np.floor(neighbourhood))
        offsets = np.arange(-reach, reach + 1)
        dr, dc = np.meshgrid(offsets, offsets, indexing="ij")
        return (dr**2 + dc**2 <= neighbourhood**2).astype(np.float64)
    raise ValueError(
        f"neighbourhood: must be 'queen', 'rook' or a radius in cells, got {neighbourhood!r}"
    )


def _two_sided(z: NDArray[np.float64]) -> NDArray[np.float64]:
    # 2·Φ(−|z|), with scipy.special's normal CDF (scipy.stats takes seconds to import).
    return np.asarray(2 * ndtr(-np.abs(z)), dtype=np.float64)


def gi_star(
    counts: ArrayLike, *, neighbourhood: str | int | float = "queen", mask: ArrayLike | None = None
) -> GiStarResult:
    """Gi* z-scores for a 2-D grid of counts with binary contiguity weights plus self.

    Without a mask, ``z`` equals esda's ``G_Local(counts.ravel(), lat2W(rows, cols,
    rook=False), transform="B", star=True).Zs`` reshaped. With a mask, cells outside it are
    neither analysed nor neighbours, and get NaN.

    Examples
    --------
    >>> import numpy as np
    >>> grid = np.zeros((5, 5)); grid[2, 2] = 9; grid[2, 3] = 4
    >>> result = gi_star(grid)
    >>> bool(result.z[2, 2] > 1.5 and result.z[0, 0] < 0)
    True
    """
    y = np.asarray(counts, dtype=np.float64)
    if y.ndim != 2:
        raise ValueError(f"counts: must be a 2-D grid, got shape {y.shape}")
    inside = np.ones(y.shape, dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
    if inside.shape != y.shape:
        raise ValueError(f"mask: shape {inside.shape} differs from counts {y.shape}")
    if not np.all(np.isfinite(y[inside])):
        raise ValueError("counts: contains NaN or infinite values inside the study area")
    n = int(inside.sum())
    if n < 2:
        raise ValueError("counts: needs at least two cells in the study area")
    kernel = neighbourhood_kernel(neighbourhood)
    values = np.where(inside, y, 0.0)
    total = values.sum()
    mean = total / n
    variance = (values[inside] ** 2).sum() / n - mean**2
    if total == 0 or variance <= 0:
        raise ValueError("counts: all cells are equal (e.g. all zero); Gi* is undefined")
    local = ndimage.correlate(values, kernel, mode="constant", cval=0.0)
    weights = ndimage.correlate(inside.astype(np.float64), kernel, mode="constant", cval=0.0)
    expected = weights / n
    var_g = weights * (n - weights) / (n - 1) / n**2 * variance / mean**2
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (local / total - expected) / np.sqrt(var_g)
    z = np.where(inside, z, np.nan)
    p = np.where(inside, _two_sided(z), np.nan)
    return GiStarResult(z=z, p=p, p_fdr=benjamini_hochberg(p))


def _as_weights(adjacency: Any, n: int) -> sparse.csr_matrix:
    if isinstance(adjacency, (list, tuple)) and all(
        isinstance(row, (list, tuple, set, np.ndarray)) for row in adjacency
    ):
        if len(adjacency) != n:
            raise ValueError(f"adjacency: needs {n} neighbour lists, got {len(adjacency)}")
        rows = [i for i, neighbours in enumerate(adjacency) for _ in neighbours]
        cols = [int(j) for neighbours in adjacency for j in neighbours]
        matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    else:
        matrix = sparse.csr_matrix(adjacency, dtype=np.float64)
    if matrix.shape != (n, n):
        raise ValueError(f"adjacency: must be {n}×{n}, got {matrix.shape}")
    return matrix


def gi_star_areas(values: ArrayLike, adjacency: Any, *, star: bool = True) -> GiStarResult:
    """Gi* (or Gi with ``star=False``) for irregular areas.

    ``adjacency`` is an n×n matrix (dense or scipy sparse; non-zero = neighbour, value = weight)
    or a list of neighbour index lists. Self-neighbours are ignored: Gi* adds w_ii = 1.

    The z-score is Ord & Getis's (1995, Geogr. Anal. 27:286, eq. 14) general form
    z_i = (Σ_j w_ij x_j − x̄ W_i) / (S √[(N Σ_j w_ij² − W_i²) / (N − 1)]), with x̄ and S the
    population mean and SD over N = n areas (Gi*: j includes i), or over the N = n − 1 other
    areas (Gi). For binary weights it equals esda's ``G_Local(..., transform="B")`` z exactly;
    for weighted adjacency (distance decay) it is the correct variance, where esda's uses the
    row sums only.

    Examples
    --------
    >>> result = gi_star_areas([1, 2, 10, 12], [[1], [0, 2], [1, 3], [2]])
    >>> bool(result.z[3] > result.z[0])
    True
    """
    y = np.asarray(values, dtype=np.float64)
    if y.ndim != 1:
        raise ValueError(f"values: must be one-dimensional, got shape {y.shape}")
    if not np.all(np.isfinite(y)):
        raise ValueError("values: contains NaN or infinite values")
    n = y.size
    if n < 3:
        raise ValueError("values: needs at least three areas")
    w = _as_weights(adjacency, n).tolil()
    w.setdiag(1.0 if star else 0.0)
    weights = w.tocsr()
    weights.eliminate_zeros()
    if weights.nnz and weights.data.min() < 0:
        raise ValueError("adjacency: weights cannot be negative")
    local = weights @ y
    w_sum = np.asarray(weights.sum(axis=1)).ravel()
    w_sq = np.asarray(weights.multiply(weights).sum(axis=1)).ravel()
    if star:
        big_n = n
        mean = np.full(n, y.mean())
        var = np.full(n, y.var())
    else:
        big_n = n - 1
        mean = (y.sum() - y) / big_n
        var = ((y**2).sum() - y**2) / big_n - mean**2
    if np.all(var <= 0):
        raise ValueError("values: all areas are equal; Gi* is undefined")
    with np.errstate(invalid="ignore", divide="ignore"):
        spread = np.sqrt(np.maximum(var, 0.0))
        z = (local - mean * w_sum) / (
            spread * np.sqrt(np.maximum(big_n * w_sq - w_sum**2, 0.0) / (big_n - 1))
        )
    p = _two_sided(z)
    return GiStarResult(z=z, p=p, p_fdr=benjamini_hochberg(p))
