"""The first seed's chain of three neurons, f(g(h(x))), as a computational graph.

    neuron 1  h = sigmoid(w1 x)      dh/dx = h (1 - h) w1,   dh/dw1 = h (1 - h) x
    neuron 2  g = sigmoid(w2 h)      dg/dh = g (1 - g) w2,   dg/dw2 = g (1 - g) h
    neuron 3  f = (g - t)^2          df/dg = 2 (g - t),      df/dt = -2 (g - t)

The forward sweep computes each neuron's output and, on the way, its local derivatives
(dh/dx when it passes neuron 1, dg/dh when it passes neuron 2). The backward sweep
computes nothing new but products of those: df/dg, then df/dh = df/dg dg/dh, then
df/dx = df/dh dh/dx (and df/dw1, df/dw2 beside them). Each neuron is one node here, so
the reuse is what one sees; the cross-entropy graph (engine/loss_graph.py) breaks a
neuron into its elementary blocks.
"""
from .comp_graph import Graph, Node, walk
from .graph_inputs import finite, input_node
from .loss_graph import stable_sigmoid

CHAIN_EXAMPLE = {"x": 3.0, "w1": 0.5, "w2": -2.0, "t": 1.0}
NEURON_1, NEURON_2, NEURON_3 = "neuron 1", "neuron 2", "neuron 3"


def check_inputs(x, w1, w2, t):
    """The four values as floats; GraphInputError says which one is not allowed."""
    return finite("x", x), finite("w1", w1), finite("w2", w2), finite("t", t)


def chain_graph(x, w1, w2, t):
    """The Graph of f(g(h(x))) with target t; raises GraphInputError."""
    x, w1, w2, t = check_inputs(x, w1, w2, t)
    nodes = (
        input_node("x", x, "the input"),
        input_node("w1", w1, "neuron 1's weight"),
        input_node("w2", w2, "neuron 2's weight"),
        input_node("t", t, "the target f compares g with"),
        Node("h", "sigmoid neuron", ("w1", "x"), NEURON_1, "h = sigmoid(w1 x)",
             lambda v: stable_sigmoid(v["w1"] * v["x"]),
             lambda v: (v["h"] * (1 - v["h"]) * v["x"], v["h"] * (1 - v["h"]) * v["w1"]),
             "dh/dw1 = h(1 - h) x, dh/dx = h(1 - h) w1"),
        Node("g", "sigmoid neuron", ("w2", "h"), NEURON_2, "g = sigmoid(w2 h)",
             lambda v: stable_sigmoid(v["w2"] * v["h"]),
             lambda v: (v["g"] * (1 - v["g"]) * v["h"], v["g"] * (1 - v["g"]) * v["w2"]),
             "dg/dw2 = g(1 - g) h, dg/dh = g(1 - g) w2"),
        Node("f", "squared error", ("g", "t"), NEURON_3, "f = (g - t)^2",
             lambda v: (v["g"] - v["t"]) ** 2,
             lambda v: (2 * (v["g"] - v["t"]), -2 * (v["g"] - v["t"])),
             "df/dg = 2(g - t), df/dt = -2(g - t)"),
    )
    return Graph("three neurons in a chain, f(g(h(x)))", nodes, "f", ("x", "w1", "w2"))


def walk_chain(x, w1, w2, t):
    """Both sweeps of chain_graph(x, w1, w2, t): a Walkthrough."""
    return walk(chain_graph(x, w1, w2, t))


def chain_closed_form(x, w1, w2, t):
    """df/dx, df/dw1 and df/dw2 written out by the chain rule in one line each."""
    x, w1, w2, t = check_inputs(x, w1, w2, t)
    h = stable_sigmoid(w1 * x)
    g = stable_sigmoid(w2 * h)
    df_dg = 2 * (g - t)
    df_dh = df_dg * g * (1 - g) * w2
    return {"x": df_dh * h * (1 - h) * w1, "w1": df_dh * h * (1 - h) * x,
            "w2": df_dg * g * (1 - g) * h}
