"""The loss surface is the engine's cost at every grid point; regions hold the path and
grow (only when they must)."""
import numpy as np
import pytest
from one_feature_data import one_feature_data

from engine.config import make_model_config
from engine.loss_surface import (
    Region,
    costs_at,
    full_batch_gradient,
    grown_region,
    region_around,
    surface_values,
)
from engine.network import Network


def engine_cost(data, b, w, l2):
    net = Network((1, 1), ("sigmoid",), [None, np.array([[w]])], [None, np.array([[b]])])
    return net.cost(data.X_train, data.Y_train, l2)


@pytest.mark.parametrize("l2", [0.0, 0.7])
def test_surface_values_are_the_engines_cost_at_sampled_points(l2):
    data = one_feature_data(m=301, seed=4)
    region = Region(-6.0, 5.0, -40.0, 30.0)      # steep corners too: |z| up to ~100
    b_values, w_values = region.axes(37)
    J = surface_values(data.X_train, data.Y_train, b_values, w_values, l2)
    assert J.shape == (37, 37)
    rng = np.random.default_rng(1)
    for i, j in rng.integers(0, 37, size=(60, 2)):
        expected = engine_cost(data, b_values[j], w_values[i], l2)
        assert J[i, j] == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_costs_at_points_and_the_gradient_match_the_engine():
    data = one_feature_data(m=90, seed=2)
    points = np.random.default_rng(3).normal(0, 3, size=(25, 2))
    J = costs_at(data.X_train, data.Y_train, points, 0.3)
    for (b, w), value in zip(points, J):
        assert value == pytest.approx(engine_cost(data, b, w, 0.3), rel=1e-12)
    net = Network.initialise(make_model_config((1, 1), ()), np.random.default_rng(0))
    cache = net.gradients(data.X_train, data.Y_train, 0.3)
    db, dw = full_batch_gradient(data.X_train, data.Y_train, net.b[1][0, 0], net.W[1][0, 0], 0.3)
    assert (db, dw) == (cache.db[1][0, 0], cache.dW[1][0, 0])


def test_more_than_one_feature_is_refused():
    with pytest.raises(ValueError, match="one feature"):
        costs_at(np.zeros((2, 5)), np.zeros((1, 5)), [[0, 0]])


def test_region_holds_the_path_with_a_margin_and_a_least_size():
    path = np.array([[0.0, 0.0], [0.5, 2.0], [1.0, 3.0]])
    region = region_around(path)
    assert region.contains(path)
    assert region.b_min < 0 and region.b_max > 1 and region.w_min < 0 and region.w_max > 3
    single = region_around(path[:1])
    assert single.b_max - single.b_min == pytest.approx(1.0)
    assert not region_around(path[:2]).contains(path)


def test_region_grows_only_when_the_path_leaves_it():
    path = np.array([[0.0, 0.0], [0.1, 0.2]])
    region = grown_region(None, path)
    assert region.contains(path)
    nudged = np.vstack([path, [[0.15, 0.3]]])
    assert region.contains(nudged)
    assert grown_region(region, nudged) is region            # nothing to recompute
    far = np.vstack([nudged, [[4.0, -7.0]]])
    bigger = grown_region(region, far)
    assert bigger is not region and bigger.contains(far)
    assert bigger.b_min <= region.b_min and bigger.w_max >= region.w_max  # never shrinks
    # with room to spare: the next few steps the same way stay inside
    assert bigger.contains([[4.5, -8.0]])
