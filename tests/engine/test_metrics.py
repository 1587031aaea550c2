"""Metrics of big data sets are evaluated in chunks, with the same results as one pass."""
import numpy as np
import pytest

from engine import metrics
from engine.config import make_model_config
from engine.network import Network


@pytest.fixture
def net_and_data():
    net = Network.initialise(make_model_config((3, 5, 4, 1), "tanh", "xavier", 0),
                             np.random.default_rng(0))
    rng = np.random.default_rng(1)
    X = rng.standard_normal((3, 1000))
    Y = (rng.random((1, 1000)) < 0.4).astype(float)
    return net, X, Y


def test_chunked_outputs_equal_one_pass(net_and_data, monkeypatch):
    net, X, _ = net_and_data
    monkeypatch.setattr(metrics, "CHUNK", 128)  # eight chunks, the last one short
    Z_L, A_L = metrics.outputs(net, X)
    whole = net.forward(X)
    assert np.allclose(Z_L, whole.Z[net.L], rtol=1e-14, atol=0)
    assert np.allclose(A_L, whole.A[net.L], rtol=1e-14, atol=0)


@pytest.mark.parametrize("l2", [0.0, 0.7])
def test_chunked_gradient_sizes_equal_one_backward_pass(net_and_data, monkeypatch, l2):
    net, X, Y = net_and_data
    monkeypatch.setattr(metrics, "CHUNK", 300)
    dW_norms, db_norms, mean_abs_dZ = metrics.gradient_sizes(net, X, Y, l2)
    whole = net.gradients(X, Y, l2)
    for l in range(1, net.L + 1):
        assert dW_norms[l - 1] == pytest.approx(np.linalg.norm(whole.dW[l]), rel=1e-12)
        assert db_norms[l - 1] == pytest.approx(np.linalg.norm(whole.db[l]), rel=1e-12)
        assert mean_abs_dZ[l - 1] == pytest.approx(np.mean(np.abs(whole.dZ[l])), rel=1e-12)
