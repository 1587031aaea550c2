"""One feature x: the model's P(y = 1 | x) along x, and the threshold x* where it is 0.5.

For logistic regression (layers 1,1) the model is the seeds' P(Y = 1) = σ(β0 + β1 x)
with β0 = b[1] and β1 = W[1]; its threshold is x* = -β0 / β1. A deeper net with one
input has a curve of its own, which may cross 0.5 several times or never.
"""
import numpy as np

from .activations import ACTIVATIONS
from .backprop import forward_propagation

# Examples are drawn at the height of their label, 0 or 1, spread this far up and down
# so that points with the same x do not hide one another.
LABEL_JITTER = 0.06
CURVE_POINTS = 400
BISECTION_STEPS = 60   # halves a grid step 60 times: far below a double's resolution


def label_heights(Y, seed=0):
    """(m,) heights to draw examples at: each label (0 or 1) plus a fixed jitter."""
    rng = np.random.default_rng(seed)
    return Y[0] + rng.uniform(-LABEL_JITTER, LABEL_JITTER, Y.shape[1])


def curve_xs(x_min, x_max, k=CURVE_POINTS):
    """(1, k) inputs from x_min to x_max, where the curve is evaluated."""
    return np.linspace(x_min, x_max, k).reshape(1, k)


def output_logits(X, W, b, activation_names):
    """Z[L] (1, k) for the inputs X (1, k); W, b per layer from layer 1 (as a Snapshot has)."""
    g = [None] + [ACTIVATIONS[name] for name in activation_names]
    cache = forward_propagation(X, [None, *W], [None, *b], g)
    return cache.Z[len(W)]


def probability_curve(X, W, b, activation_names):
    """A[L] = P(y = 1 | x) (1, k) for the inputs X (1, k): the network's forward pass."""
    g = [None] + [ACTIVATIONS[name] for name in activation_names]
    return forward_propagation(X, [None, *W], [None, *b], g).A[len(W)]


def is_logistic_regression(layer_sizes):
    return tuple(layer_sizes) == (1, 1)


def logistic_threshold(beta0, beta1):
    """x* = -β0 / β1, where σ(β0 + β1 x) = 0.5; None when β1 = 0 (the curve is flat:
    P is σ(β0) everywhere and never crosses 0.5 unless β0 = 0, where every x is on it)."""
    beta0, beta1 = float(beta0), float(beta1)
    if beta1 == 0.0 or not (np.isfinite(beta0) and np.isfinite(beta1)):
        return None
    x_star = -beta0 / beta1
    return x_star if np.isfinite(x_star) else None


def thresholds(x_min, x_max, W, b, activation_names, k=CURVE_POINTS):
    """Every x in [x_min, x_max] where the model's P(y = 1 | x) crosses 0.5, in order.

    For logistic regression the one x* = -β0 / β1 (also when it lies outside the range:
    the caller says so); else each sign change of Z[L] (P = 0.5 where Z[L] = 0) between
    grid points, refined by bisection."""
    if len(W) == 1 and W[0].shape == (1, 1):
        x_star = logistic_threshold(b[0][0, 0], W[0][0, 0])
        return [] if x_star is None else [x_star]
    X = curve_xs(x_min, x_max, k)
    with np.errstate(all="ignore"):
        z = output_logits(X, W, b, activation_names)[0]
    found = []
    for j in np.flatnonzero(np.sign(z[:-1]) * np.sign(z[1:]) < 0):
        lo, hi, z_lo = X[0, j], X[0, j + 1], z[j]
        for _ in range(BISECTION_STEPS):
            mid = 0.5 * (lo + hi)
            with np.errstate(all="ignore"):
                z_mid = output_logits(np.array([[mid]]), W, b, activation_names)[0, 0]
            if np.sign(z_mid) == np.sign(z_lo):
                lo, z_lo = mid, z_mid
            else:
                hi = mid
        found.append(0.5 * (lo + hi))
    found.extend(float(X[0, j]) for j in np.flatnonzero(z == 0.0))
    return sorted(float(x) for x in found)
