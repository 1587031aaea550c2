"""The network as a graph: one column of nodes per layer, one line per weight.

Edges are coloured by the sign of the weight (theme.POSITIVE_WEIGHT / NEGATIVE_WEIGHT)
and drawn thicker the larger |w| is, relative to the largest |w| in the whole network
at that moment. Nodes are shaded by their activation for the selected training example.
Wide layers show an evenly spread sample of their units and say how many are hidden;
edges are drawn as a handful of items (one per colour and width), strongest first.
"""
import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from gui import theme
from gui.plots.boundary_plot import caption_label, probability_colormap, shade_brushes, shade_index
from gui.view import View

MAX_SHOWN = 16  # nodes drawn for a layer wider than ELIDE_ABOVE
ELIDE_ABOVE = 20
MAX_EDGES = 600
WIDTHS = (1, 2, 3, 5)  # whole pixels (no antialiasing), for |w| in each quarter of max |w|
ALPHAS = (90, 150, 210, 255)
NODE_PEN = "#303030"
HOVER_NODE_PX = 14
HOVER_EDGE_PX = 5
LABEL_Y = 0.56  # nodes span y = -0.5 .. 0.5, with y growing downwards
INPUT_CLIP = 3.0  # standardised inputs: +-3 standard deviations span the colours

# How each layer's activations are mapped onto the blue-white-red scale (0..1).
SCALES = {
    "input": "standardised value: -3 (blue) \u2026 0 (white) \u2026 +3 (red), clipped",
    "tanh": "tanh: -1 (blue) \u2026 0 (white) \u2026 +1 (red)",
    "sigmoid": "sigmoid: 0 (blue) \u2026 0.5 (white) \u2026 1 (red)",
    "relu": "ReLU: 0 (white) \u2026 largest a in this layer (red)",
}
SIGNED_SCALE = "{}: -max |a| (blue) \u2026 0 (white) \u2026 +max |a| (red), max over this layer"


def shown_units(n):
    """Indices of the units drawn for a layer of n units: all, or MAX_SHOWN evenly spread."""
    if n <= ELIDE_ABOVE:
        return np.arange(n)
    return np.unique(np.rint(np.linspace(0, n - 1, MAX_SHOWN)).astype(int))


def activation_shade(a, kind):
    """Map a layer's activations a (n,) onto 0..1 of the blue-white-red scale (see SCALES)."""
    a = np.asarray(a, dtype=np.float64)
    with np.errstate(all="ignore"):
        if kind == "input":
            return 0.5 + 0.5 * np.clip(a / INPUT_CLIP, -1.0, 1.0)
        if kind == "tanh":
            return 0.5 + 0.5 * a
        if kind == "sigmoid":
            return a
        top = np.max(np.abs(a[np.isfinite(a)]), initial=0.0)
        top = top if top > 0 else 1.0
        return 0.5 + 0.5 * a / top


def scale_text(kind):
    return SCALES.get(kind, SIGNED_SCALE.format(kind))


