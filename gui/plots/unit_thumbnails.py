"""What each hidden unit has learned, drawn in its node of the network diagram: a small
picture of its activation a over the input plane (Snapshot.unit_pictures), as TensorFlow
Playground draws them. x1 grows to the right and x2 upwards in every thumbnail, as in
the decision-boundary view; the colours are those of the nodes (gui/plots/unit_levels.py).
"""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from engine.unit_pictures import (
    MAX_PICTURED_UNITS,
    coarse_step,
    hidden_unit_count,
    pictures_possible,
)
from gui.plots.boundary_plot import probability_colormap
from gui.plots.unit_levels import activation_colormap, activation_levels, key_ends

FRAME_PEN = "#303030"
MAX_SIDE_PX = 64
GAP_SHARE = 0.85      # of the distance between two nodes of a column
COLUMN_SHARE = 0.4    # of the distance between two columns: room for the edges
SHADE_STEP = 6        # pictures are painted again once a shade moves by this of 256


def pictures_reason(session):
    """Why a session's units have no pictures, or "" when they have."""
    if session.grid is None:
        return "unit pictures need data drawn as a plane (two inputs, x1 and x2)"
    hidden = hidden_unit_count(session.layer_sizes)
    if hidden == 0:
        return "unit pictures: this net has no hidden unit (the output's is the boundary)"
    if not pictures_possible(session.layer_sizes):
        return (f"unit pictures are drawn for up to {MAX_PICTURED_UNITS} hidden units; "
                f"this net has {hidden}")
    return ""


def box_shown(session):
    """Whether the diagram has a check box for the unit pictures: not where there is no
    plane to draw on or no hidden unit (the output's picture is the decision-boundary
    view itself). A net too big for them has it, disabled, and says why."""
    return session.grid is not None and hidden_unit_count(session.layer_sizes) > 0


def missing_note(session):
    """A sentence for the caption when a net is too big for unit pictures, else ""."""
    hidden = hidden_unit_count(session.layer_sizes)
    if box_shown(session) and not pictures_possible(session.layer_sizes):
        return (f" No unit pictures: they are drawn for up to {MAX_PICTURED_UNITS} hidden "
                f"units, and this net has {hidden}.")
    return ""


# The caption of the diagram showing the weights, with the pictures in the nodes.
CAPTION = ("Edges: orange w > 0, blue w < 0, grey 0, thicker = larger |w|. Nodes: what "
           "each unit has learned, its a over the (x1, x2) plane (click one: large). Hover "
           "for values.")


