"""The gradient check: backprop agrees with finite differences, and a wrong backprop is caught."""
import numpy as np
import pytest

from engine import backprop
from engine.activations import HIDDEN_ACTIVATIONS
from engine.config import make_model_config
from engine.dataset import load_dataset
from engine.gradcheck import COURSE_THRESHOLD, FAIL, NOT_CHECKED, PASS, gradient_check
from engine.initialisers import INITIALISERS
from engine.network import Network


def _data(n_x=2, m=60, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = (X[0:1] * X[1:2] > 0).astype(float)
    return X, Y


def _network(sizes, activation, seed, init="xavier", bias_scale=0.1):
    config = make_model_config(sizes, activation, init, seed)
    rng = np.random.default_rng(seed)
    net = Network.initialise(config, rng)
    # Non-zero biases, as after some training, so the check is not at a special point.
    for l in range(1, net.L + 1):
        net.b[l][:] = rng.normal(0.0, bias_scale, net.b[l].shape)
    return net


def random_configuration(seed):
    """A random net, data set and lambda: any activation, depth 1-5, any initialisation,
    including the tiny gradients (small init, linear layers) that fooled the old check."""
    rng = np.random.default_rng(seed)
    depth = int(rng.integers(1, 6))
    n_x = int(rng.integers(1, 5))
    sizes = (n_x,) + tuple(int(n) for n in rng.integers(1, 7, depth - 1)) + (1,)
    activation = str(rng.choice(HIDDEN_ACTIVATIONS))
    init = str(rng.choice([name for name in INITIALISERS if name != "zeros"]))
    net = _network(sizes, activation, seed, init, bias_scale=float(rng.choice([0.0, 0.1, 1.0])))
    X, Y = _data(n_x=n_x, m=int(rng.integers(5, 80)), seed=seed)
    if n_x == 1:
        Y = (X[0:1] > 0).astype(float)
    l2 = float(rng.choice([0.0, 0.01, 0.7]))
    return net, X, Y, l2


@pytest.mark.parametrize("seed", range(60))
def test_a_correct_backprop_passes_on_random_configurations(seed):
    net, X, Y, l2 = random_configuration(seed)
    checks = gradient_check(net, X, Y, l2)
    assert [c.name for c in checks] == [f"{p}[{l}]" for l in range(1, net.L + 1) for p in "Wb"]
    assert not [c for c in checks if c.failed], checks
    assert any(c.passed for c in checks)


@pytest.mark.parametrize("seed", range(12))
def test_no_false_alarm_on_large_inputs_and_trained_nets(seed):
    """Large inputs and training make J's third derivative large, and with it the central
    difference's truncation error (it failed 6 of 199 such nets before the extrapolation)."""
    net, X, Y, l2 = random_configuration(1000 + seed)
    X = X * (10.0, 100.0)[seed % 2]
    with np.errstate(all="ignore"):
        for _ in range(300):
            cache = net.gradients(X, Y, l2)
            backprop.update_parameters(net.W, net.b, cache.dW, cache.db, 0.5 / 100 ** 2)
    assert np.isfinite(net.cost(X, Y, l2))
    assert not [c for c in gradient_check(net, X, Y, l2) if c.failed]


def test_the_old_false_alarm_now_passes():
    """`gradcheck --layers 2,4,1 --activation linear` on the default moons: db is ~1e-5,
    so finite-difference noise of 1e-11 gives a whole-array relative error above the
    course's 1e-7, which the old check reported as FAIL."""
    data = load_dataset("moons", n=200, noise=0.1, seed=0, test_ratio=0.25)
    net = Network.initialise(make_model_config((2, 4, 1), "linear", "xavier", 0),
                             np.random.default_rng(0))
    checks = {c.name: c for c in gradient_check(net, data.X_train, data.Y_train)}
    assert checks["b[1]"].relative_error > COURSE_THRESHOLD  # the old verdict: FAIL
    assert all(c.status == PASS for c in checks.values()), checks


# --- deliberate bugs, each of which must fail ------------------------------------

def _forgets_one_over_m_in_db(dZ, A_prev, W, lambd):
    m = dZ.shape[1]
    dW = (1 / m) * dZ @ A_prev.T + (lambd / m) * W
    db = dZ.sum(axis=1, keepdims=True)
    return dW, db


def _half_the_l2_gradient(dZ, A_prev, W, lambd):
    m = dZ.shape[1]
    dW = (1 / m) * dZ @ A_prev.T + (lambd / (2 * m)) * W
    db = (1 / m) * dZ.sum(axis=1, keepdims=True)
    return dW, db


def _scales_dW1(cache, l, W, g, lambd, correct=backprop.backward_layer):
    correct(cache, l, W, g, lambd)
    if l == 1:
        cache.dW[1] = cache.dW[1] * (1 + 1e-4)


def _Z_instead_of_A_in_dW(cache, l, W, g, lambd, correct=backprop.backward_layer):
    """The seed's typo, dW[l] = (1/m) dZ[l] Z[l-1]^T, for the layers that have a Z[l-1]."""
    correct(cache, l, W, g, lambd)
    if l > 1:
        cache.dW[l], _ = backprop.layer_gradients(cache.dZ[l], cache.Z[l - 1], W[l], lambd)


BUGS = {
    "db without 1/m": ("layer_gradients", _forgets_one_over_m_in_db, 0.0, "b"),
    "L2 gradient lambda/2m": ("layer_gradients", _half_the_l2_gradient, 0.7, "W"),
    "dW[1] x (1 + 1e-4)": ("backward_layer", _scales_dW1, 0.0, "W[1]"),
    "Z[l-1] instead of A[l-1] in dW": ("backward_layer", _Z_instead_of_A_in_dW, 0.0, "W"),
}


@pytest.mark.parametrize("bug", BUGS)
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_each_deliberate_bug_fails(bug, activation, monkeypatch):
    function, wrong, l2, caught_in = BUGS[bug]
    X, Y = _data(m=40)
    net = _network((2, 5, 3, 1), activation, seed=7)
    monkeypatch.setattr(backprop, function, wrong)
    checks = gradient_check(net, X, Y, l2)
    failed = [c.name for c in checks if c.status == FAIL]
    assert failed and all(name.startswith(caught_in) for name in failed), checks


def test_the_check_uses_the_readable_backprop_it_is_given():
    """Without the bug the same nets pass: the failures above come from the bug."""
    X, Y = _data(m=40)
    for activation in ["tanh", "sigmoid", "relu"]:
        net = _network((2, 5, 3, 1), activation, seed=7)
        assert all(c.passed for c in gradient_check(net, X, Y, 0.7))


# --- bookkeeping --------------------------------------------------------------------

def test_gradient_check_leaves_the_network_unchanged():
    X, Y = _data()
    net = _network((2, 4, 1), "relu", seed=1)
    before = net.theta.copy()
    gradient_check(net, X, Y, 0.1)
    assert np.array_equal(before, net.theta)


def test_sampled_check_is_seeded_and_limited():
    X, Y = _data(n_x=2, m=30)
    net = _network((2, 40, 1), "tanh", seed=2)
    a = gradient_check(net, X, Y, max_per_array=7, seed=5)
    b = gradient_check(net, X, Y, max_per_array=7, seed=5)
    assert [c.checked for c in a] == [7, 7, 7, 1]
    assert [c.max_abs_diff for c in a] == [c.max_abs_diff for c in b]


def _relu_net_with_a_kink(b2):
    """Wherever x1 < 0 and x2 < 0 both layer-1 units are off, so there Z[2] = b[2]
    exactly: a finite difference on an entry of b[2] that is 0 straddles the kink."""
    config = make_model_config((2, 2, 3, 1), "relu", "xavier", 0)
    net = Network.initialise(config, np.random.default_rng(0))
    net.W[1][:] = [[1.0, 0.0], [0.0, 1.0]]
    net.b[2][:, 0] = b2
    return net


def test_relu_kinks_are_skipped_not_reported_as_errors():
    X, Y = _data(m=60)
    checks = {c.name: c for c in gradient_check(_relu_net_with_a_kink([0.0, 0.5, -0.5]), X, Y)}
    assert (checks["b[2]"].skipped_kinks, checks["b[2]"].checked) == (1, 2)
    assert checks["b[2]"].status == PASS


def test_an_array_whose_every_entry_sits_on_a_kink_is_not_checked_never_passed():
    X, Y = _data(m=60)
    checks = {c.name: c for c in gradient_check(_relu_net_with_a_kink([0.0, 0.0, 0.0]), X, Y)}
    assert (checks["b[2]"].skipped_kinks, checks["b[2]"].checked) == (3, 0)
    assert checks["b[2]"].status == NOT_CHECKED
    assert not checks["b[2]"].passed and not checks["b[2]"].failed