class NetworkDiagram(QWidget, View):
    """Nodes per layer, weights as edges, shaded by the selected example's activations."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._canvas = pg.GraphicsLayoutWidget()
        self._title = self._canvas.addLabel("Network", row=0, col=0,
                                            size=f"{theme.TITLE_POINT_SIZE}pt")
        self._view = self._canvas.addViewBox(row=1, col=0, invertY=True, enableMouse=False,
                                             enableMenu=False)
        self._caption = caption_label()
        self._caption.setText("Edges: red w > 0, blue w < 0, thicker = larger |w| (relative to "
                              "the largest |w| now). Nodes: activations of the selected "
                              "example. Hover a node or an edge for its values.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._canvas, 1)
        layout.addWidget(self._caption)
        self._shades = shade_brushes(probability_colormap())
        self._canvas.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._session = None
        self._snapshot = None
        self._last_key = None
        self._nodes = None
        self._node_ids = []
        self._edge_items = {}
        self._title_text = None
        theme.cache_static(self._title)
        theme.unindexed(self._canvas)

    @property
    def nodes(self):
        """The ScatterPlotItem of all drawn nodes, layer by layer, in node_ids order."""
        return self._nodes

    @property
    def node_ids(self):
        """(layer, unit) of each drawn node; unit is 0-based."""
        return list(self._node_ids)

    @property
    def edge_items(self):
        """{(sign, level): PlotCurveItem}: sign +1/-1, level 0 (thinnest) .. 3."""
        return dict(self._edge_items)

    # --- building, once per session ---------------------------------------------

    def set_session(self, session):
        """Forget the previous model; lay out nodes, labels and edge items for this one."""
        self._session = session
        self._snapshot = None
        self._last_key = None
        self._view.clear()
        sizes = session.layer_sizes
        self._kinds = ("input",) + tuple(session.activations)
        self._units = [shown_units(n) for n in sizes]
        tallest = max(len(u) for u in self._units)
        self._spacing = 1.0 / max(tallest - 1, 1)
        self._node_x, self._node_y, self._node_ids = [], [], []
        for l, units in enumerate(self._units):
            ys = (np.arange(len(units)) - (len(units) - 1) / 2) * self._spacing
            self._node_x.append(np.full(len(units), float(l)))
            self._node_y.append(ys)
            self._node_ids.extend((l, int(u)) for u in units)
        self._build_edges(session)
        self._build_nodes(tallest)
        self._build_labels(sizes)
        L = len(sizes) - 1
        self._view.setRange(xRange=(-0.45, L + 0.45), yRange=(-0.58, 0.72), padding=0)

    def _build_edges(self, session):
        sizes = session.layer_sizes
        ends, flat, layer_of, offset = [], [], [], 0
        for l in range(1, len(sizes)):
            rows, cols = self._units[l], self._units[l - 1]
            r, c = np.meshgrid(np.arange(len(rows)), np.arange(len(cols)), indexing="ij")
            r, c = r.ravel(), c.ravel()
            ends.append(np.stack([np.full(r.size, l - 1.0), self._node_y[l - 1][c],
                                  np.full(r.size, float(l)), self._node_y[l][r]], axis=1))
            flat.append(offset + rows[r] * sizes[l - 1] + cols[c])
            layer_of.append(np.full(r.size, l))
            offset += sizes[l] * sizes[l - 1]
        # ends[k] = (x0, y0, x1, y1) of edge k; flat[k]: its index in all W raveled in turn.
        self._edge_ends = np.concatenate(ends)
        self._edge_flat = np.concatenate(flat)
        self._edge_layer = np.concatenate(layer_of)
        self._edge_items = {}
        for sign, color in ((1, theme.POSITIVE_WEIGHT), (-1, theme.NEGATIVE_WEIGHT)):
            for level, (width, alpha) in enumerate(zip(WIDTHS, ALPHAS)):
                c = QColor(color)
                c.setAlpha(alpha)
                # Antialiased edges cost 10x the paint time (25 ms for 2-8-8-1, 90 ms
                # for 64-32-1 on the raster engine); the jaggies are the smaller harm.
                item = pg.PlotCurveItem(pen=pg.mkPen(c, width=width), connect="pairs",
                                        antialias=False, skipFiniteCheck=True)
                item.setZValue(level)
                self._view.addItem(item)
                self._edge_items[(sign, level)] = item
        # Which edges each item draws changes only when a weight crosses a width step or
        # zero; in between the items are copied from pixmaps under the changing nodes.
        theme.cache_static(*self._edge_items.values())
        self._drawn_edges = np.empty(0, dtype=np.intp)
        self._edges_of = {}

    def _build_nodes(self, tallest):
        size = 28 if tallest <= 8 else max(12, int(240 / tallest))
        self._node_size = size
        self._nodes = pg.ScatterPlotItem(np.concatenate(self._node_x),
                                         np.concatenate(self._node_y), size=size, symbol="o",
                                         pen=pg.mkPen(NODE_PEN, width=1.5), brush=pg.mkBrush("w"))
        self._nodes.setZValue(10)
        self._view.addItem(self._nodes)
        self._node_shades = None

    def _build_labels(self, sizes):
        font = theme.axis_font()
        for l, n in enumerate(sizes):
            lines = [f"{self._kinds[l]} ({n})"]
            hidden = n - len(self._units[l])
            if hidden:
                lines.append(f"\u2026 +{hidden} more")
            for row, text in enumerate(lines):
                # anchor y = -row puts line `row` one line-height below the one above it.
                label = pg.TextItem(text, color="k", anchor=(0.5, -row))
                label.setFont(font)
                label.setPos(float(l), LABEL_Y)
                self._view.addItem(label)
                theme.cache_static(label)

    # --- painting, every frame ----------------------------------------------------

    def show_snapshot(self, snapshot, history):
        """Paint weights and the selected example's activations. Returns False when
        nothing drawn changed: a repeated update, or node shades and edge widths that
        round to what is shown already (the tooltips still read this snapshot)."""
        if self._session is None:
            return False
        key = (snapshot.update, snapshot.example_index)
        if key == self._last_key:
            return False
        self._last_key = key
        self._snapshot = snapshot
        title = f"Network, activations of training example #{snapshot.example_index}"
        changed = title != self._title_text
        if changed:
            self._title_text = title
            self._title.setText(title)
        changed |= self._paint_nodes(snapshot.example_A)
        changed |= self._paint_edges(snapshot.W)
        return changed

    def _paint_nodes(self, example_A):
        """Shade the nodes; False if every shade is the one shown already."""
        # Shade whole layers first: ReLU and linear scales use the layer's largest |a|.
        t = np.concatenate([activation_shade(a, kind)[units]
                            for a, units, kind in zip(example_A, self._units, self._kinds)])
        shades = shade_index(t)
        if self._node_shades is not None and np.array_equal(shades, self._node_shades):
            return False
        self._node_shades = shades
        self._nodes.setBrush(self._shades[shades])
        return True

    def _paint_edges(self, W):
        """Sort the edges into the items of their sign and width; False if none moved."""
        all_w = np.concatenate([np.asarray(w).ravel() for w in W])
        w = all_w[self._edge_flat]
        finite = np.isfinite(all_w)
        top = np.max(np.abs(all_w[finite]), initial=0.0)
        keep = np.flatnonzero(np.isfinite(w))
        if keep.size > MAX_EDGES:
            strongest = np.argpartition(-np.abs(w[keep]), MAX_EDGES - 1)[:MAX_EDGES]
            keep = np.sort(keep[strongest])
        self._drawn_edges = keep
        strength = np.abs(w[keep]) / top if top > 0 else np.zeros(keep.size)
        level = np.minimum((strength * len(WIDTHS)).astype(int), len(WIDTHS) - 1)
        sign = np.where(w[keep] >= 0, 1, -1)
        changed = False
        for (s, lv), item in self._edge_items.items():
            k = keep[(sign == s) & (level == lv)]
            if np.array_equal(k, self._edges_of.get((s, lv))):
                continue
            self._edges_of[(s, lv)] = k
            changed = True
            e = self._edge_ends[k]
            x = np.empty(2 * k.size)
            y = np.empty(2 * k.size)
            x[0::2], x[1::2] = e[:, 0], e[:, 2]
            y[0::2], y[1::2] = e[:, 1], e[:, 3]
            item.setData(x, y, connect="pairs")
        return changed

    # --- hover --------------------------------------------------------------------

    def node_tooltip(self, l, unit):
        """Text about unit `unit` (0-based) of layer l for the selected example."""
        s, snap = self._session, self._snapshot
        n = s.layer_sizes[l]
        kind = self._kinds[l]
        if l == 0:
            name = s.feature_names[unit] if unit < len(s.feature_names) else f"x{unit + 1}"
            head = f"input layer, feature {unit + 1} of {n}: {name}"
        else:
            role = "output layer" if l == len(s.layer_sizes) - 1 else f"hidden layer {l}"
            head = f"{role}, unit {unit + 1} of {n}, activation {kind}"
        lines = [head]
        if snap is None:
            return head
        a = float(snap.example_A[l][unit])
        lines.append(f"training example #{snap.example_index}")
        if l > 0:
            W, b = snap.W[l - 1], snap.b[l - 1]
            with np.errstate(all="ignore"):
                z = float(W[unit] @ snap.example_A[l - 1] + b[unit, 0])
            lines.append(f"z = {z:.4g}")
            lines.append(f"a = {kind}(z) = {a:.4g}")
        else:
            lines.append(f"a = x = {a:.4g} (standardised)")
        lines.append(f"colour: {scale_text(kind)}")
        return "\n".join(lines)

    def edge_tooltip(self, k):
        """Text about edge k (an index into the laid-out edges) in the last snapshot."""
        s, snap = self._session, self._snapshot
        l = int(self._edge_layer[k])
        flat = int(self._edge_flat[k])
        offset = sum(s.layer_sizes[i] * s.layer_sizes[i - 1] for i in range(1, l))
        j, i = divmod(flat - offset, s.layer_sizes[l - 1])
        w = float(snap.W[l - 1][j, i])
        return (f"W[{l}] row {j + 1}, column {i + 1} = {w:.4g}\n"
                f"from {self._kinds[l - 1]} unit {i + 1} of layer {l - 1} "
                f"to {self._kinds[l]} unit {j + 1} of layer {l}")

    def tooltip_at(self, x, y, px_w, px_h):
        """Tooltip for view point (x, y), given one pixel's size in view units; "" if none."""
        if self._session is None:
            return ""
        nx = (np.concatenate(self._node_x) - x) / px_w
        ny = (np.concatenate(self._node_y) - y) / px_h
        d = np.hypot(nx, ny)
        k = int(np.argmin(d))
        if d[k] <= max(HOVER_NODE_PX, self._node_size / 2):
            return self.node_tooltip(*self._node_ids[k])
        if self._snapshot is None or self._drawn_edges.size == 0:
            return ""
        e = self._edge_ends[self._drawn_edges]
        ax, ay = (e[:, 0] - x) / px_w, (e[:, 1] - y) / px_h
        bx, by = (e[:, 2] - x) / px_w, (e[:, 3] - y) / px_h
        dx, dy = bx - ax, by - ay
        # Distance in pixels from the mouse (the origin here) to each segment a-b.
        t = np.clip(-(ax * dx + ay * dy) / np.maximum(dx * dx + dy * dy, 1e-12), 0.0, 1.0)
        dist = np.hypot(ax + t * dx, ay + t * dy)
        k = int(np.argmin(dist))
        if dist[k] <= HOVER_EDGE_PX:
            return self.edge_tooltip(int(self._drawn_edges[k]))
        return ""

    def _on_mouse_moved(self, scene_pos):
        if self._session is None or not self._view.sceneBoundingRect().contains(scene_pos):
            QToolTip.hideText()
            return
        p = self._view.mapSceneToView(scene_pos)
        px_w, px_h = self._view.viewPixelSize()
        text = self.tooltip_at(p.x(), p.y(), px_w, px_h)
        if text:
            QToolTip.showText(QCursor.pos(), text, self._canvas)
        else:
            QToolTip.hideText()