class UnitThumbnails:
    """One ImageItem per drawn hidden node, made once per session, fed each new set of
    pictures; placed over the node, a little larger than it."""

    def __init__(self, view):
        self._view = view
        self._items = {}        # (layer, unit) -> ImageItem
        self._centres = {}      # (layer, unit) -> the node's (x, y) in the view
        self._size = None       # a thumbnail's (width, height) in the view's units
        self._painted = None    # the Snapshot.unit_pictures tuple shown
        self._kinds = ()
        self._levels = []
        self._luts = {}         # layer -> (256, 4) uint8 colours, low to high
        self._drawn = {}        # (layer, unit) -> the float picture drawn, row 0 at y_min
        self._shades = None     # layer -> its shades 0..255 as painted
        self._step = 1
        self._visible = False

    def build(self, session, kinds, units, xs, ys):
        """Items for the drawn units of every hidden layer (units[l], at xs[l], ys[l]);
        none when the session has no pictures. Called on a cleared view box."""
        self._items, self._centres, self._luts, self._drawn = {}, {}, {}, {}
        self._painted = self._shades = None
        self._visible = False
        self._kinds = kinds
        if pictures_reason(session):
            return
        self._step = coarse_step(session.grid_resolution)
        frame = pg.mkPen(FRAME_PEN, width=1)
        full = probability_colormap()
        # The output's picture too: P(y = 1), the decision boundary, on its own scale.
        for l in range(1, len(units)):
            self._luts[l] = activation_colormap(kinds[l], full).getLookupTable(
                nPts=256, alpha=True)
            for unit, x, y in zip(units[l], xs[l], ys[l]):
                item = pg.ImageItem(axisOrder="row-major", border=frame)
                item.setZValue(11)    # above the nodes (10), below the band's label
                item.setVisible(False)
                self._view.addItem(item)
                self._items[(l, int(unit))] = item
                self._centres[(l, int(unit))] = (float(x), float(y))

    @property
    def items(self):
        """{(layer, unit): ImageItem} of the drawn thumbnails."""
        return dict(self._items)

    def available(self):
        return bool(self._items)

    def shown(self):
        """Whether the thumbnails are drawn now."""
        return self._visible

    def key(self):
        """(name, colours low to high, (low, middle, high) words) of the first hidden
        layer's colour scale as painted last, or None before any picture."""
        if not self._levels:
            return None
        kind = self._kinds[1]
        colours = activation_colormap(kind, probability_colormap()).getColors(mode="qcolor")
        others = set(self._kinds[2:-1]) - {kind}
        name = f"unit pictures, layer 1 a ({kind}):" if others else f"unit pictures, a ({kind}):"
        return name, [c.name() for c in colours], key_ends(kind, self._levels[0])

    def show(self, snapshot, visible):
        """Paint the snapshot's unit pictures and boundary (nothing to do for those
        shown already) and show them if `visible`; True if anything drawn changed."""
        pictures = snapshot.unit_pictures
        visible = bool(visible) and bool(pictures) and self.available()
        changed = visible != self._visible
        if changed:
            self._visible = visible
            for item in self._items.values():
                item.setVisible(visible)
        if not visible or pictures is self._painted:
            return changed
        self._painted = pictures
        k = self._step
        layers = pictures + (np.asarray(snapshot.boundary)[None, ::k, ::k],)
        self._levels = [activation_levels(self._kinds[l], layers[l - 1])
                        for l in range(1, len(layers) + 1)]
        # Coloured here, a layer at a time: handed a float image and a lookup table,
        # pyqtgraph builds a 256-colour table per image and per paint (0.2 ms each).
        index = {l: self._index(l, layers[l - 1]) for l in self._luts}
        # Pictures that moved less than a few shades are not painted again: once the
        # net settles, most new pictures look the same, and a paint stops training.
        # Measured against the shades painted, so that a slow drift is painted in time.
        if self._shades is not None and all(
                np.max(np.abs(index[l].astype(np.int16) - self._shades[l]), initial=0)
                < SHADE_STEP for l in index):
            return changed
        self._shades = index
        for (l, unit), item in self._items.items():
            first = item.image is None
            self._drawn[(l, unit)] = layers[l - 1][unit]
            # Row 0 is y_min; the diagram's y axis points down, so it goes last.
            item.setImage(np.ascontiguousarray(self._luts[l][index[l][unit, ::-1]]),
                          autoLevels=False)
            if first:
                self._fit((l, unit))
        return True

    def _index(self, l, pictures):
        """(n, s, s) uint8 shades 0..255 of a layer's pictures on its levels."""
        low, high = self._levels[l - 1]
        with np.errstate(all="ignore"):
            t = (np.asarray(pictures, dtype=np.float32) - low) * (255.0 / (high - low))
        return np.clip(np.nan_to_num(t, nan=127.5), 0, 255).astype(np.uint8)

    def drawn(self, layer, unit):
        """The picture (s, s) drawn for a unit, row 0 at y_min (for tests)."""
        return self._drawn[(layer, unit)]

    def levels(self, layer):
        """(low, high) of a layer's colours as drawn last."""
        return self._levels[layer - 1]

    def side_px(self, free_px, spacing, column_px, node_px):
        """How many pixels square the thumbnails are drawn (0 without any): at least
        over the node and its pen, at most MAX_SIDE_PX, GAP_SHARE of the distance
        between two nodes of a column (which shrinks as they grow: free_px is the
        height for the nodes and the thumbnails' overhang at the ends, spacing the
        nodes' distance as a share of it) and COLUMN_SHARE of the columns' distance."""
        if not self._items:
            return 0
        gap_bound = GAP_SHARE * spacing * free_px / (1 + GAP_SHARE * spacing)
        side = min(MAX_SIDE_PX, gap_bound, COLUMN_SHARE * column_px)
        return int(max(side, node_px + 4))

    def place(self, side_px, px_w, px_h):
        """Make every thumbnail side_px pixels square, centred on its node, one pixel
        being (px_w, px_h) in the view's units."""
        self._size = (side_px * px_w, side_px * px_h)
        for key in self._items:
            self._fit(key)

    def _fit(self, key):
        item = self._items[key]
        if item.image is None or self._size is None:
            return   # fitted when its first picture comes
        w, h = self._size
        x, y = self._centres[key]
        item.setRect(QRectF(x - w / 2, y - h / 2, w, h))
