"""The network's parameter blocks and its forward passes."""
import numpy as np
import pytest

from engine.activations import HIDDEN_ACTIVATIONS
from engine.config import make_model_config
from engine.network import Network


def _network(sizes, activation="tanh", seed=0):
    rng = np.random.default_rng(seed)
    net = Network.initialise(make_model_config(sizes, activation, "xavier", seed), rng)
    for l in range(1, net.L + 1):
        net.b[l][:] = rng.normal(0.0, 0.5, net.b[l].shape)
    return net


def test_W_and_b_are_views_into_one_block_per_layer():
    net = _network((3, 4, 1))
    net.W[1][2, 0] = 7.0
    net.b[1][3, 0] = -2.0
    assert net.Wb[1][2, 0] == 7.0 and net.Wb[1][3, 3] == -2.0
    assert np.shares_memory(net.W[2], net.theta) and np.shares_memory(net.b[2], net.theta)
    assert net.theta.size == net.parameter_count() == 4 * (3 + 1) + 1 * (4 + 1)


TEXTBOOK_G = {
    "sigmoid": lambda Z: 1 / (1 + np.exp(-Z)),
    "tanh": lambda Z: (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z)),
    "relu": lambda Z: np.where(Z > 0, Z, 0.0),
    "leaky_relu": lambda Z: np.where(Z > 0, Z, 0.01 * Z),
    "linear": lambda Z: Z,
}


@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
def test_a_pass_equals_the_seeds_equations_written_out(activation):
    """Forward (32), the cost (7) and backward (34), as the second seed writes them, with
    moderate values so its textbook forms are safe to evaluate."""
    net = _network((2, 5, 3, 1), activation, seed=4)
    rng = np.random.default_rng(1)
    X, Y = rng.standard_normal((2, 30)), (rng.random((1, 30)) < 0.5) * 1.0
    m, L, lambd = 30, net.L, 0.4
    cache = net.gradients(X, Y, lambd)
    A, Z = [X], [None]
    for l in range(1, L + 1):
        Z.append(net.W[l] @ A[l - 1] + net.b[l])
        A.append(TEXTBOOK_G["sigmoid" if l == L else activation](Z[l]))
        assert np.allclose(cache.Z[l], Z[l], rtol=1e-13, atol=1e-14)
        assert np.allclose(cache.A[l], A[l], rtol=1e-13, atol=1e-14)
    J = -np.mean(Y * np.log(A[L]) + (1 - Y) * np.log(1 - A[L]))
    J += lambd / (2 * m) * sum(np.sum(w ** 2) for w in net.W[1:])
    assert cache.J == pytest.approx(J, rel=1e-12)
    dZ = A[L] - Y
    for l in range(L, 0, -1):
        if l < L:
            h = 1e-6  # g' by a central difference: independent of the engine's formulas
            g = TEXTBOOK_G[activation]
            dZ = (net.W[l + 1].T @ dZ) * (g(Z[l] + h) - g(Z[l] - h)) / (2 * h)
        dW = (1 / m) * dZ @ A[l - 1].T + (lambd / m) * net.W[l]
        db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
        assert np.allclose(cache.dW[l], dW, rtol=1e-6, atol=1e-9)
        assert np.allclose(cache.db[l], db, rtol=1e-6, atol=1e-9)
        dZ = cache.dZ[l]  # go on from the engine's own, so errors do not pile up


@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
def test_float32_predictions_agree_with_float64_to_float32_precision(activation):
    net = _network((2, 8, 8, 1), activation, seed=2)
    X = np.random.default_rng(3).uniform(-3, 3, (2, 500))
    A64 = net.predict_proba(X)
    A32 = net.predict_proba(X, np.float32)
    assert A32.dtype == np.float32 and A64.dtype == np.float64
    assert np.max(np.abs(A32 - A64)) < 1e-5
