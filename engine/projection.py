"""A 2-D picture of the input space: the plane itself for 2 features, PCA otherwise."""
import numpy as np

GRID_RESOLUTION = 100
MARGIN = 0.15


def principal_axes(X):
    """The top two principal directions of X (n_x, m), as rows of a (2, n_x) array.

    X is expected centred (standardised data is). With one feature, the second axis is 0.
    """
    n_x = X.shape[0]
    if n_x == 1:
        return np.array([[1.0], [0.0]])
    U, _, _ = np.linalg.svd(X, full_matrices=False)
    axes = U[:, :2].T.copy()
    # An SVD may return either sign of each axis; fix it so the picture never flips.
    for row in axes:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1.0
    return axes


def plane_extent(X_all):
    """(x_min, x_max, y_min, y_max) around 2-D points (2, m), with a margin."""
    lo, hi = X_all.min(axis=1), X_all.max(axis=1)
    pad = (hi - lo) * MARGIN + 1e-9
    return float(lo[0] - pad[0]), float(hi[0] + pad[0]), float(lo[1] - pad[1]), float(hi[1] + pad[1])


def grid_points(extent, resolution=GRID_RESOLUTION):
    """A (2, resolution^2) array of points covering extent, row-major: point k is at
    column k % resolution, row k // resolution (row 0 at y_min)."""
    x_min, x_max, y_min, y_max = extent
    xs = np.linspace(x_min, x_max, resolution)
    ys = np.linspace(y_min, y_max, resolution)
    gx, gy = np.meshgrid(xs, ys)
    return np.vstack([gx.ravel(), gy.ravel()])
