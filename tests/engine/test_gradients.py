"""Backpropagation agrees with central finite differences, for every activation and depth."""
import numpy as np
import pytest

from engine.activations import HIDDEN_ACTIVATIONS
from engine.config import make_model_config
from engine.gradcheck import PASS_THRESHOLD, gradient_check
from engine.network import Network


def _data(n_x=2, m=60, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = (X[0:1] * X[1:2] > 0).astype(float)
    return X, Y


def _network(sizes, activation, seed):
    config = make_model_config(sizes, activation, "xavier", seed)
    rng = np.random.default_rng(seed)
    net = Network.initialise(config, rng)
    # Non-zero biases, as after some training, so the check is not at a special point.
    for l in range(1, net.L + 1):
        net.b[l][:] = rng.normal(0.0, 0.1, net.b[l].shape)
    return net


@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
@pytest.mark.parametrize("depth", [1, 2, 3, 4])
@pytest.mark.parametrize("l2", [0.0, 0.7])
def test_backprop_matches_finite_differences(activation, depth, l2):
    X, Y = _data()
    net = _network((2,) + (6,) * (depth - 1) + (1,), activation, seed=depth)
    with np.errstate(all="raise"):
        checks = gradient_check(net, X, Y, l2)
    assert [c.name for c in checks] == [f"{p}[{l}]" for l in range(1, depth + 1) for p in "Wb"]
    for c in checks:
        assert c.checked > 0
        assert c.relative_error < PASS_THRESHOLD, c


def test_gradient_check_catches_a_wrong_gradient(monkeypatch):
    """A backward pass that forgets the 1/m factor of db must be caught."""
    X, Y = _data()
    net = _network((2, 5, 1), "tanh", seed=3)
    original = Network.backward_layer

    def forgets_one_over_m(self, ws, l, l2):
        original(self, ws, l, l2)
        ws.db[l] *= ws.m

    monkeypatch.setattr(Network, "backward_layer", forgets_one_over_m)
    checks = {c.name: c for c in gradient_check(net, X, Y)}
    assert checks["b[1]"].relative_error > 0.5
    assert checks["W[1]"].relative_error < PASS_THRESHOLD


def test_gradient_check_leaves_the_network_unchanged():
    X, Y = _data()
    net = _network((2, 4, 1), "relu", seed=1)
    before = [w.copy() for w in net.W[1:]] + [b.copy() for b in net.b[1:]]
    gradient_check(net, X, Y, 0.1)
    after = list(net.W[1:]) + list(net.b[1:])
    assert all(np.array_equal(a, b) for a, b in zip(before, after))


def test_sampled_check_is_seeded_and_limited():
    X, Y = _data(n_x=2, m=30)
    net = _network((2, 40, 1), "tanh", seed=2)
    a = gradient_check(net, X, Y, max_per_array=7, seed=5)
    b = gradient_check(net, X, Y, max_per_array=7, seed=5)
    assert [c.checked for c in a] == [7, 7, 7, 1]
    assert [c.max_abs_diff for c in a] == [c.max_abs_diff for c in b]


def test_relu_kinks_are_skipped_not_reported_as_errors():
    """With zero biases, an example whose layer-1 units are all off has Z[2] = b[2] = 0
    exactly: a finite difference on b[2] straddles the kink and must be left out."""
    X, Y = _data(m=60)
    config = make_model_config((2, 2, 3, 1), "relu", "xavier", 0)
    net = Network.initialise(config, np.random.default_rng(0))
    net.W[1][:] = [[1.0, 0.0], [0.0, 1.0]]  # both units off wherever x1 < 0 and x2 < 0
    checks = {c.name: c for c in gradient_check(net, X, Y)}
    assert checks["b[2]"].skipped_kinks > 0
    assert checks["b[2]"].relative_error < PASS_THRESHOLD
