"""The network as a graph: one column of nodes per layer, one line per weight.

Edges are coloured by the sign of the weight (theme.POSITIVE_WEIGHT / NEGATIVE_WEIGHT;
a weight of exactly 0 in a neutral grey) and drawn thicker the larger |w| is, relative
to the largest |w| in the whole network at that moment. Nodes are shaded by their
activation for the selected training example. While stepping, the diagram follows the
phase that just ran instead (gui/plots/diagram_picture.py says what it shows when): the
layer being computed is framed and named, gradients and steps are drawn orange (> 0) and
blue (< 0) on scales of their own, each labelled with its range below the diagram.
Wide layers show an evenly spread sample of their units and say how many are hidden;
edges are drawn as a handful of items (one per colour and width), strongest first.
"""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QBoxLayout, QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui import theme
from gui.plots.boundary_plot import caption_label, probability_colormap, shade_brushes, shade_index
from gui.plots.colour_scale_bar import ColourScaleBar
from gui.plots.diagram_hover import DiagramHover
from gui.plots.diagram_inputs import InputNames
from gui.plots.diagram_layout import DiagramLayout
from gui.plots.diagram_picture import diagram_picture, diverging_shade, symmetric_top
from gui.plots.diagram_words import caption_text, number, phase_headline
from gui.plots.unit_thumbnails import (
    CAPTION,
    UnitThumbnails,
    box_shown,
    missing_note,
    pictures_reason,
)
from gui.view import View

MAX_SHOWN = 16  # nodes drawn for a layer wider than ELIDE_ABOVE
ELIDE_ABOVE = 20
MAX_EDGES = 600
WIDTHS = (1, 2, 3, 5)  # whole pixels (no antialiasing), for |w| in each quarter of max |w|
ALPHAS = (90, 150, 210, 255)
NODE_PEN = "#303030"
INPUT_CLIP = 3.0
KEY_MIN_HEIGHT = 400   # below this, the unit pictures' key is said in the caption  # standardised inputs: +-3 standard deviations span the colours

# How each layer's activations are mapped onto the blue-white-orange scale (0..1).
SCALES = {
    "input": "standardised value: -3 (blue) \u2026 0 (white) \u2026 +3 (orange), clipped",
    "tanh": "tanh: -1 (blue) \u2026 0 (white) \u2026 +1 (orange)",
    "sigmoid": "sigmoid: 0 (blue) \u2026 0.5 (white) \u2026 1 (orange)",
    "relu": "ReLU: 0 (white) \u2026 largest a in this layer (orange)",
}
SIGNED_SCALE = "{}: -max |a| (blue) \u2026 0 (white) \u2026 +max |a| (orange), max over this layer"
# Gradients and steps: orange and blue tell apart for every common colour vision
# deficiency (red and green do not); the caption says when they stand for the weights.
GRADIENT_POSITIVE = "#e66100"
GRADIENT_NEGATIVE = "#1d5fa8"
NEUTRAL_EDGE = "#c4c4c4"      # a weight of exactly 0, or a gradient not computed yet
NEUTRAL_NODE = "#ececec"      # a value not computed yet in this update, or not shown
NEUTRAL_NODE_PEN = "#9a9a9a"
PALETTES = {"weights": (theme.POSITIVE_WEIGHT, theme.NEGATIVE_WEIGHT),
            "gradient": (GRADIENT_POSITIVE, GRADIENT_NEGATIVE)}


def shown_units(n):
    """Indices of the units drawn for a layer of n units: all, or MAX_SHOWN evenly spread."""
    if n <= ELIDE_ABOVE:
        return np.arange(n)
    return np.unique(np.rint(np.linspace(0, n - 1, MAX_SHOWN)).astype(int))


def activation_shade(a, kind):
    """Map a layer's activations a (n,) onto 0..1 of the blue-white-orange scale (see SCALES)."""
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


def gradient_colormap():
    """Blue (most negative) -> white (0) -> orange (most positive)."""
    return pg.ColorMap(pos=[0.0, 0.5, 1.0], color=[QColor(GRADIENT_NEGATIVE).getRgb()[:3],
                                                   (255, 255, 255),
                                                   QColor(GRADIENT_POSITIVE).getRgb()[:3]])


