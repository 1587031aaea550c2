"""The phases of one gradient-descent update and the record each one leaves.

An update of an L-layer network has 2L + 2 phases, in this order:
forward layer 1 .. L, cost, backward layer L .. 1, update.
"""
from dataclasses import dataclass, field

import numpy as np

from . import backprop
from .activations import ACTIVATIONS
from .source_code import code_of, file_of

FORWARD, COST, BACKWARD, UPDATE = "forward", "cost", "backward", "update"


@dataclass(frozen=True)
class PhaseSpec:
    """What a phase is, before it runs: its kind, its layer, the names it touches, and the
    functions of engine/backprop.py and engine/activations.py that run it, in order."""

    index: int
    kind: str
    layer: int | None
    title: str
    equation: str
    reads: tuple
    writes: tuple
    functions: tuple = field(repr=False)

    @property
    def code(self):
        """(file, source) of each function that runs this phase, in order; the source is
        read from the function itself, its docstring left out."""
        return tuple((file_of(f), code_of(f)) for f in self.functions)


@dataclass(frozen=True)
class PhaseRecord:
    """What one phase did: its spec, the values it read and the values it wrote.

    reads / writes map a symbol ("W[2]", "A[1]", "J", ...) to a read-only copy of its
    value: arrays keep their (n_l, m) shapes; J is a 0-d array. examples[j] is the
    training example whose values are in column j of the batch's arrays (read-only).
    """

    spec: PhaseSpec
    update: int
    m: int
    learning_rate: float
    l2: float
    reads: dict = field(repr=False)
    writes: dict = field(repr=False)
    examples: object = field(default=None, repr=False)

    def column_of(self, example):
        """The batch column that holds training example `example`, or None."""
        if self.examples is None:
            return None
        found = np.flatnonzero(self.examples == example)
        return int(found[0]) if found.size else None

    @property
    def kind(self):
        return self.spec.kind

    @property
    def layer(self):
        return self.spec.layer

    @property
    def equation(self):
        return self.spec.equation


def _definition(g):
    """'    (relu(z) = max(0, z))', or nothing where the name already says it all; and the
    form the code computes, where it differs."""
    if g.formula == f"{g.name}(z)":
        return ""
    text = f"    ({g.name}(z) = {g.formula})"
    if g.computed_as:
        text += f"\n    computed as {g.computed_as}"
    return text


def phase_count(L):
    return 2 * L + 2


def phase_specs(activations):
    """The 2L + 2 PhaseSpecs of an update, for activations = (g[1], ..., g[L])."""
    L = len(activations)
    specs = []
    for l in range(1, L + 1):
        g = ACTIVATIONS[activations[l - 1]]
        specs.append(PhaseSpec(
            len(specs), FORWARD, l, f"Forward, layer {l}",
            f"Z[{l}] = W[{l}] A[{l - 1}] + b[{l}]\n"
            f"A[{l}] = {g.name}(Z[{l}])" + _definition(g),
            (f"W[{l}]", f"b[{l}]", f"A[{l - 1}]"), (f"Z[{l}]", f"A[{l}]"),
            (backprop.forward_layer, g.function)))
    specs.append(PhaseSpec(
        len(specs), COST, None, "Cost",
        f"J = -(1/m) sum[ Y log A[{L}] + (1 - Y) log(1 - A[{L}]) ]"
        " + (lambda/2m) sum_l ||W[l]||^2\n"
        f"    (computed from Z[{L}] as (1/m) sum log(1 + e^((1 - 2Y) Z[{L}])): the same "
        "number, without overflow and without ever taking log 0)",
        (f"Z[{L}]", f"A[{L}]", "Y"), ("J",), (backprop.cost,)))
    for l in range(L, 0, -1):
        g = ACTIVATIONS[activations[l - 1]]
        if l == L:
            dz = f"dZ[{L}] = A[{L}] - Y"
            reads = (f"A[{L}]", "Y", f"A[{l - 1}]", f"W[{l}]")
            functions = (backprop.output_layer_dZ,)
        else:
            dz = (f"dZ[{l}] = dA[{l}] * {g.name}'(Z[{l}])    "
                  f"({g.name}'(z) = {g.derivative_formula})")
            reads = (f"dA[{l}]", f"Z[{l}]", f"A[{l}]", f"A[{l - 1}]", f"W[{l}]")
            functions = (backprop.hidden_layer_dZ, g.derivative)
        functions += (backprop.layer_gradients,)
        lines = [dz,
                 f"dW[{l}] = (1/m) dZ[{l}] A[{l - 1}]^T + (lambda/m) W[{l}]",
                 f"db[{l}] = (1/m) sum over examples of dZ[{l}]"]
        writes = (f"dZ[{l}]", f"dW[{l}]", f"db[{l}]")
        if l > 1:
            lines.append(f"dA[{l - 1}] = W[{l}]^T dZ[{l}]")
            writes += (f"dA[{l - 1}]",)
            functions += (backprop.previous_layer_dA,)
        specs.append(PhaseSpec(len(specs), BACKWARD, l, f"Backward, layer {l}",
                               "\n".join(lines), reads, writes, functions))
    params = tuple(f"{p}[{l}]" for l in range(1, L + 1) for p in ("W", "b"))
    grads = tuple(f"d{p}[{l}]" for l in range(1, L + 1) for p in ("W", "b"))
    specs.append(PhaseSpec(
        len(specs), UPDATE, None, "Update",
        "W[l] = W[l] - alpha dW[l]\nb[l] = b[l] - alpha db[l]    (for every layer l)",
        params + grads, params, (backprop.update_parameters,)))
    return tuple(specs)
