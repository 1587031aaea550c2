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
