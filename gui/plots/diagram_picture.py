"""What the network diagram shows for a snapshot: which values colour its nodes and edges,
and which layer is being computed. Plain NumPy; the drawing is gui/plots/network_diagram.py.

While stepping, the diagram follows the phase that just ran (snapshot.last_phase):
- forward, layer l: nodes of layers 0..l shaded by the followed example's a (its column of
  A[k] in this update's records); later layers are not computed yet and stay neutral;
- cost: every layer's a, the output layer marked;
- backward, layer l: nodes of layers L..l coloured by the example's dZ[k], edges of those
  layers by dW[k]; the rest are not computed yet in this update and stay neutral;
- update: edges coloured by the step each weight takes, -alpha dW[l].
Otherwise (playing, a whole update, no phase stepped) it shows the weights and the
example's activations under the current parameters.
"""
from dataclasses import dataclass

import numpy as np

from engine.phases import BACKWARD, COST, FORWARD, UPDATE

WEIGHTS = "weights"   # the mode when not stepping


@dataclass(frozen=True)
class DiagramPicture:
    """mode: WEIGHTS or a phase kind. layer: the layer being computed (None: none or all).
    nodes[l] (n_l,) or None (neutral): what colours layer l's nodes; node_symbol names it
    ("a" or "dZ"). edges[l - 1] (n_l, n_{l-1}) or None (neutral): what colours the edges
    into layer l; edge_symbol names it ("w", "dW" or "-\u03b1 dW").
    column: the example's column in the batch (None when it is not in the batch or when
    not stepping). in_batch: False only when stepping and the example is not in the batch.
    """

    mode: str
    layer: int | None
    nodes: tuple
    node_symbol: str
    edges: tuple
    edge_symbol: str
    column: int | None = None
    in_batch: bool = True
    update: int = 0
    cost: float | None = None

    @property
    def stepping(self):
        return self.mode != WEIGHTS

    @property
    def signed_nodes(self):
        """Whether the nodes show a gradient (diverging scale around 0) rather than a."""
        return self.node_symbol == "dZ"


def current_phase(snapshot):
    """The record the diagram follows, or None when it shows the weights (playing, or a
    record left over from another update)."""
    record = snapshot.last_phase
    if record is None or not snapshot.shows_phases:
        return None
    # After the update phase the trainer has counted the update: it is one behind.
    shows = snapshot.update - 1 if record.kind == UPDATE else snapshot.update
    return record if record.update == shows else None


def values_so_far(snapshot, record):
    """{symbol: array} of everything this update's phases up to `record` read and wrote."""
    values = {}
    for r in snapshot.phase_records:
        if r.update == record.update and r.spec.index <= record.spec.index:
            values.update(r.reads)
            values.update(r.writes)
    values.update(record.reads)
    values.update(record.writes)
    return values


def diagram_picture(snapshot):
    """The DiagramPicture of a Snapshot (see the module docstring)."""
    L = len(snapshot.W)
    record = current_phase(snapshot)
    if record is None:
        return DiagramPicture(WEIGHTS, None, tuple(snapshot.example_A), "a",
                              tuple(snapshot.W), "w", update=snapshot.update)
    values = values_so_far(snapshot, record)
    column = record.column_of(snapshot.example_index)
    kind, layer = record.kind, record.layer

    def column_of(symbol):
        value = values.get(symbol)
        if value is None or column is None:
            return None
        return np.asarray(value)[:, column]

    nodes, edges = [None] * (L + 1), [None] * L
    node_symbol, edge_symbol = "a", "w"
    cost = None
    if kind in (FORWARD, COST):
        last = layer if kind == FORWARD else L
        for k in range(last + 1):
            nodes[k] = column_of(f"A[{k}]")
        edges = list(snapshot.W)
        if kind == COST:
            layer = L
            J = values.get("J")
            cost = float(J) if J is not None else None
    elif kind == BACKWARD:
        node_symbol, edge_symbol = "dZ", "dW"
        for k in range(layer, L + 1):
            nodes[k] = column_of(f"dZ[{k}]")
            edges[k - 1] = values.get(f"dW[{k}]")
    else:
        edge_symbol = "\u2212\u03b1 dW"
        node_symbol = "none"
        edges = [-record.learning_rate * np.asarray(values[f"dW[{k}]"])
                 for k in range(1, L + 1)]
    return DiagramPicture(kind, layer, tuple(nodes), node_symbol, tuple(edges), edge_symbol,
                          column=column, in_batch=column is not None, update=record.update,
                          cost=cost)


def symmetric_top(arrays):
    """The largest finite |value| over the arrays that are not None; 0 when there is none."""
    top = 0.0
    for a in arrays:
        if a is None:
            continue
        a = np.asarray(a, dtype=np.float64)
        finite = a[np.isfinite(a)]
        if finite.size:
            top = max(top, float(np.max(np.abs(finite))))
    return top


def diverging_shade(values, top):
    """values on 0..1 of a diverging scale: 0 at -top, 0.5 at 0, 1 at +top (nan stays nan)."""
    values = np.asarray(values, dtype=np.float64)
    if top <= 0:
        return np.where(np.isfinite(values), 0.5, np.nan)
    with np.errstate(all="ignore"):
        return 0.5 + 0.5 * np.clip(values / top, -1.0, 1.0)
