"""The cost J(β0, β1) of a model with exactly two parameters, over a rectangle of them.

The model is one sigmoid unit on one feature: z = β1 x + β0, with β0 = b[1] and
β1 = W[1]. Its surface is the engine's cost (backprop.cost) at every grid point, computed
for many points at once: a block of points gives a (k, m) array of logits, one row per
point, and each row is reduced exactly as backprop.cost reduces its one row.
"""
from dataclasses import dataclass

import numpy as np

from . import backprop
from .activations import ACTIVATIONS

GRID_CELLS = 8_000_000   # logits computed at once: memory, not speed, sets the block size
MARGIN = 0.25            # a region extends this share of the path's span on every side
MIN_SPAN = 1.0           # a region is at least this wide and tall
GROWTH = 1.5             # a region that has to grow grows this much beyond the path


@dataclass(frozen=True)
class Region:
    """The rectangle b_min <= β0 <= b_max, w_min <= β1 <= w_max."""

    b_min: float
    b_max: float
    w_min: float
    w_max: float

    def contains(self, points):
        """True when every [β0 β1] row of points (k, 2) lies inside."""
        points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        finite = points[np.all(np.isfinite(points), axis=1)]
        return bool(np.all((finite[:, 0] >= self.b_min) & (finite[:, 0] <= self.b_max)
                           & (finite[:, 1] >= self.w_min) & (finite[:, 1] <= self.w_max)))

    def axes(self, resolution):
        """(β0 values, β1 values), resolution of each, evenly spaced edge to edge."""
        return (np.linspace(self.b_min, self.b_max, resolution),
                np.linspace(self.w_min, self.w_max, resolution))


def surface_values(X, Y, b_values, w_values, l2=0.0):
    """J at every (β0, β1) = (b_values[j], w_values[i]) as an array (len(w), len(b)):
    row i is β1 = w_values[i], column j is β0 = b_values[j].

    X (1, m), Y (1, m): the examples the cost is taken over (the training set)."""
    bb, ww = np.meshgrid(np.asarray(b_values, float), np.asarray(w_values, float))
    return costs_at(X, Y, np.column_stack((bb.ravel(), ww.ravel())), l2).reshape(bb.shape)


def costs_at(X, Y, points, l2=0.0):
    """J at each [β0 β1] row of points (k, 2): an array (k,)."""
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] != 1:
        raise ValueError(f"the loss surface needs one feature (X of shape (1, m)), got {X.shape}")
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    m = X.shape[1]
    J = np.empty(len(points))
    sign = 1 - 2 * Y                       # backprop.cost: log(1 + e^s), s = (1 - 2y) z
    rows = max(1, GRID_CELLS // max(m, 1))
    with np.errstate(all="ignore"):
        for start in range(0, len(points), rows):
            b = points[start:start + rows, 0:1]
            w = points[start:start + rows, 1:2]
            Z = w * X + b                      # Z[1] = W[1] X + b[1], one row per point
            losses = np.logaddexp(0, sign * Z)
            J[start:start + rows] = losses.sum(axis=1) / m
            if l2:
                J[start:start + rows] += l2 / (2 * m) * (w[:, 0] ** 2)
    return J


def full_batch_gradient(X, Y, b, w, l2=0.0):
    """(dJ/dβ0, dJ/dβ1) over all of (X, Y) at one point: backprop's db[1] and dW[1]."""
    W = [None, np.array([[w]], dtype=np.float64)]
    B = [None, np.array([[b]], dtype=np.float64)]
    g = [None, ACTIVATIONS["sigmoid"]]
    cache = backprop.backward_propagation(backprop.forward_propagation(X, W, B, g, Y), W, g, l2)
    return float(cache.db[1][0, 0]), float(cache.dW[1][0, 0])


def region_around(points, margin=MARGIN, min_span=MIN_SPAN):
    """The smallest region holding every finite point (k, 2), widened by margin times its
    span on each side and to at least min_span a side, centred on the points."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    points = points[np.all(np.isfinite(points), axis=1)]
    if not len(points):
        points = np.zeros((1, 2))
    low, high = points.min(axis=0), points.max(axis=0)
    centre, span = (low + high) / 2, high - low
    half = np.maximum(span * (1 + 2 * margin), min_span) / 2
    return Region(float(centre[0] - half[0]), float(centre[0] + half[0]),
                  float(centre[1] - half[1]), float(centre[1] + half[1]))


def grown_region(region, points, growth=GROWTH):
    """region itself while it holds every point, so a caller recomputes only on change;
    else the smallest region holding both region and the points with growth times the
    usual margin around them: room to spare, so a path moving on steadily makes it grow
    now and then, not every frame (and never compounds margins on margins)."""
    if region is not None and region.contains(points):
        return region
    wanted = region_around(points, margin=MARGIN * growth)
    if region is None:
        return wanted
    return Region(min(region.b_min, wanted.b_min), max(region.b_max, wanted.b_max),
                  min(region.w_min, wanted.w_min), max(region.w_max, wanted.w_max))
