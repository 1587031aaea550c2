"""The computational graphs: their gradients against the closed forms, their sweeps' order."""
import math
import re

import numpy as np
import pytest

from engine.chain_graph import CHAIN_EXAMPLE, chain_closed_form, walk_chain
from engine.comp_graph import GraphInputError
from engine.loss_graph import (
    SEED_EXAMPLE,
    Z_LIMIT,
    closed_form,
    engine_gradients,
    loss_graph,
    walk_loss,
)


def reference_dz(z, y):
    """sigmoid(z) - y, each case in the form that never subtracts nearly equal numbers."""
    if y == 1:
        return -1.0 / (1.0 + math.exp(z)) if z < 0 else -math.exp(-z) / (1.0 + math.exp(-z))
    return math.exp(z) / (1.0 + math.exp(z)) if z < 0 else 1.0 / (1.0 + math.exp(-z))


def relative(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


def random_examples(count, seed):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        x = float(rng.uniform(-5, 5))
        w = float(rng.uniform(-8, 8))
        y = float(rng.integers(0, 2))
        z_target = float(rng.choice([rng.uniform(-40, 40), rng.uniform(-300, 300),
                                     rng.choice([-40.0, 40.0])]))
        b = z_target - w * x  # so that |w x + b| spans up to 40 (and beyond, to 300)
        yield x, w, b, y


@pytest.mark.parametrize("x, w, b, y", list(random_examples(400, 7)))
def test_gradients_equal_the_closed_form_to_1e_12(x, w, b, y):
    walkthrough = walk_loss(x, w, b, y)
    dz = reference_dz(w * x + b, y)
    assert relative(walkthrough.grads["b"], dz) < 1e-12
    assert relative(walkthrough.grads["w"], dz * x) < 1e-12
    assert relative(walkthrough.grads["z"], dz) < 1e-12
    every_number = [s.value for s in walkthrough.forward] + [
        n for s in walkthrough.steps for n in (*s.local, *getattr(s, "products", ()))]
    every_number += list(walkthrough.grads.values())
    assert all(math.isfinite(n) for n in every_number)


@pytest.mark.parametrize("z", [-40.0, -37.5, 37.5, 40.0, -Z_LIMIT, Z_LIMIT])
@pytest.mark.parametrize("y", [0.0, 1.0])
def test_the_loss_is_finite_and_right_where_p_rounds_to_0_or_1(z, y):
    walkthrough = walk_loss(1.0, z, 0.0, y)
    s = (1 - 2 * y) * z  # the loss is log(1 + e^s)
    assert relative(walkthrough.result, float(np.logaddexp(0, s))) < 1e-13
    assert walkthrough.result > 0  # never rounded to 0, even at e^-300


def test_the_seed_example_loss_is_log_of_1_plus_e_to_the_minus_9():
    walkthrough = walk_loss(**SEED_EXAMPLE)
    assert walkthrough.result == pytest.approx(math.log(1 + math.exp(-9)), rel=1e-15)
    assert walkthrough.values["z"] == 9.0
    assert walkthrough.values["B"] == 0.0  # y = 1: part B vanishes


def test_the_closed_form_and_the_engine_agree_with_the_graph_at_the_seed_example():
    walkthrough = walk_loss(**SEED_EXAMPLE)
    closed, engine = closed_form(**SEED_EXAMPLE), engine_gradients(**SEED_EXAMPLE)
    for name in ("w", "b"):
        assert relative(walkthrough.grads[name], closed[name]) < 1e-12
        assert relative(walkthrough.grads[name], engine[name]) < 1e-10
    assert relative(engine["loss"], walkthrough.result) < 1e-12


@pytest.mark.parametrize("graph_walk", [walk_loss(**SEED_EXAMPLE), walk_chain(**CHAIN_EXAMPLE)])
def test_the_backward_sweep_visits_every_node_once_in_reverse_topological_order(graph_walk):
    order = [step.node.name for step in graph_walk.backward]
    forward = [node.name for node in graph_walk.graph.nodes]
    assert order == forward[::-1]
    assert sorted(order) == sorted(set(order))
    position = {name: k for k, name in enumerate(order)}
    for node in graph_walk.graph.nodes:
        for name in node.inputs:  # a node hands its gradient on before its inputs pass theirs
            assert position[node.name] < position[name]


def test_a_node_upstream_gradient_is_the_sum_of_its_consumers_products():
    walkthrough = walk_loss(0.7, -1.3, 0.4, 0.0)
    products = {}
    for step in walkthrough.backward:
        for name, product in zip(step.node.inputs, step.products):
            products.setdefault(name, []).append(product)
    z_step = next(s for s in walkthrough.backward if s.node.name == "z")
    assert len(products["z"]) == 2  # from part A (m = -z) and part B (e_z = e^z)
    assert z_step.upstream == sum(products["z"])


def test_the_backward_sweep_reuses_the_local_derivatives_of_the_forward_sweep():
    walkthrough = walk_chain(**CHAIN_EXAMPLE)
    forward = {s.node.name: s.local for s in walkthrough.forward}
    for step in walkthrough.backward:
        assert step.local is forward[step.node.name]
    h = walkthrough.values["h"]
    dh_dx = forward["h"][1]
    assert dh_dx == h * (1 - h) * CHAIN_EXAMPLE["w1"]
    df_dh = walkthrough.grads["h"]
    assert df_dh == walkthrough.grads["g"] * forward["g"][1]
    assert walkthrough.grads["x"] == df_dh * dh_dx


def chain_f(x, w1, w2, t):
    return walk_chain(x, w1, w2, t).result


@pytest.mark.parametrize("values", [CHAIN_EXAMPLE, {"x": -1.2, "w1": 2.0, "w2": 0.7, "t": 0.3},
                                    {"x": 0.4, "w1": -3.0, "w2": 4.0, "t": 0.0}])
def test_the_chain_gradients_equal_the_closed_form_and_finite_differences(values):
    walkthrough = walk_chain(**values)
    closed = chain_closed_form(**values)
    eps = 1e-6
    for name in ("x", "w1", "w2"):
        assert relative(walkthrough.grads[name], closed[name]) < 1e-12
        up, down = dict(values), dict(values)
        up[name] += eps
        down[name] -= eps
        numeric = (chain_f(**up) - chain_f(**down)) / (2 * eps)
        assert walkthrough.grads[name] == pytest.approx(numeric, rel=1e-7, abs=1e-10)


@pytest.mark.parametrize("values, words", [
    ({"x": "three", "w": 3, "b": 0, "y": 1}, "x must be a number"),
    ({"x": 3, "w": float("nan"), "b": 0, "y": 1}, "w must be a finite number"),
    ({"x": 3, "w": 3, "b": float("inf"), "y": 1}, "b must be a finite number"),
    ({"x": 3, "w": 3, "b": 0, "y": 0.5}, "y must be 0 or 1"),
    ({"x": 30, "w": 11, "b": 0, "y": 1}, "w x + b must be within"),
    ({"x": 1e200, "w": 1e200, "b": 0, "y": 1}, "w x + b must be within"),
])
def test_values_the_graph_cannot_take_are_refused_with_a_message(values, words):
    with pytest.raises(GraphInputError, match=re.escape(words)):
        loss_graph(**values)


def test_the_depths_put_each_node_right_of_its_inputs():
    graph = loss_graph(**SEED_EXAMPLE)
    depth = graph.depth()
    assert depth["x"] == depth["w"] == depth["b"] == depth["y"] == 0
    for node in graph.nodes:
        for name in node.inputs:
            assert depth[node.name] > depth[name]
    assert depth["l"] == max(depth.values())
