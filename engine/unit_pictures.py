"""What each hidden unit has learned: its activation a over the input plane.

For data drawn as a plane (x1, x2, with or without extra features), every hidden unit
computes a function of the point: a[l]_j(x1, x2). Evaluated over a coarse grid of the
plane it is a small picture, as TensorFlow Playground draws in each node; the output
unit's picture is the decision boundary (Snapshot.boundary), so it is not repeated here.

The coarse grid is every k-th point of SessionInfo.grid (k chosen so that at least
MIN_SIDE points span each axis), so its corners are the plane's extent exactly and
the network reads it as it reads the fine grid (SessionInfo.grid_inputs, extra
features included).
"""
import numpy as np

MIN_SIDE = 24
# Hidden units of the whole net beyond which no pictures are made: the forward pass is
# still cheap there, but the diagram draws at most 16 units a layer and a thumbnail
# of a unit among hundreds tells little.
MAX_PICTURED_UNITS = 128


def coarse_step(resolution, min_side=MIN_SIDE):
    """The largest k such that every k-th point of a resolution-point axis ends on its
    last point and at least min_side points remain (1 when none does)."""
    gaps = resolution - 1
    for k in range(gaps, 0, -1):
        if gaps % k == 0 and gaps // k + 1 >= min_side:
            return k
    return 1


def coarse_grid_inputs(grid_inputs, resolution, min_side=MIN_SIDE):
    """(n_x, s*s) points of a fine grid (n_x, r*r), row-major with row 0 at y_min, kept
    at every k-th row and column (coarse_step), and s, the side of the coarse grid."""
    k = coarse_step(resolution, min_side)
    keep = np.arange(0, resolution, k)
    rows, cols = np.meshgrid(keep, keep, indexing="ij")
    index = (rows * resolution + cols).ravel()
    return np.ascontiguousarray(grid_inputs[:, index]), keep.size


def hidden_unit_count(layer_sizes):
    """How many hidden units a net of layer_sizes (n_x, n_1, ..., n_L) has."""
    return int(sum(layer_sizes[1:-1]))


def pictures_possible(layer_sizes):
    """Whether unit pictures are made for a net of layer_sizes: at least one hidden
    unit, and no more than MAX_PICTURED_UNITS."""
    return 0 < hidden_unit_count(layer_sizes) <= MAX_PICTURED_UNITS


def unit_pictures(network, coarse_inputs, side):
    """A[l] over the coarse grid for each hidden layer l = 1 .. L-1, as read-only
    float32 arrays (n_l, side, side): picture[l - 1][j] is unit j's a over the plane
    (row 0 at y_min). float32: these are pictures, computed several times a second."""
    cache = network.forward(coarse_inputs, dtype=np.float32)
    pictures = []
    for l in range(1, network.L):
        A = np.asarray(cache.A[l], dtype=np.float32).reshape(-1, side, side).copy()
        A.flags.writeable = False
        pictures.append(A)
    return tuple(pictures)
