"""Gradient check: backpropagation against central finite differences, in float64."""
from dataclasses import dataclass

import numpy as np

# The cube root of float64's machine epsilon: the step at which the central difference's
# truncation error (~eps^2) and its rounding error (~1e-16 / eps) balance.
DEFAULT_EPS = float(np.cbrt(np.finfo(np.float64).eps))
PASS_THRESHOLD = 1e-7
KINKED = ("relu", "leaky_relu")


@dataclass(frozen=True)
class ArrayCheck:
    """The comparison for one parameter array (W[l] or b[l]).

    relative_error = ||g_num - g_bp|| / (||g_num|| + ||g_bp||) over the checked entries
    (0 when both are exactly zero); max_abs_diff = max |g_num - g_bp|.
    skipped_kinks: entries left out because J(p + eps) and J(p - eps) lie on two sides
    of a ReLU kink (some Z[l] changed sign), where a finite difference is no derivative.
    """

    name: str
    shape: tuple
    checked: int
    max_abs_diff: float
    relative_error: float
    skipped_kinks: int = 0

    @property
    def passed(self):
        return self.relative_error < PASS_THRESHOLD


def gradient_check(network, X, Y, l2=0.0, eps=DEFAULT_EPS, max_per_array=None, seed=0):
    """Compare dJ/dW[l], dJ/db[l] from backprop with (J(p + eps) - J(p - eps)) / 2 eps.

    network is left exactly as it was. With max_per_array, each array is checked on a
    seeded random sample of at most that many entries (for big nets).
    Returns a list of ArrayCheck in the order W[1], b[1], ..., W[L], b[L].
    """
    rng = np.random.default_rng(seed)
    net = network.copy()
    ws = net.gradients(X, Y, l2)
    results = []
    for l in range(1, net.L + 1):
        for name, param, grad in ((f"W[{l}]", net.W[l], ws.dW[l]),
                                  (f"b[{l}]", net.b[l], ws.db[l])):
            indices = _chosen_indices(param.size, max_per_array, rng)
            pairs = [_numerical(net, X, Y, l2, param, i, eps) for i in indices]
            kept = np.array([not kinked for _, kinked in pairs], dtype=bool)
            g_num = np.array([g for g, _ in pairs])[kept]
            g_bp = grad.ravel()[indices][kept]
            results.append(_compare(name, param.shape, g_num, g_bp, int((~kept).sum())))
    return results


def _chosen_indices(size, limit, rng):
    if limit is None or size <= limit:
        return np.arange(size)
    return np.sort(rng.choice(size, size=limit, replace=False))


def _numerical(net, X, Y, l2, param, flat_index, eps):
    """(J(p + eps) - J(p - eps)) / 2 eps for one entry, and whether a kink lies between."""
    # param is a view into the network's parameters (not always contiguous, so
    # reshape(-1) could be a copy): write through the view itself.
    entry = np.unravel_index(flat_index, param.shape)
    original = param[entry]
    param[entry] = original + eps
    J_plus, signs_plus = _cost_and_kink_sides(net, X, Y, l2)
    param[entry] = original - eps
    J_minus, signs_minus = _cost_and_kink_sides(net, X, Y, l2)
    param[entry] = original
    kinked = any(not np.array_equal(a, b) for a, b in zip(signs_plus, signs_minus))
    return (J_plus - J_minus) / (2.0 * eps), kinked


def _cost_and_kink_sides(net, X, Y, l2):
    ws = net.forward(X, Y)
    sides = [ws.Z[l] > 0 for l in range(1, net.L + 1) if net.activation_names[l - 1] in KINKED]
    return net.batch_cost(ws, l2), sides


def _compare(name, shape, g_num, g_bp, skipped_kinks):
    diff = g_num - g_bp
    denominator = np.linalg.norm(g_num) + np.linalg.norm(g_bp)
    relative = float(np.linalg.norm(diff) / denominator) if denominator > 0 else 0.0
    max_abs = float(np.max(np.abs(diff))) if diff.size else 0.0
    return ArrayCheck(name, tuple(shape), int(g_num.size), max_abs, relative, skipped_kinks)
