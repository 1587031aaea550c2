"""What the loss-surface view paints for a region, computed off the GUI thread: J on a
grid, its colour range and its contour lines (pyqtgraph's isocurve, which is plain
NumPy), as one array of points with nan between lines."""
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg

from engine.loss_surface import surface_values

RESOLUTION = 120          # grid points a side
CONTOURS = 10             # contour lines, at quantiles of J over the region


@dataclass(frozen=True)
class SurfacePicture:
    """J (r, r) float32 with row i at β1 = w[i] and column j at β0 = b[j]; levels: the
    colour range (J's lowest, its 97th percentile); contour_levels; contours (k, 2)
    [β0 β1] with nan rows between lines; region it was made for."""

    region: object
    J: np.ndarray
    levels: tuple
    contour_levels: tuple
    contours: np.ndarray


def make_surface_picture(X, Y, region, l2=0.0, resolution=RESOLUTION):
    b_values, w_values = region.axes(resolution)
    J = surface_values(X, Y, b_values, w_values, l2)
    finite = J[np.isfinite(J)]
    low, high = (float(finite.min()), float(np.percentile(finite, 97))) if finite.size else (0, 1)
    high = max(high, low + 1e-9)
    levels = tuple(float(v) for v in np.unique(np.quantile(finite, np.linspace(0.04, 0.94,
                                                                              CONTOURS))))
    pieces = []
    cell_b = (region.b_max - region.b_min) / (resolution - 1)
    cell_w = (region.w_max - region.w_min) / (resolution - 1)
    for level in levels:
        # isocurve reads data[x, y]: x along β0 (columns of J), y along β1 (rows).
        for line in pg.isocurve(J.T, level, connected=True):
            line = np.asarray(line, dtype=np.float64) - 0.5   # it puts sample i at i + 0.5
            points = np.column_stack((region.b_min + line[:, 0] * cell_b,
                                      region.w_min + line[:, 1] * cell_w))
            pieces += [points, np.full((1, 2), np.nan)]
    contours = np.vstack(pieces) if pieces else np.zeros((0, 2))
    J32 = J.astype(np.float32)
    J32.flags.writeable = contours.flags.writeable = False
    return SurfacePicture(region, J32, (low, high), levels, contours)
