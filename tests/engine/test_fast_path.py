"""The fast route (engine/fast/) computes what the readable functions of backprop.py compute.

Phase by phase, every array a phase writes is compared with what the readable trainer's
stepping recorded for the same update: the largest difference, relative to the array's
largest entry, must be at most 1e-12. After 1,000 updates the parameters of both routes
must still agree to 1e-9. For every activation, depths 1-5, L2 on and off, full batch,
mini-batches and single examples.

The long run uses a learning rate at which descent settles smoothly. At 0.3 some deep
tanh nets pass through an unstable stretch where a difference of one rounding step grows
until the two runs land in different minima (measured: 5e-16 at update 100, 0.28 at
update 200); two builds of NumPy summing in another order would part the same way.
"""
from types import SimpleNamespace

import numpy as np
import pytest

from engine.activations import HIDDEN_ACTIVATIONS
from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.fast.fast_path import FastPath
from engine.fast.steps import run_steps
from engine.fast.workspace import stack_batch
from engine.trainer import Trainer

DEPTHS = [1, 2, 3, 4, 5]
BATCHES = {"full batch": 0, "mini-batches of 16": 16, "stochastic": 1}


@pytest.fixture(scope="module")
def moons():
    return load_dataset("moons", n=80, noise=0.2, seed=3)


def make(dataset, activation, depth, l2, batch, fast, learning_rate=0.3):
    sizes = (2,) + (5,) * (depth - 1) + (1,)
    return Trainer(dataset, make_model_config(sizes, activation, "xavier", depth),
                   make_train_config(learning_rate, l2, batch), fast=fast)


def relative_difference(actual, expected):
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    assert actual.shape == expected.shape
    scale = np.max(np.abs(expected)) if expected.size else 0.0
    return float(np.max(np.abs(actual - expected)) / max(scale, np.finfo(float).tiny))


def fast_value(name, ws, net):
    """The fast route's value of a symbol ("Z[2]", "dW[1]", "J", ...)."""
    if name == "J":
        return ws.J
    symbol, l = name[:-1].split("[")
    if symbol in ("W", "b"):
        return getattr(net, symbol)[int(l)]
    return getattr(ws, symbol)[int(l)]


@pytest.mark.parametrize("batch", BATCHES.values(), ids=BATCHES.keys())
@pytest.mark.parametrize("l2", [0.0, 0.3], ids=["no L2", "L2"])
@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
def test_every_phase_matches_the_readable_functions(moons, activation, depth, l2, batch):
    readable = make(moons, activation, depth, l2, batch, fast=False)
    readable.run(7)  # away from the starting weights, into the second epoch of mini-batches
    net = readable.network.copy()
    records = [readable.step_phase() for _ in range(readable.phases_per_update)]
    X, Y = records[0].reads["A[0]"], records[depth].reads["Y"]

    path = FastPath(net, SimpleNamespace(l2=l2), np.array(0.3), check_cost=lambda J: None)
    steps = path.steps_for(stack_batch(X, Y), 0, X.shape[1])
    assert len(steps.phases) == len(records)
    for phase, record in zip(steps.phases, records):
        run_steps(phase)
        for name, expected in record.writes.items():
            difference = relative_difference(fast_value(name, steps.ws, net), expected)
            assert difference <= 1e-12, f"{record.spec.title}: {name} differs by {difference:.3g}"


@pytest.mark.parametrize("batch", BATCHES.values(), ids=BATCHES.keys())
@pytest.mark.parametrize("l2", [0.0, 0.3], ids=["no L2", "L2"])
@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
def test_after_1000_updates_both_routes_hold_the_same_parameters(
        moons, activation, depth, l2, batch):
    fast, readable = (make(moons, activation, depth, l2, batch, fast=f, learning_rate=0.1)
                      for f in (True, False))
    fast.run(1000)
    readable.run(1000)
    assert fast.update_count == readable.update_count == 1000
    assert relative_difference(fast.network.theta, readable.network.theta) <= 1e-9
    assert relative_difference(fast.costs.exact_values(), readable.costs.exact_values()) <= 1e-9


def test_the_comparison_can_fail(moons):
    """A fast route one rounding step off in one weight is seen by the 1e-12 test."""
    assert relative_difference([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_difference([1.0, 2.0 * (1 + 1e-11)], [1.0, 2.0]) > 1e-12


@pytest.mark.parametrize("name", HIDDEN_ACTIVATIONS)
def test_each_activation_step_equals_its_readable_function_entry_by_entry(name):
    """Far out in the tails too, where a different formula for the same function (such as
    sigmoid as (1 + tanh(z/2)) / 2, exactly 0 below -37) would part from the readable one."""
    from engine.activations import ACTIVATIONS
    from engine.fast.activation_steps import ACTIVATION_STEPS

    g = ACTIVATIONS[name]
    g_steps, g_prime_steps = ACTIVATION_STEPS[name]
    Z = np.array([[-745.0, -700.0, -40.0, -1.5, -1e-9, 0.0, 1e-9, 2.5, 40.0, 700.0]])
    A, d = np.empty_like(Z), np.empty_like(Z)
    with np.errstate(under="ignore"):
        run_steps(g_steps(Z, A))
        run_steps(g_prime_steps(Z, A, d))
        expected_A = g.function(Z)
        expected_d = g.derivative(Z, expected_A)
    assert np.array_equal(A, expected_A) or np.allclose(A, expected_A, rtol=1e-15, atol=0)
    assert np.allclose(d, expected_d, rtol=1e-15, atol=0)


@pytest.mark.parametrize("l2_from, l2_to", [(0.0, 0.5), (0.5, 0.0)])
def test_turning_l2_on_or_off_reaches_the_fast_route(moons, l2_from, l2_to):
    """The fast route leaves the lambda term out of its steps while lambda is 0, so moving
    lambda to or from 0 must rebuild them; run() afterwards must match the readable route."""
    fast, readable = (make(moons, "tanh", 3, l2_from, 16, fast=f) for f in (True, False))
    for t in (fast, readable):
        t.run(20)
        t.set_l2(l2_to)
        t.run(20)
    assert relative_difference(fast.network.theta, readable.network.theta) <= 1e-12
