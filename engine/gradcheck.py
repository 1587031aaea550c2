"""Gradient check: backpropagation against central finite differences, in float64.

An entry passes when backprop and the finite difference agree within what the finite
difference itself can resolve. Each of J(p + eps) and J(p - eps) is rounded to about
machine epsilon times |J|, so their difference divided by 2 eps carries noise of about
eps_machine |J| / eps (1e-10 for J = 0.7): a tolerance of a hundred times that, plus a
relative 1e-6 for the truncation error of the central difference. A whole-array relative
error ||num - bp|| / (||num|| + ||bp||), the usual course criterion, is reported beside
it; alone it fails arrays whose gradient is tiny (near zero, noise dominates it).
"""
from dataclasses import dataclass

import numpy as np

from . import backprop

# The cube root of float64's machine epsilon: the step at which the central difference's
# truncation error (~eps^2) and its rounding error (~1e-16 / eps) balance.
DEFAULT_EPS = float(np.cbrt(np.finfo(np.float64).eps))
NOISE_FACTOR = 100.0
RELATIVE_TOLERANCE = 1e-6
COURSE_THRESHOLD = 1e-7  # the whole-array relative error courses call "correct"
KINKED = ("relu", "leaky_relu")

PASS, FAIL, NOT_CHECKED = "PASS", "FAIL", "not checked"


@dataclass(frozen=True)
class ArrayCheck:
    """The comparison for one parameter array (W[l] or b[l]).

    checked: entries compared; skipped_kinks: entries left out because p + eps and
    p - eps put some Z[l] on two sides of a ReLU kink, where a finite difference is no
    derivative. max_abs_diff = max |num - bp|; tolerance: the largest noise allowance of
    an entry (NOISE_FACTOR eps_machine |J| / eps); worst_ratio: max over entries of
    |num - bp| / (noise allowance + RELATIVE_TOLERANCE |bp|), at most 1 to pass.
    relative_error: ||num - bp|| / (||num|| + ||bp||) (0 when both are exactly 0).
    """

    name: str
    shape: tuple
    checked: int
    max_abs_diff: float
    tolerance: float
    worst_ratio: float
    relative_error: float
    skipped_kinks: int = 0

    @property
    def status(self):
        if self.checked == 0:
            return NOT_CHECKED
        return PASS if self.worst_ratio <= 1.0 else FAIL

    @property
    def passed(self):
        return self.status == PASS

    @property
    def failed(self):
        return self.status == FAIL


def gradient_check(network, X, Y, l2=0.0, eps=DEFAULT_EPS, max_per_array=None, seed=0):
    """Compare backprop's dW[l], db[l] with (J(p + eps) - J(p - eps)) / 2 eps.

    network is left exactly as it was. With max_per_array, each array is checked on a
    seeded random sample of at most that many entries (for big nets).
    Returns a list of ArrayCheck in the order W[1], b[1], ..., W[L], b[L].
    """
    rng = np.random.default_rng(seed)
    net = network.copy()
    with np.errstate(all="ignore"):
        grads = net.gradients(X, Y, l2)
        results = []
        for l in range(1, net.L + 1):
            for name, param, grad in ((f"W[{l}]", net.W[l], grads.dW[l]),
                                      (f"b[{l}]", net.b[l], grads.db[l])):
                indices = _chosen_indices(param.size, max_per_array, rng)
                entries = [_numerical(net, X, Y, l2, param, i, eps) for i in indices]
                results.append(_compare(name, param.shape, grad.ravel()[indices], entries))
    return results


def _chosen_indices(size, limit, rng):
    if limit is None or size <= limit:
        return np.arange(size)
    return np.sort(rng.choice(size, size=limit, replace=False))


def _numerical(net, X, Y, l2, param, flat_index, eps):
    """(slope, noise allowance, kinked) for one entry of param."""
    # param is a view into the network's parameters (not always contiguous, so
    # reshape(-1) could be a copy): write through the view itself.
    entry = np.unravel_index(flat_index, param.shape)
    original = param[entry]
    param[entry] = original + eps
    J_plus, sides_plus = _cost_and_kink_sides(net, X, Y, l2)
    param[entry] = original - eps
    J_minus, sides_minus = _cost_and_kink_sides(net, X, Y, l2)
    param[entry] = original
    kinked = any(not np.array_equal(a, b) for a, b in zip(sides_plus, sides_minus))
    noise = NOISE_FACTOR * np.finfo(np.float64).eps * max(abs(J_plus), abs(J_minus)) / eps
    return (J_plus - J_minus) / (2.0 * eps), noise, kinked


def _cost_and_kink_sides(net, X, Y, l2):
    cache = net.forward(X, Y)
    sides = [cache.Z[l] > 0 for l in range(1, net.L + 1) if net.activation_names[l - 1] in KINKED]
    return backprop.cost(cache.Z[net.L], Y, net.W, l2), sides


def _compare(name, shape, g_bp, entries):
    kept = np.array([not kinked for _, _, kinked in entries], dtype=bool)
    g_num = np.array([slope for slope, _, _ in entries])[kept]
    noise = np.array([noise for _, noise, _ in entries])[kept]
    g_bp = g_bp[kept]
    diff = np.abs(g_num - g_bp)
    denominator = np.linalg.norm(g_num) + np.linalg.norm(g_bp)
    relative = float(np.linalg.norm(diff) / denominator) if denominator > 0 else 0.0
    if not diff.size:
        return ArrayCheck(name, tuple(shape), 0, 0.0, 0.0, 0.0, 0.0, int((~kept).sum()))
    allowed = np.maximum(noise + RELATIVE_TOLERANCE * np.abs(g_bp), np.finfo(np.float64).tiny)
    ratio = diff / allowed
    return ArrayCheck(name, tuple(shape), int(g_num.size), float(diff.max()),
                      float(noise.max()), float(ratio.max()), relative, int((~kept).sum()))