class NetworkDiagram(QWidget, View, DiagramHover, DiagramLayout):
    """Nodes per layer, weights as edges, shaded by the selected example's activations;
    while stepping, lit by the phase that just ran. A click on a hidden unit emits
    unit_picked(l, j) (0-based j), on the output unit unit_picked(L, 0)."""

    unit_picked = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._canvas = pg.GraphicsLayoutWidget()
        # A QLabel, not a plot title: it wraps instead of being cut off in a narrow dock.
        self._title = QLabel("Network")
        self._title.setWordWrap(True)
        font = QFont(theme.axis_font())
        font.setPointSize(theme.TITLE_POINT_SIZE - 1)
        self._title.setFont(font)
        self._title.setContentsMargins(8, 4, 8, 2)
        self._title.setStyleSheet("background-color: white; color: black;")
        # Room for a 16-node column and its labels, whatever the dock.
        self._canvas.setMinimumHeight(170)
        self._view = self._canvas.addViewBox(row=0, col=0, invertY=True, enableMouse=False,
                                             enableMenu=False)
        self._caption = caption_label()
        self._node_scale = ColourScaleBar()
        self._edge_scale = ColourScaleBar()
        # Side by side where they fit, one above the other in a narrow dock.
        self._scales_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._scales_layout.setContentsMargins(4, 0, 4, 0)
        self._scales_layout.addWidget(self._node_scale)
        self._scales_layout.addWidget(self._edge_scale)
        self._scales_layout.addStretch(1)
        self._scales = QWidget()
        self._scales.setLayout(self._scales_layout)
        self._scales.setStyleSheet("background-color: white;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._units_box = QCheckBox("Unit pictures")
        self._units_box.setObjectName("unit_pictures")
        self._units_box.setChecked(True)
        self._units_box.setStyleSheet("background-color: white; color: black;")
        self._units_box.toggled.connect(self._on_units_toggled)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 8, 0)
        top.setSpacing(0)
        top.addWidget(self._title, 1)
        top.addWidget(self._units_box, 0, Qt.AlignmentFlag.AlignTop)
        top_widget = QWidget()
        top_widget.setLayout(top)
        top_widget.setStyleSheet("background-color: white;")
        layout.addWidget(top_widget)
        layout.addWidget(self._canvas, 1)
        layout.addWidget(self._scales)
        layout.addWidget(self._caption)
        self._shades = shade_brushes(probability_colormap())
        self._gradient_shades = shade_brushes(gradient_colormap())
        self._gradient_colours = [gradient_colormap().map(t, mode="qcolor").name()
                                  for t in (0.0, 0.5, 1.0)]
        self._neutral_brush = pg.mkBrush(NEUTRAL_NODE)
        self._canvas.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._canvas.scene().sigMouseClicked.connect(self._on_clicked)
        self._view.sigResized.connect(self._fit_layout)
        self._session = None
        self._snapshot = None
        self._picture = None
        self._last_key = None
        self._nodes = None
        self._node_ids = []
        self._edge_items = {}
        self._labels = []
        self._band = self._band_label = None
        self._title_text = None
        self._palette = "weights"
        self._input_names = InputNames(self._view)
        self._missing_note = ""   # why a net has no unit pictures, for the caption
        self._thumbnails = UnitThumbnails(self._view)
        self._show_scales(None)
        theme.unindexed(self._canvas)

    @staticmethod
    def scale_text(kind):
        return scale_text(kind)

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
        """{(sign, level): PlotCurveItem}: sign +1/-1, level 0 (thinnest) .. 3; and
        (0, 0): the neutral edges (a value of exactly 0, or none computed yet)."""
        return dict(self._edge_items)

    @property
    def title(self):
        return self._title.text()

    @property
    def caption(self):
        return self._caption.text()

    @property
    def layer_labels(self):
        """The text under each layer, as drawn now (a line break where it wraps)."""
        return [label.toPlainText() for label, _ in self._labels]

    @property
    def thumbnails(self):
        """The UnitThumbnails drawn in the hidden nodes (gui/plots/unit_thumbnails.py)."""
        return self._thumbnails

    @property
    def units_box(self):
        """The check box that shows or hides the unit pictures."""
        return self._units_box

    @property
    def input_names(self):
        """The names drawn beside the input units (none for more than 20 inputs)."""
        return self._input_names.texts

    @property
    def picture(self):
        """The DiagramPicture shown (gui/plots/diagram_picture.py), None before a snapshot."""
        return self._picture

    @property
    def scale_texts(self):
        """What the visible colour scales say, nodes first."""
        return [bar.text for bar in (self._node_scale, self._edge_scale) if not bar.isHidden()]

    # --- building, once per session ---------------------------------------------

    def set_session(self, session):
        """Forget the previous model; lay out nodes, labels and edge items for this one."""
        self._session = session
        self._snapshot = None
        self._picture = None
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
        self._node_layer = np.concatenate([np.full(len(u), l) for l, u in enumerate(self._units)])
        self._build_edges(session)
        self._build_nodes(tallest)
        self._thumbnails.build(session, self._kinds, self._units, self._node_x, self._node_y)
        reason = pictures_reason(session)
        self._units_box.setVisible(box_shown(session))
        self._units_box.setEnabled(not reason)
        self._missing_note = missing_note(session)
        self._units_box.setToolTip(reason[:1].upper() + reason[1:] + "." if reason else
                                   "Show in each hidden node what its unit has learned: its "
                                   "activation a over the input plane.")
        self._build_labels(sizes)
        self._input_names.build(session.feature_names, self._units[0], self._node_y[0])
        self._build_band()
        self._show_scales(None)
        self._fit_layout()

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
        self._layer_offsets = np.cumsum([0] + [sizes[l] * sizes[l - 1]
                                               for l in range(1, len(sizes))])
        self._edge_items = {}
        self._palette = "weights"
        keys = [(sign, level) for sign in (1, -1) for level in range(len(WIDTHS))] + [(0, 0)]
        for sign, level in keys:
            # Antialiased edges cost 10x the paint time (25 ms for 2-8-8-1, 90 ms
            # for 64-32-1 on the raster engine); the jaggies are the smaller harm.
            item = pg.PlotCurveItem(pen=self._edge_pen(sign, level), connect="pairs",
                                    antialias=False, skipFiniteCheck=True)
            item.setZValue(level if sign else -1)
            self._view.addItem(item)
            self._edge_items[(sign, level)] = item
        # Which edges each item draws changes only when a weight crosses a width step or
        # zero; in between the items are copied from pixmaps under the changing nodes.
        theme.cache_static(*self._edge_items.values())
        self._drawn_edges = np.empty(0, dtype=np.intp)
        self._edges_of = {}

    def _edge_pen(self, sign, level):
        if sign == 0:
            return pg.mkPen(NEUTRAL_EDGE, width=1)
        positive, negative = PALETTES[self._palette]
        c = QColor(positive if sign > 0 else negative)
        c.setAlpha(ALPHAS[level])
        return pg.mkPen(c, width=WIDTHS[level])

    def _build_nodes(self, tallest):
        self._unzoomed_node_size = 28 if tallest <= 8 else max(12, int(240 / tallest))
        size = int(self._unzoomed_node_size * theme.zoom_level())
        self._node_size = self._full_node_size = size
        self._nodes = pg.ScatterPlotItem(np.concatenate(self._node_x),
                                         np.concatenate(self._node_y), size=size, symbol="o",
                                         pen=pg.mkPen(NODE_PEN, width=1.5), brush=pg.mkBrush("w"))
        self._nodes.zooms_itself = True   # gui/zoom_styler.py: sized by apply_zoom
        self._nodes.setZValue(10)
        self._view.addItem(self._nodes)
        self._node_shades = None
        self._node_pens = pg.mkPen(NODE_PEN, width=1.5), pg.mkPen(NEUTRAL_NODE_PEN, width=1)
        self._neutral_shown = None

    # --- unit pictures: shown or not, and a click on a unit -----------------------------

    def _on_units_toggled(self, _checked):
        snapshot = self._snapshot
        if snapshot is not None:
            self._last_key = None
            self.show_snapshot(snapshot, None)

    def _on_clicked(self, event):
        if self._session is None or event.button() != Qt.MouseButton.LeftButton:
            return
        scene_pos = event.scenePos()
        if not self._view.sceneBoundingRect().contains(scene_pos):
            return
        p = self._view.mapSceneToView(scene_pos)
        node = self.node_at(p.x(), p.y(), *self._view.viewPixelSize())
        if node is not None and node[0] > 0:
            event.accept()
            self.unit_picked.emit(*node)

    # --- fitting to the widget's size -----------------------------------------------

    def apply_zoom(self, level):
        """Nodes `level` times their size, as room allows (called by gui/zoom_styler.py)."""
        if getattr(self, "_nodes", None) is None:
            return
        self._node_size = self._full_node_size = int(self._unzoomed_node_size * level)
        self._nodes.setSize(self._node_size)
        self._fit_layout()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit_scales(event.size().width())
        if self._thumbnails.shown() and self._picture is not None:
            self._show_words(self._picture, self._snapshot.example_index)

    def _fit_scales(self, width=None, shown=None):
        """One row if the scales fit the width, else one above the other. Called before
        they are shown, so that a row too wide never widens the dock."""
        width = self.width() if width is None else width
        bars = (self._node_scale, self._edge_scale)
        shown = [not bar.isHidden() for bar in bars] if shown is None else shown
        needed = sum(bar.sizeHint().width() for bar, on in zip(bars, shown) if on) + 16
        direction = (QBoxLayout.Direction.LeftToRight if needed <= width
                     else QBoxLayout.Direction.TopToBottom)
        if direction != self._scales_layout.direction():
            self._scales_layout.setDirection(direction)

    # --- painting, every frame ----------------------------------------------------

    def show_snapshot(self, snapshot, history):
        """Paint weights and the selected example's activations, or the phase just
        stepped. Returns False when nothing drawn changed: a repeated snapshot, or node
        shades and edge widths that round to what is shown already (the tooltips still
        read this snapshot)."""
        if self._session is None:
            return False
        record = snapshot.last_phase
        key = (snapshot.update, snapshot.phase, snapshot.example_index, snapshot.shows_phases,
               None if record is None else (record.update, record.spec.index))
        if key == self._last_key:
            return False
        self._last_key = key
        self._snapshot = snapshot
        picture = diagram_picture(snapshot)
        self._picture = picture
        changed = self._thumbnails.show(
            snapshot, self._units_box.isChecked() and not picture.stepping)
        changed |= self._show_words(picture, snapshot.example_index)
        changed |= self._paint_nodes(picture)
        changed |= self._paint_edges(picture)
        self._place_band()
        return changed

    def _show_words(self, picture, example):
        """Title, caption and colour scales; True if the title changed."""
        title = phase_headline(picture, example)
        changed = title != self._title_text
        if changed:
            self._title_text = title
            self._title.setText(title)
        pictures = self._thumbnails.shown() and not picture.stepping
        if not pictures:
            self._caption.setText(caption_text(picture, example) + self._missing_note)
        elif self._key_fits():
            self._caption.setText(CAPTION)
        else:   # the key in words: a line of caption is shorter than the key's bar
            self._caption.setText(f"{CAPTION} Colours: {scale_text(self._kinds[1])}.")
        self._show_scales(picture)
        return changed

    def _key_fits(self):
        """Whether the unit pictures' key has room as a bar of its own."""
        return self.height() >= KEY_MIN_HEIGHT

    def _show_scales(self, picture):
        colours = self._gradient_colours
        nodes = picture is not None and picture.signed_nodes and picture.in_batch
        edges = picture is not None and picture.edge_symbol != "w"
        if nodes:
            top = symmetric_top(picture.nodes)
            # Symmetric about 0, which is white: the ends say it all, on one line.
            self._node_scale.set_scale(f"nodes {picture.node_symbol}:", colours,
                                       (number(-top), "", number(top)))
        if edges:
            top = symmetric_top(picture.edges)
            self._edge_scale.set_scale(f"edges {picture.edge_symbol}:", colours,
                                       (number(-top), "", number(top)))
        key = self._thumbnails.key() if self._thumbnails.shown() else None
        if key is not None and not nodes and self._key_fits():
            nodes = True   # the nodes' bar is free: it shows the pictures' scale
            self._node_scale.set_scale(*key)
        self._fit_scales(shown=(bool(nodes), bool(edges)))
        self._node_scale.setVisible(bool(nodes))
        self._edge_scale.setVisible(bool(edges))
        self._scales.setVisible(bool(nodes or edges))

    def _paint_nodes(self, picture):
        """Shade the nodes; False if every shade is the one shown already."""
        neutral = np.zeros(len(self._node_ids), dtype=bool)
        if picture.signed_nodes:
            top = symmetric_top(picture.nodes)
            palette, offset = self._gradient_shades, len(self._shades)  # distinct shades

            def shade_of(l, values):
                return diverging_shade(values, top)
        else:
            palette, offset = self._shades, 0

            def shade_of(l, values):
                return activation_shade(values, self._kinds[l])
        parts = []
        for l, (values, units) in enumerate(zip(picture.nodes, self._units)):
            if values is None:
                parts.append(np.full(len(units), np.nan))
                neutral[self._node_layer == l] = True
            else:
                # Whole layers first: ReLU and linear scales use the layer's largest |a|.
                parts.append(shade_of(l, values)[units])
        shades = shade_index(np.concatenate(parts))
        brushes = palette[shades]
        shades = shades + offset
        shades = np.where(neutral, -2, shades)
        brushes = np.where(neutral, self._neutral_brush, brushes)
        if self._node_shades is not None and np.array_equal(shades, self._node_shades):
            return False
        self._node_shades = shades
        self._nodes.setBrush(brushes)
        if self._neutral_shown is None or not np.array_equal(neutral, self._neutral_shown):
            self._neutral_shown = neutral
            strong, faint = self._node_pens
            self._nodes.setPen(np.where(neutral, faint, strong))
        return True

    def _edge_values(self, picture):
        """All edge values raveled layer after layer (as W would be), and which are neutral."""
        parts, neutral = [], []
        for W, n in zip(picture.edges, np.diff(self._layer_offsets)):
            if W is None:
                parts.append(np.zeros(n))
                neutral.append(np.ones(n, dtype=bool))
            else:
                w = np.asarray(W, dtype=np.float64).ravel()
                parts.append(w)
                neutral.append(w == 0)   # exactly 0 (a zeros init) is neither sign
        return np.concatenate(parts), np.concatenate(neutral)

    def _paint_edges(self, picture):
        """Sort the edges into the items of their sign and width; False if none moved."""
        palette = "weights" if picture.edge_symbol == "w" else "gradient"
        changed = palette != self._palette
        if changed:
            self._palette = palette
            for (s, lv), item in self._edge_items.items():
                item.setPen(self._edge_pen(s, lv))
        all_w, all_neutral = self._edge_values(picture)
        w, neutral = all_w[self._edge_flat], all_neutral[self._edge_flat]
        finite = np.isfinite(all_w) & ~all_neutral
        top = np.max(np.abs(all_w[finite]), initial=0.0)
        keep = np.flatnonzero(np.isfinite(w))
        if keep.size > MAX_EDGES:
            strongest = np.argpartition(-np.abs(w[keep]), MAX_EDGES - 1)[:MAX_EDGES]
            keep = np.sort(keep[strongest])
        self._drawn_edges = keep
        strength = np.abs(w[keep]) / top if top > 0 else np.zeros(keep.size)
        level = np.minimum((strength * len(WIDTHS)).astype(int), len(WIDTHS) - 1)
        sign = np.where(neutral[keep], 0, np.where(w[keep] > 0, 1, -1))
        level = np.where(sign == 0, 0, level)
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
