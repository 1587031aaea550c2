"""The computational graph of one example's loss, block by block, as the first seed draws it.

    l = -[y log p + (1 - y) log(1 - p)],   p = sigmoid(z),  z = w x + b
      = A + B,   part A = -y log p,   part B = -(1 - y) log(1 - p)

    shared  u = w x          z = u + b
    part A  m = -z           e = exp(m)        s = 1 + e        p = 1 / s
            log_p = log p    y_log_p = y log_p                  A = -y_log_p
    part B  e_z = exp(z)     s_z = 1 + e_z     q = 1 / s_z  (= 1 - p)
            log_q = log q    one_minus_y = 1 - y
            ybar_log_q = one_minus_y log_q                      B = -ybar_log_q
    loss    l = A + B

Numerical stability -- what the graph does where the naive blocks would fail:
* 1 - p is its own chain from z, q = 1 / (1 + e^z), never 1 minus p: once p rounds to 1
  (z above about 37) 1 - p is 0 and log 0 is -inf, and every gradient behind it nan.
  1 / (1 + e^z) equals 1 - 1 / (1 + e^-z) exactly and stays > 0. Each part is then a
  chain of products, so the backward sweep never subtracts nearly equal numbers:
  dl/dz = -y q + (1 - y) p, one of whose terms is exactly 0.
* log p is computed as -log1p(e^-z) and log q as -log1p(e^z) (the same numbers as
  log(1 / s)): where p rounds to 1, log p would be 0 instead of about -e^-z.
* |w x + b| must be at most Z_LIMIT = 300: e^300 is about 2e130, so e, s, 1/p and their
  squares stay finite, and p^2, q^2 (the reciprocals' local derivatives) stay above the
  smallest normal float. Beyond it the exp blocks themselves would overflow; the graph
  refuses such values (GraphInputError) rather than show inf or nan.
With these, every value and gradient is finite and the gradients equal the closed form
(sigmoid(z) - y) x and sigmoid(z) - y to within a few units in the last place.
"""
import math

import numpy as np

from . import backprop
from .activations import ACTIVATIONS
from .comp_graph import LOSS, PART_A, PART_B, SHARED, Graph, GraphInputError, Node, walk
from .graph_inputs import finite, input_node

Z_LIMIT = 300.0
SEED_EXAMPLE = {"x": 3.0, "w": 3.0, "b": 0.0, "y": 1.0}  # the first seed's X = 3, W = 3


def check_inputs(x, w, b, y):
    """The four values as floats; GraphInputError says which one is not allowed."""
    x, w, b = finite("x", x), finite("w", w), finite("b", b)
    y = finite("y", y)
    if y not in (0.0, 1.0):
        raise GraphInputError(f"y must be 0 or 1 (the example's class), got {y:g}")
    z = w * x + b
    if not abs(z) <= Z_LIMIT:
        raise GraphInputError(
            f"w x + b must be within -{Z_LIMIT:g} to {Z_LIMIT:g} (here it is {z:.6g}): "
            f"beyond, the graph's exp blocks e^z and e^-z would overflow")
    return x, w, b, y


