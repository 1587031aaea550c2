"""Synthetic binary tasks, each one seeded and deterministic: six in the plane (two
features) and ``line``, one feature, the seeds' single predictor X.

Every generator returns points of class 0 and class 1 in (roughly) equal
numbers, with coordinates within about [-1.5, 1.5] before standardisation.
``noise`` is the standard deviation of the Gaussian jitter added to every
point, in the same units as the coordinates.
"""

import math

import numpy as np

from engine.errors import DatasetError

SYNTHETIC_SETS = ("blobs", "moons", "circles", "xor", "spiral", "gaussian", "line")

MIN_POINTS = 4
MAX_POINTS = 100_000
MAX_NOISE = 1.0


def _blobs(rng, m0, m1):
    """Two tight clouds far apart: linearly separable along x1 + x2 = 0."""
    centre = np.array([[0.75], [0.75]])
    P0 = -centre + 0.2 * rng.standard_normal((2, m0))
    P1 = centre + 0.2 * rng.standard_normal((2, m1))
    return P0, P1


def _moons(rng, m0, m1):
    """Two interleaving half circles of radius 1, shifted to centre on 0."""
    t0 = rng.uniform(0.0, math.pi, m0)
    t1 = rng.uniform(0.0, math.pi, m1)
    P0 = np.vstack([np.cos(t0) - 0.5, np.sin(t0) - 0.25])
    P1 = np.vstack([0.5 - np.cos(t1), 0.25 - np.sin(t1)])
    return P0, P1


def _circles(rng, m0, m1):
    """Class 0 on the outer ring (radius 1), class 1 on the inner (radius 0.5)."""
    t0 = rng.uniform(0.0, 2 * math.pi, m0)
    t1 = rng.uniform(0.0, 2 * math.pi, m1)
    P0 = np.vstack([np.cos(t0), np.sin(t0)])
    P1 = 0.5 * np.vstack([np.cos(t1), np.sin(t1)])
    return P0, P1


def _xor(rng, m0, m1):
    """Class 1 where x1 * x2 > 0 (quadrants I and III), class 0 elsewhere."""
    def quadrant_points(m, same_sign):
        magnitude = rng.uniform(0.05, 1.0, (2, m))
        sign = rng.choice([-1.0, 1.0], m)
        second = sign if same_sign else -sign
        return magnitude * np.vstack([sign, second])

    return quadrant_points(m0, same_sign=False), quadrant_points(m1, same_sign=True)


def _spiral(rng, m0, m1):
    """Two arms of 1.75 turns each, the second rotated by half a turn."""
    def arm(m, phase):
        # sqrt spreads points evenly along the arm's length, not its angle
        r = np.sqrt(rng.uniform(0.0025, 1.0, m))
        theta = 2 * math.pi * 1.75 * r + phase
        return 1.2 * r * np.vstack([np.cos(theta), np.sin(theta)])

    return arm(m0, 0.0), arm(m1, math.pi)


def _gaussian(rng, m0, m1):
    """Two wide clouds that overlap: about 1 point in 8 is on the wrong side."""
    centre = np.array([[0.4], [0.4]])
    P0 = -centre + 0.5 * rng.standard_normal((2, m0))
    P1 = centre + 0.5 * rng.standard_normal((2, m1))
    return P0, P1


def _line(rng, m0, m1):
    """One feature: class 0 around -0.5, class 1 around +0.5, each spread 0.35, so the
    two overlap and the best threshold (x = 0) gets about 92% right before any noise
    (about 89% at noise 0.2)."""
    P0 = -0.5 + 0.35 * rng.standard_normal((1, m0))
    P1 = 0.5 + 0.35 * rng.standard_normal((1, m1))
    return P0, P1


_GENERATORS = {
    "blobs": _blobs,
    "moons": _moons,
    "circles": _circles,
    "xor": _xor,
    "spiral": _spiral,
    "gaussian": _gaussian,
    "line": _line,
}
assert tuple(_GENERATORS) == SYNTHETIC_SETS


def synthetic_feature_names(name):
    """The feature names of synthetic set ``name``: ("x",) for the one-feature line,
    else ("x1", "x2")."""
    return ("x",) if name == "line" else ("x1", "x2")


def _is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _check_arguments(name, n, noise, seed):
    if name not in _GENERATORS:
        raise DatasetError(
            f"unknown synthetic data set {name!r}; allowed: {', '.join(SYNTHETIC_SETS)}"
        )
    if not _is_int(n) or not MIN_POINTS <= n <= MAX_POINTS:
        raise DatasetError(
            f"number of points n={n!r} is not allowed; "
            f"use a whole number from {MIN_POINTS} to {MAX_POINTS}"
        )
    is_real = isinstance(noise, (int, float, np.integer, np.floating))
    if isinstance(noise, bool) or not is_real or not 0.0 <= noise <= MAX_NOISE:
        raise DatasetError(
            f"noise={noise!r} is not allowed; use a number from 0 to {MAX_NOISE:g}"
        )
    if not _is_int(seed) or seed < 0:
        raise DatasetError(f"seed={seed!r} is not allowed; use a whole number >= 0")


def make_synthetic(name, n=200, noise=0.1, seed=0):
    """Make the synthetic binary task ``name`` with ``n`` points.

    Args:
        name: one of SYNTHETIC_SETS.
        n: number of examples m, from 4 to 100000; classes get n // 2 and n - n // 2.
        noise: standard deviation of the Gaussian jitter, from 0 to 1.
        seed: non-negative int; the same seed gives identical arrays.

    Returns:
        X: (n_x, n) float64 coordinates, examples in columns, in shuffled order;
            n_x is 1 for "line", else 2.
        Y: (1, n) float64 labels, 0.0 or 1.0.

    Raises:
        DatasetError: for an unknown name or an out-of-range argument.
    """
    _check_arguments(name, n, noise, seed)
    rng = np.random.default_rng(seed)
    m0 = n // 2
    m1 = n - m0
    P0, P1 = _GENERATORS[name](rng, m0, m1)
    X = np.hstack([P0, P1])
    X = X + noise * rng.standard_normal(X.shape)
    Y = np.hstack([np.zeros(m0), np.ones(m1)]).reshape(1, n)
    order = rng.permutation(n)
    return X[:, order].astype(np.float64), Y[:, order].astype(np.float64)
