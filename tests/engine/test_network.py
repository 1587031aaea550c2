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


@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
def test_forward_equals_the_equations_written_out(activation):
    net = _network((2, 5, 3, 1), activation, seed=4)
    X = np.random.default_rng(1).standard_normal((2, 30))
    ws = net.forward(X)
    A = X
    for l in range(1, net.L + 1):
        Z = net.W[l] @ A + net.b[l]
        assert np.allclose(ws.Z[l], Z, rtol=1e-13, atol=1e-14)
        A = net.g[l].function(Z)
        assert np.allclose(ws.A[l], A, rtol=1e-13, atol=1e-14)
    assert ws.dZ is None  # a forward pass alone gets no backward buffers


@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
def test_float32_predictions_agree_with_float64_to_float32_precision(activation):
    net = _network((2, 8, 8, 1), activation, seed=2)
    X = np.random.default_rng(3).uniform(-3, 3, (2, 500))
    A64 = net.predict_proba(X)
    A32 = net.predict_proba(X, np.float32)
    assert A32.dtype == np.float32 and A64.dtype == np.float64
    assert np.max(np.abs(A32 - A64)) < 1e-5