def loss_graph(x, w, b, y):
    """The Graph of l(w, b) for one example (x, y); raises GraphInputError."""
    x, w, b, y = check_inputs(x, w, b, y)
    nodes = (
        input_node("x", x, "the example's feature"),
        input_node("w", w, "the weight, beta1"),
        input_node("b", b, "the bias, beta0"),
        input_node("y", y, "the example's class, 0 or 1"),
        Node("u", "multiply", ("w", "x"), SHARED, "u = w x",
             lambda v: v["w"] * v["x"], lambda v: (v["x"], v["w"]), "du/dw = x, du/dx = w"),
        Node("z", "add", ("u", "b"), SHARED, "z = u + b",
             lambda v: v["u"] + v["b"], lambda v: (1.0, 1.0), "dz/du = 1, dz/db = 1"),
        # part A = -y log p
        Node("m", "negate", ("z",), PART_A, "m = -z",
             lambda v: -v["z"], lambda v: (-1.0,), "dm/dz = -1"),
        Node("e", "exp", ("m",), PART_A, "e = exp(m) = e^-z",
             lambda v: math.exp(v["m"]), lambda v: (v["e"],), "de/dm = e^m = e"),
        Node("s", "add one", ("e",), PART_A, "s = 1 + e",
             lambda v: 1.0 + v["e"], lambda v: (1.0,), "ds/de = 1"),
        Node("p", "reciprocal", ("s",), PART_A, "p = 1 / s = sigmoid(z)",
             lambda v: 1.0 / v["s"], lambda v: (-v["p"] * v["p"],), "dp/ds = -1/s^2 = -p^2"),
        Node("log_p", "log", ("p",), PART_A, "log_p = log p",
             lambda v: -math.log1p(v["e"]), lambda v: (1.0 / v["p"],), "dlog_p/dp = 1/p",
             "computed as -log1p(e^-z), the same number, exact even where p rounds to 1"),
        Node("y_log_p", "multiply", ("y", "log_p"), PART_A, "y_log_p = y log_p",
             lambda v: v["y"] * v["log_p"], lambda v: (v["log_p"], v["y"]),
             "d/dy = log_p, d/dlog_p = y"),
        Node("A", "negate", ("y_log_p",), PART_A, "A = -y_log_p",
             lambda v: -v["y_log_p"], lambda v: (-1.0,), "dA/dy_log_p = -1"),
        # part B = -(1 - y) log(1 - p)
        Node("e_z", "exp", ("z",), PART_B, "e_z = exp(z) = e^z",
             lambda v: math.exp(v["z"]), lambda v: (v["e_z"],), "de_z/dz = e^z = e_z"),
        Node("s_z", "add one", ("e_z",), PART_B, "s_z = 1 + e_z",
             lambda v: 1.0 + v["e_z"], lambda v: (1.0,), "ds_z/de_z = 1"),
        Node("q", "reciprocal", ("s_z",), PART_B, "q = 1 / s_z = 1 - p",
             lambda v: 1.0 / v["s_z"], lambda v: (-v["q"] * v["q"],),
             "dq/ds_z = -1/s_z^2 = -q^2",
             "1 - p computed from z as 1/(1 + e^z), never as 1 minus p, which is 0 "
             "once p rounds to 1 (z above about 37)"),
        Node("log_q", "log", ("q",), PART_B, "log_q = log q = log(1 - p)",
             lambda v: -math.log1p(v["e_z"]), lambda v: (1.0 / v["q"],), "dlog_q/dq = 1/q",
             "computed as -log1p(e^z), the same number, exact even where q rounds to 1"),
        Node("one_minus_y", "subtract from one", ("y",), PART_B, "one_minus_y = 1 - y",
             lambda v: 1.0 - v["y"], lambda v: (-1.0,), "d(1 - y)/dy = -1"),
        Node("ybar_log_q", "multiply", ("one_minus_y", "log_q"), PART_B,
             "ybar_log_q = (1 - y) log_q",
             lambda v: v["one_minus_y"] * v["log_q"], lambda v: (v["log_q"], v["one_minus_y"]),
             "d/d(1 - y) = log_q, d/dlog_q = 1 - y"),
        Node("B", "negate", ("ybar_log_q",), PART_B, "B = -ybar_log_q",
             lambda v: -v["ybar_log_q"], lambda v: (-1.0,), "dB/dybar_log_q = -1"),
        Node("l", "add", ("A", "B"), LOSS, "l = A + B",
             lambda v: v["A"] + v["B"], lambda v: (1.0, 1.0), "dl/dA = 1, dl/dB = 1"),
    )
    return Graph("one example's cross-entropy loss", nodes, "l", ("w", "b"))


def walk_loss(x, w, b, y):
    """Both sweeps of loss_graph(x, w, b, y): a Walkthrough."""
    return walk(loss_graph(x, w, b, y))


def stable_sigmoid(z):
    """sigmoid(z) to a few ulps for every float z, never forming e^|z|."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def closed_form(x, w, b, y):
    """The second seed's closed form: {"dz": a - y, "w": x dz, "b": dz}, a = sigmoid(w x + b).

    a - y is taken as -sigmoid(-z) when y = 1 (the same number), so that it does not
    round to 0 where a rounds to 1."""
    x, w, b, y = check_inputs(x, w, b, y)
    z = w * x + b
    dz = -stable_sigmoid(-z) if y == 1.0 else stable_sigmoid(z)
    return {"dz": dz, "w": x * dz, "b": dz}


def engine_gradients(x, w, b, y):
    """What engine/backprop.py computes for the same one-example model, X = [[x]],
    W = [[w]], b = [[b]], Y = [[y]]: {"loss", "dz", "w", "b"} (its dZ = A - Y as is)."""
    x, w, b, y = check_inputs(x, w, b, y)
    X, W, bias, Y = (np.array([[v]]) for v in (x, w, b, y))
    Z, A = backprop.forward_layer(W, bias, X, ACTIVATIONS["sigmoid"])
    J = backprop.cost(Z, Y, [None, W], 0.0)
    dZ = backprop.output_layer_dZ(A, Y)
    dW, db = backprop.layer_gradients(dZ, X, W, 0.0)
    return {"loss": J, "dz": float(dZ[0, 0]), "w": float(dW[0, 0]), "b": float(db[0, 0])}
