"""Regular grids over projected coordinates: geometry, binning and cell polygons."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from urbis.analytics._validation import as_xy, bounds, positive


@dataclass(frozen=True)
class Grid:
    """Cells of ``cell_size`` metres; row 0 is the southernmost, column 0 the westernmost.

    Cell (r, c) covers x in [x0 + c·cell, x0 + (c+1)·cell) and y likewise from y0.
    """

    x0: float
    y0: float
    cell_size: float
    rows: int
    cols: int

    @property
    def shape(self) -> tuple[int, int]:
        return (self.rows, self.cols)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax)."""
        return (
            self.x0,
            self.y0,
            self.x0 + self.cols * self.cell_size,
            self.y0 + self.rows * self.cell_size,
        )

    def cell_of(self, xy: ArrayLike) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Row and column of each point; -1 for points outside the grid."""
        points = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        col = np.floor((points[:, 0] - self.x0) / self.cell_size).astype(np.int64)
        row = np.floor((points[:, 1] - self.y0) / self.cell_size).astype(np.int64)
        outside = (col < 0) | (col >= self.cols) | (row < 0) | (row >= self.rows)
        col[outside] = -1
        row[outside] = -1
        return row, col

    def counts(self, xy: ArrayLike, weights: ArrayLike | None = None) -> NDArray[np.float64]:
        """Number (or weighted sum) of points in each cell; points outside are ignored."""
        row, col = self.cell_of(xy)
        inside = row >= 0
        grid = np.zeros(self.shape, dtype=np.float64)
        w = np.ones(row.size) if weights is None else np.asarray(weights, dtype=np.float64)
        np.add.at(grid, (row[inside], col[inside]), w[inside])
        return grid

    def centres(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        xs = self.x0 + (np.arange(self.cols, dtype=np.float64) + 0.5) * self.cell_size
        ys = self.y0 + (np.arange(self.rows, dtype=np.float64) + 0.5) * self.cell_size
        return xs.astype(np.float64), ys.astype(np.float64)

    def cell_polygon(self, row: int, col: int) -> list[list[float]]:
        x = self.x0 + col * self.cell_size
        y = self.y0 + row * self.cell_size
        s = self.cell_size
        return [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]


def grid_for(
    xy: ArrayLike,
    cell_size: float,
    *,
    extent: tuple[float, float, float, float] | None = None,
    snap: bool = True,
) -> Grid:
    """A grid covering ``extent`` (xmin, ymin, xmax, ymax) or the points' bounding box.

    With ``snap`` the origin and far edge are snapped outward to multiples of ``cell_size``.

    Examples
    --------
    >>> g = grid_for([[120, 40], [480, 310]], 100)
    >>> (g.x0, g.y0, g.rows, g.cols)
    (100.0, 0.0, 4, 4)
    """
    size = positive(cell_size, "cell_size")
    if extent is None:
        (xmin, xmax), (ymin, ymax) = bounds(as_xy(xy))
    else:
        if len(extent) != 4:
            raise ValueError("extent: must be (xmin, ymin, xmax, ymax)")
        xmin, ymin, xmax, ymax = (float(v) for v in extent)
        if not (xmax > xmin and ymax > ymin):
            raise ValueError("extent: xmax must exceed xmin and ymax must exceed ymin")
    if snap:
        x0 = math.floor(xmin / size) * size
        y0 = math.floor(ymin / size) * size
        cols = max(1, math.ceil((xmax - x0) / size))
        rows = max(1, math.ceil((ymax - y0) / size))
        # A point exactly on the far edge of its own bounding box still needs a cell.
        if extent is None and x0 + cols * size <= xmax:
            cols += 1
        if extent is None and y0 + rows * size <= ymax:
            rows += 1
    else:
        x0, y0 = float(xmin), float(ymin)
        cols = max(1, math.ceil((xmax - xmin) / size))
        rows = max(1, math.ceil((ymax - ymin) / size))
    return Grid(float(x0), float(y0), size, int(rows), int(cols))
