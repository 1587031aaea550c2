"""A computational graph of scalars, swept forward and then backward one node at a time.

Every node is one elementary operation (multiply, add, exp, log, ...) with named inputs.
The forward sweep visits the nodes in their (topological) order: it computes each
node's value and, right then, its local derivatives d node / d input, one per input --
on the way forward, as the chain rule lets one do. The backward sweep visits the same
nodes in the reverse order. A node's upstream gradient dl/d node is complete when it is
reached (every node that reads it comes later in the forward order, so was visited
before); for each input it multiplies

    dl/d input  +=  dl/d node  x  d node/d input     (upstream x local = product)

and so hands its gradient on. Input nodes (x, w, b, y, ...) have no inputs: their step
only shows the gradient they have collected.

The graphs themselves are built in engine/loss_graph.py (one example's cross-entropy
loss) and engine/chain_graph.py (three neurons in a chain). Pure Python floats; no Qt.
"""
import math
from collections.abc import Callable
from dataclasses import dataclass, field

SHARED, PART_A, PART_B, LOSS, INPUT = "shared", "A", "B", "loss", "input"


class GraphInputError(ValueError):
    """A value the graph cannot take, with a one-line message saying what is allowed."""


@dataclass(frozen=True)
class Node:
    """One block of the graph.

    value(v) and local(v) receive v, the values of the nodes computed so far by name;
    local returns d node / d input for each name in `inputs`, in that order.
    `formula` is the block as a learner writes it ("u = w x"), `derivative` its local
    derivatives written out ("du/dw = x, du/dx = w"), `note` why it is computed as it
    is, where that is not the obvious way."""

    name: str
    op: str
    inputs: tuple
    part: str
    formula: str
    value: Callable
    local: Callable = lambda v: ()
    derivative: str = ""
    note: str = ""

    @property
    def is_input(self):
        return not self.inputs


@dataclass(frozen=True)
class Graph:
    """Nodes in forward (topological) order; `output` names the node differentiated."""

    title: str
    nodes: tuple
    output: str
    parameters: tuple  # the inputs whose gradients the summary reports, e.g. ("w", "b")

    def node(self, name):
        return next(n for n in self.nodes if n.name == name)

    def depth(self):
        """{name: column}: inputs at 0, every other node one right of its deepest input."""
        depths = {}
        for node in self.nodes:
            depths[node.name] = 1 + max((depths[i] for i in node.inputs), default=-1)
        return depths

    def consumers(self, name):
        return tuple(n.name for n in self.nodes if name in n.inputs)


@dataclass(frozen=True)
class ForwardStep:
    """The forward sweep reaching one node: its value and its local derivatives."""

    node: Node
    value: float
    local: tuple  # d node / d input, one per node.inputs


@dataclass(frozen=True)
class BackwardStep:
    """The backward sweep at one node: upstream x local = product, for each input."""

    node: Node
    upstream: float  # dl/d node, complete when the node is reached
    local: tuple     # the forward step's local derivatives, reused
    products: tuple  # upstream * local, added into each input's gradient
    after: dict = field(default_factory=dict)  # each input's gradient after this step


@dataclass(frozen=True)
class Walkthrough:
    """Both sweeps of a graph, step by step, and what they end with."""

    graph: Graph
    forward: tuple
    backward: tuple
    values: dict
    grads: dict

    @property
    def steps(self):
        """Every step in order: the forward sweep, then the backward sweep."""
        return self.forward + self.backward

    @property
    def result(self):
        return self.values[self.graph.output]


def forward_sweep(graph):
    """The ForwardSteps in order and the values {name: value}; raises GraphInputError if a
    node's value or local derivative is not finite (the graphs are built so that this
    never happens for the inputs they accept)."""
    values, steps = {}, []
    for node in graph.nodes:
        value = float(node.value(values))
        values[node.name] = value
        local = tuple(float(d) for d in node.local(values))
        if not all(math.isfinite(x) for x in (value, *local)):
            raise GraphInputError(f"node {node.name} ({node.formula}) is not finite here")
        steps.append(ForwardStep(node, value, local))
    return tuple(steps), values


def backward_sweep(graph, forward):
    """The BackwardSteps in reverse topological order and the gradients {name: dl/dname}."""
    grads = {node.name: 0.0 for node in graph.nodes}
    grads[graph.output] = 1.0  # dl/dl
    steps = []
    for step in reversed(forward):
        node = step.node
        upstream = grads[node.name]
        products = tuple(upstream * d for d in step.local)
        for name, product in zip(node.inputs, products):
            grads[name] += product
        after = {name: grads[name] for name in node.inputs}
        steps.append(BackwardStep(node, upstream, step.local, products, after))
    return tuple(steps), grads


def walk(graph):
    """Both sweeps of graph: a Walkthrough."""
    forward, values = forward_sweep(graph)
    backward, grads = backward_sweep(graph, forward)
    return Walkthrough(graph, forward, backward, values, grads)
