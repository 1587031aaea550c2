"""What the gradient check hands on per array: the checked entries' numeric and backprop
values, read-only; and its keep_going, which stops it cleanly."""
import numpy as np
import pytest

from engine.config import make_model_config
from engine.gradcheck import GradientCheckStopped, gradient_check
from engine.network import Network


def _net_and_data(sizes=(2, 5, 3, 1), activation="tanh", m=40, seed=3):
    rng = np.random.default_rng(seed)
    net = Network.initialise(make_model_config(sizes, activation, "xavier", seed), rng)
    X = rng.standard_normal((sizes[0], m))
    Y = (X[0:1] > 0).astype(float)
    return net, X, Y


@pytest.mark.parametrize("max_per_array", [None, 4])
def test_each_array_carries_its_checked_entries_and_their_two_values(max_per_array):
    net, X, Y = _net_and_data()
    grads = net.gradients(X, Y, 0.2)
    checks = gradient_check(net, X, Y, 0.2, max_per_array=max_per_array, seed=1)
    wanted = [grads.dW[1], grads.db[1], grads.dW[2], grads.db[2], grads.dW[3], grads.db[3]]
    for check, grad in zip(checks, wanted):
        assert len(check.indices) == len(check.numeric) == len(check.backprop) == check.checked
        assert check.checked == min(grad.size, max_per_array or grad.size)
        assert np.all(np.diff(check.indices) > 0) and check.indices.max() < grad.size
        # backprop's values are the gradient's own entries; the numeric ones agree with them
        # as closely as the verdict said they do.
        assert np.array_equal(check.backprop, grad.ravel()[check.indices])
        assert np.max(np.abs(check.numeric - check.backprop)) == check.max_abs_diff
        assert check.passed


def test_the_values_are_read_only_and_kept_out_of_equality_and_repr():
    net, X, Y = _net_and_data()
    check = gradient_check(net, X, Y)[0]
    for values in (check.indices, check.numeric, check.backprop):
        assert not values.flags.writeable
        with pytest.raises(ValueError):
            values[0] = 1
    assert check == gradient_check(net, X, Y)[0]   # no ambiguous array comparison
    assert "numeric" not in repr(check)


def test_kinked_entries_are_left_out_of_the_values_too():
    net, X, Y = _net_and_data(sizes=(2, 2, 3, 1), activation="relu", m=60)
    net.W[1][:] = [[1.0, 0.0], [0.0, 1.0]]
    net.b[2][:, 0] = [0.0, 0.5, -0.5]   # where x1, x2 < 0, Z[2] = b[2]: entry 0 is on the kink
    b2 = {c.name: c for c in gradient_check(net, X, Y)}["b[2]"]
    assert b2.skipped_kinks == 1
    assert list(b2.indices) == [1, 2] and len(b2.numeric) == 2


def test_keep_going_stops_the_check_and_leaves_the_network_as_it_was():
    net, X, Y = _net_and_data()
    before = net.theta.copy()
    asked = []

    def keep_going():
        asked.append(True)
        return len(asked) < 12   # W[1] has 10 entries: stops inside b[1]

    with pytest.raises(GradientCheckStopped):
        gradient_check(net, X, Y, keep_going=keep_going)
    assert len(asked) == 12
    assert np.array_equal(net.theta, before)


def test_keep_going_that_always_agrees_changes_nothing():
    net, X, Y = _net_and_data()
    plain = gradient_check(net, X, Y, 0.1)
    asked = gradient_check(net, X, Y, 0.1, keep_going=lambda: True)
    assert plain == asked
    assert all(np.array_equal(a.numeric, b.numeric) for a, b in zip(plain, asked))
