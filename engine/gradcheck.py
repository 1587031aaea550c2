"""Gradient check: backpropagation against central finite differences, in float64.

An entry passes when backprop and the finite difference agree within what the finite
difference itself can resolve. The central difference D(h) = (J(p + h) - J(p - h)) / 2h
has two errors. Truncation: D(h) = dJ/dp + c h^2 + ..., which grows with the third
derivative of J (large inputs, trained nets); it is removed by taking D at h and h/2
and extrapolating, (4 D(h/2) - D(h)) / 3 (Richardson). Rounding: each J is rounded to
about machine epsilon times |J|, so D(h) carries noise of about eps_machine |J| / h
(1e-10 for J = 0.7), three times that after the extrapolation. The tolerance is thirty
times that noise plus a relative 1e-6: over 199 random nets, with inputs scaled up to
100x and trained up to 3,000 updates, the largest difference seen was a third of it. A whole-array relative error
||num - bp|| / (||num|| + ||bp||), the usual course criterion, is reported beside it;
alone it fails arrays whose gradient is tiny (near zero, noise dominates it).
"""
from dataclasses import dataclass, field

import numpy as np

from . import backprop

# The cube root of float64's machine epsilon: the step at which the central difference's
# truncation error (~eps^2) and its rounding error (~1e-16 / eps) balance.
DEFAULT_EPS = float(np.cbrt(np.finfo(np.float64).eps))
NOISE_FACTOR = 30.0
RELATIVE_TOLERANCE = 1e-6
COURSE_THRESHOLD = 1e-7  # the whole-array relative error courses call "correct"
KINKED = ("relu", "leaky_relu")

PASS, FAIL, NOT_CHECKED = "PASS", "FAIL", "not checked"


class GradientCheckStopped(Exception):
    """gradient_check's keep_going said no before every entry was compared."""


def _read_only(values, dtype=np.float64):
    array = np.array(values, dtype=dtype)
    array.flags.writeable = False
    return array


def _no_values():
    return _read_only([])


def _no_indices():
    return _read_only([], dtype=np.intp)


@dataclass(frozen=True)
class ArrayCheck:
    """The comparison for one parameter array (W[l] or b[l]).

    checked: entries compared; skipped_kinks: entries left out because p + eps and
    p - eps put some Z[l] on two sides of a ReLU kink, where a finite difference is no
    derivative. max_abs_diff = max |num - bp|; tolerance: the largest noise allowance of
    an entry (3 NOISE_FACTOR eps_machine |J| / eps); worst_ratio: max over entries of
    |num - bp| / (noise allowance + RELATIVE_TOLERANCE |bp|), at most 1 to pass.
    relative_error: ||num - bp|| / (||num|| + ||bp||) (0 when both are exactly 0).
    indices, numeric, backprop: read-only arrays with one element per compared entry:
    its flat index into the array (row-major), its numerical slope and backprop's value.
    """

    name: str
    shape: tuple
    checked: int
    max_abs_diff: float
    tolerance: float
    worst_ratio: float
    relative_error: float
    skipped_kinks: int = 0
    indices: np.ndarray = field(default_factory=_no_indices, compare=False, repr=False)
    numeric: np.ndarray = field(default_factory=_no_values, compare=False, repr=False)
    backprop: np.ndarray = field(default_factory=_no_values, compare=False, repr=False)

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


def gradient_check(network, X, Y, l2=0.0, eps=DEFAULT_EPS, max_per_array=None, seed=0,
                   keep_going=None):
    """Compare backprop's dW[l], db[l] with central differences of J at steps eps, eps/2.

    network is left exactly as it was. With max_per_array, each array is checked on a
    seeded random sample of at most that many entries (for big nets). keep_going: an
    optional callable asked before each entry; when it returns False the check raises
    GradientCheckStopped.
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
                entries = []
                for i in indices:
                    if keep_going is not None and not keep_going():
                        raise GradientCheckStopped(f"stopped before {name} was checked")
                    entries.append(_numerical(net, X, Y, l2, param, i, eps))
                results.append(_compare(name, param.shape, indices, grad.ravel()[indices],
                                        entries))
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
    costs, kinked = [], False
    for step in (eps, eps / 2):
        sides = []
        for sign in (1, -1):
            param[entry] = original + sign * step
            J, kink_sides = _cost_and_kink_sides(net, X, Y, l2)
            costs.append(J)
            sides.append(kink_sides)
        kinked |= any(not np.array_equal(a, b) for a, b in zip(*sides))
    param[entry] = original
    J_plus, J_minus, J_half_plus, J_half_minus = costs
    slope = (J_plus - J_minus) / (2 * eps)
    half_step_slope = (J_half_plus - J_half_minus) / eps
    extrapolated = (4 * half_step_slope - slope) / 3
    noise = 3 * NOISE_FACTOR * np.finfo(np.float64).eps * max(map(abs, costs)) / eps
    return extrapolated, noise, kinked


def _cost_and_kink_sides(net, X, Y, l2):
    cache = net.forward(X, Y)
    sides = [cache.Z[l] > 0 for l in range(1, net.L + 1) if net.activation_names[l - 1] in KINKED]
    return backprop.cost(cache.Z[net.L], Y, net.W, l2), sides


def _compare(name, shape, indices, g_bp, entries):
    kept = np.array([not kinked for _, _, kinked in entries], dtype=bool)
    g_num = np.array([slope for slope, _, _ in entries])[kept]
    noise = np.array([noise for _, noise, _ in entries])[kept]
    g_bp = g_bp[kept]
    diff = np.abs(g_num - g_bp)
    denominator = np.linalg.norm(g_num) + np.linalg.norm(g_bp)
    relative = float(np.linalg.norm(diff) / denominator) if denominator > 0 else 0.0
    values = {"indices": _read_only(np.asarray(indices)[kept], dtype=np.intp),
              "numeric": _read_only(g_num), "backprop": _read_only(g_bp)}
    if not diff.size:
        return ArrayCheck(name, tuple(shape), 0, 0.0, 0.0, 0.0, 0.0, int((~kept).sum()),
                          **values)
    allowed = np.maximum(noise + RELATIVE_TOLERANCE * np.abs(g_bp), np.finfo(np.float64).tiny)
    ratio = diff / allowed
    return ArrayCheck(name, tuple(shape), int(g_num.size), float(diff.max()),
                      float(noise.max()), float(ratio.max()), relative, int((~kept).sum()),
                      **values)
