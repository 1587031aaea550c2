"""The input plane: what the model predicts where, and the data on top of it.

Which picture depends on the session:
- two features: P(y = 1) over the plane as a heatmap, its 0.5 contour (the decision
  boundary), training points filled and test points hollow, coloured by their label;
- more features: the fixed PCA projection of every example, filled by the model's
  current P(y = 1), shaped by its true label (circle 0, square 1), test points outlined
  in the test colour;
- images (the digits): the PCA scatter and, beside it, the first-layer weights as images;
- one feature: the examples along x at the height of their label (0 or 1, jittered), the
  model's P(y = 1 | x) as a curve and the threshold x* where it crosses 0.5
  (gui/plots/one_feature_curve.py), with β0 and β1 named for logistic regression.
"""
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui import theme
from gui.plots.live_text import LiveText
from gui.plots.one_feature_curve import OneFeatureCurve
from gui.plots.point_picking import SelectedMark, nearest_within, pick_on_click
from gui.plots.unit_view import UnitFocus
from gui.plots.weight_images import WeightImages
from gui.view import View

DECISION_LEVEL = 0.5
N_SHADES = 65  # odd, so P = 0.5 has a shade of its own: pure white
POINT_SIZE = 10
OUTLINE = "#202020"
NOT_FINITE_COLOR = "#a0a0a0"
LABEL_SYMBOLS = theme.CLASS_SYMBOLS
# The canvas's least height; the one-feature picture has two more lines of live numbers
# below it, and its curve and points need less room than a heatmap.
PLOT_MIN_HEIGHT = 300
LINE_PLOT_MIN_HEIGHT = 200
# Per class and set. Beyond this, more points only cost paint time (750,000 took 2.3 s to
# build) and hide one another; a fixed sample draws the same picture.
MAX_POINTS_DRAWN = 5000
# The legend takes at most this share of the canvas's height, else it is left out.
LEGEND_SHARE = 0.3
LEGEND_IN_WORDS = {
    "plane": " Blue circles: y = 0, orange squares: y = 1; the ring is the followed example.",
    "line": " Blue circles: y = 0, orange squares: y = 1; filled: training, hollow: test; the "
            "ring is the followed example.",
    "projection": " Circles: y = 0, squares: y = 1, thick outline: test; the ring is the "
                  "followed example.",
}



def _blend(hex_color, toward_white):
    """hex_color moved toward_white (0..1) of the way to white, as an (r, g, b) tuple."""
    c = QColor(hex_color)
    return tuple(round(v + (255 - v) * toward_white) for v in (c.red(), c.green(), c.blue()))


def probability_colormap(pale=False):
    """Blue (P = 0) -> white (0.5) -> orange (1), the class colours of theme.CLASS_COLORS.

    pale: lighter ends, for a heatmap that class-coloured points must stand out on.
    """
    fade = 0.45 if pale else 0.0
    blue, red = (_blend(c, fade) for c in theme.CLASS_COLORS)
    return pg.ColorMap(pos=[0.0, 0.5, 1.0], color=[blue, (255, 255, 255), red])


def shade_brushes(colormap, n=N_SHADES):
    """n brushes sampling colormap evenly over 0..1, then a grey one at index -1 for
    values that are not finite; made once and reused every frame."""
    colors = colormap.map(np.linspace(0.0, 1.0, n), mode="qcolor")
    return np.array([pg.mkBrush(c) for c in colors] + [pg.mkBrush(NOT_FINITE_COLOR)],
                    dtype=object)


def shade_index(values, n=N_SHADES):
    """Index 0..n-1 of the shade for each value in 0..1; -1 where a value is not finite."""
    v = np.asarray(values, dtype=np.float64).ravel()
    idx = np.full(v.shape, -1, dtype=np.intp)
    ok = np.isfinite(v)
    idx[ok] = np.rint(np.clip(v[ok], 0.0, 1.0) * (n - 1)).astype(np.intp)
    return idx


def restyle_spots(item, idx, brushes):
    """Give the spots idx of a ScatterPlotItem new brushes, restyling only those.

    setBrush(list) re-keys every spot of the item, about 5 us each: 10 ms a frame for the
    digits. Most frames change a few spots, so only theirs are written and their cached
    fragment cleared (a zero-width sourceRect is what makes updateSpots look it up again).
    """
    data = item.data
    data["brush"][idx] = brushes
    data["sourceRect"][idx] = 0
    item.updateSpots()


def contour_segments(values, level, extent):
    """Line segments where values (r_y, r_x) cross level, by marching squares.

    values[i, j] belongs to the point (x_min + j dx, y_min + i dy) of a grid spanning
    extent = (x_min, x_max, y_min, y_max). Returns (x, y), each (2 k,): k segments as
    consecutive pairs of end points, for a curve drawn with connect="pairs".
    """
    V = np.asarray(values, dtype=np.float64)
    r_y, r_x = V.shape
    x_min, x_max, y_min, y_max = extent
    S = V - level
    up = S > 0

    # Crossing points on every horizontal edge (i, j)-(i, j+1) and vertical edge (i, j)-(i+1, j),
    # linearly interpolated; the signs differ there, so the denominators are never 0.
    with np.errstate(divide="ignore", invalid="ignore"):
        h_cross = up[:, :-1] != up[:, 1:]
        h_t = S[:, :-1] / (S[:, :-1] - S[:, 1:])
        v_cross = up[:-1, :] != up[1:, :]
        v_t = S[:-1, :] / (S[:-1, :] - S[1:, :])
    jj, ii = np.meshgrid(np.arange(r_x - 1), np.arange(r_y - 1))
    # The four edges of cell (i, j) in the order bottom, right, top, left.
    flags = np.stack([h_cross[:-1], v_cross[:, 1:], h_cross[1:], v_cross[:, :-1]])
    px = np.stack([jj + h_t[:-1], jj + 1.0, jj + h_t[1:], jj + 0.0 * ii])
    py = np.stack([ii + 0.0 * jj, ii + v_t[:, 1:], ii + 1.0, ii + v_t[:, :-1]])
    count = flags.sum(axis=0)

    starts, ends = [], []
    two = count == 2
    if two.any():
        f, x, y = flags[:, two], px[:, two], py[:, two]
        first = np.argmax(f, axis=0)
        second = 3 - np.argmax(f[::-1], axis=0)
        cols = np.arange(f.shape[1])
        starts.append(np.stack([x[first, cols], y[first, cols]], axis=1))
        ends.append(np.stack([x[second, cols], y[second, cols]], axis=1))
    four = count == 4
    if four.any():
        x, y = px[:, four], py[:, four]
        corner = up[:-1, :-1][four]
        centre = (V[:-1, :-1] + V[:-1, 1:] + V[1:, :-1] + V[1:, 1:])[four] / 4.0 > level
        # A saddle: the two corners unlike the centre are each cut off by one segment.
        # Corner a = (i, j) is cut off by (left, bottom); its opposite by (right, top);
        # the other two corners by (bottom, right) and (top, left).
        cut_a = corner != centre
        pairs_a = ((3, 0), (1, 2))
        pairs_b = ((0, 1), (2, 3))
        for (p, q), (s, t) in zip(pairs_a, pairs_b):
            e1 = np.where(cut_a, p, s)
            e2 = np.where(cut_a, q, t)
            cols = np.arange(x.shape[1])
            starts.append(np.stack([x[e1, cols], y[e1, cols]], axis=1))
            ends.append(np.stack([x[e2, cols], y[e2, cols]], axis=1))
    if not starts:
        return np.empty(0), np.empty(0)
    a, b = np.concatenate(starts), np.concatenate(ends)
    pts = np.empty((2 * len(a), 2))
    pts[0::2], pts[1::2] = a, b
    dx = (x_max - x_min) / max(r_x - 1, 1)
    dy = (y_max - y_min) / max(r_y - 1, 1)
    return x_min + pts[:, 0] * dx, y_min + pts[:, 1] * dy


def drawn_examples(in_class, limit=MAX_POINTS_DRAWN):
    """Indices of the examples to draw from a boolean mask: all of them, or a fixed random
    sample of `limit` (the same for the same data), in order."""
    shown = np.flatnonzero(in_class)
    if shown.size > limit:
        shown = np.sort(np.random.default_rng(0).choice(shown, limit, replace=False))
    return shown


def legend_name(name, shown, in_class):
    """'train y = 0', or 'train y = 0 (5,000 of 374,812 shown)' for a sample."""
    total = int(np.count_nonzero(in_class))
    return name if shown.size == total else f"{name} ({shown.size:,} of {total:,} shown)"


def caption_label():
    """A word-wrapped QLabel in the base font: a caption that never widens its window."""
    label = QLabel()
    label.setWordWrap(True)
    label.setFont(theme.axis_font())
    label.setContentsMargins(8, 2, 8, 4)
    label.setStyleSheet("background-color: white; color: black;")
    return label


class BoundaryPlot(QWidget, View):
    """The input plane of the current session; see the module docstring for what it shows.
    A click on a training point emits example_picked with its index."""

    example_picked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._canvas = pg.GraphicsLayoutWidget()
        self._plot = self._canvas.addPlot(row=0, col=0)
        self._plot.setMenuEnabled(False)
        self._plot.hideButtons()
        self._bar = pg.ColorBarItem(values=(0.0, 1.0), colorMap=probability_colormap(),
                                    interactive=False, colorMapMenu=False, width=18)
        self._bar.getAxis("left").setLabel("P(y = 1)", **{"font-size": f"{theme.BASE_POINT_SIZE}pt"})
        self._bar.axis.setTickFont(theme.axis_font())
        self._canvas.addItem(self._bar, row=0, col=1)
        self._legend = pg.LegendItem(labelTextSize=f"{theme.BASE_POINT_SIZE}pt", colCount=3)
        self._canvas.addItem(self._legend, row=1, col=0, colspan=2)
        self._legend_columns = 3
        self._canvas.installEventFilter(self)
        # A plot at least ~120 px tall above a legend of up to five rows: less and the
        # axis label is cut off (the whole plane was once a 40 px strip at 1366x768).
        self._canvas.setMinimumHeight(PLOT_MIN_HEIGHT)
        self._canvas.scene().sigMouseClicked.connect(self._on_clicked)
        self._caption = caption_label()
        self._one_feature = OneFeatureCurve()
        self.parameters = LiveText(lines=2)
        self.parameters.setFont(theme.axis_font())
        self.parameters.setStyleSheet("background-color: white; color: black;")
        self.parameters.setAutoFillBackground(True)
        self.parameters.hide()
        self._caption_text, self._kind = "", "plane"
        self._weights = WeightImages()
        self._weights.hide()
        row = QHBoxLayout()
        row.addWidget(self._canvas, 3)
        row.addWidget(self._weights, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(row, 1)
        layout.addWidget(self.parameters)
        # A hidden unit's picture in place of P(y = 1) (gui/plots/unit_view.py).
        self._focus = UnitFocus()
        self._snapshot = None
        self._back = QPushButton("&Back to the output: P(y = 1)")
        self._back.setObjectName("back_to_output")
        self._back.clicked.connect(lambda: self.show_unit(None))
        self._back.hide()
        layout.addWidget(self._back)
        layout.addWidget(self._caption)
        self._selected = SelectedMark(self._plot, POINT_SIZE + 10)
        self._session = None
        self._show_test = True
        self._last_key = None
        self._reset_items()
        theme.cache_static(self._bar)
        theme.unindexed(self._canvas)

    # --- the items, for tests and for whoever composes views ----------------------

    @property
    def heatmap(self):
        """The P(y = 1) ImageItem (two-feature sessions), else None."""
        return self._image

    @property
    def contour(self):
        """The decision-boundary curve (two-feature sessions), else None."""
        return self._contour

    @property
    def one_feature(self):
        """The curve and threshold lines of one-feature sessions (gui/plots/one_feature_curve.py)."""
        return self._one_feature

    @property
    def train_points(self):
        """The training-point ScatterPlotItems, one per label (0, 1)."""
        return tuple(item for item, _ in self._train)

    @property
    def test_points(self):
        """The test-point ScatterPlotItems, one per label (0, 1)."""
        return tuple(item for item, _ in self._test)

    @property
    def weights(self):
        """The first-layer weight images (shown only for image data)."""
        return self._weights

    # --- building, once per session ---------------------------------------------

    def _reset_items(self):
        self._plot.clear()
        self._legend.clear()
        self._image = self._contour = None
        self._line_mode = False
        self._train = self._test = ()
        self._selected_index = None
        self._painted_boundary = None
        self._painted_shades = {}

    def set_session(self, session):
        """Forget the previous data and model; build the items for this session."""
        self._session = session
        self._snapshot = None
        self._focus.choose(None, 0, 0)
        self._back.hide()
        self._last_key = None
        self._reset_items()
        if session.X_train.shape[0] == 1:
            self._build_line(session)
        elif session.grid is not None:
            self._build_plane(session)
        else:
            self._build_projection(session)
        self._selected.add_to_plot()
        self._legend.addItem(self._selected.ring, "selected example")
        x_min, x_max, y_min, y_max = session.extent
        self._plot.disableAutoRange()
        self._plot.setRange(xRange=(x_min, x_max), yRange=(y_min, y_max), padding=0)
        self._show_colour_bar(not self._line_mode)
        self._canvas.setMinimumHeight(LINE_PLOT_MIN_HEIGHT if self._line_mode else PLOT_MIN_HEIGHT)
        self.parameters.setVisible(self._line_mode)
        self._apply_show_test()
        side_by_side = session.image_shape is not None
        self._legend_columns = 2 if side_by_side else 3
        self._fit_legend()
        self._fit_least_width()
        # Only the heatmap and the contour (or the points' fill) change while training:
        # Qt keeps the rest as pixmaps and copies them back over the new heatmap.
        theme.cache_static(self._legend, self._selected.ring,
                           *(item for item, _ in self._train + self._test))
        theme.cache_plot_frame(self._plot)
        if side_by_side:
            self._weights.set_session(session)
        self._weights.setVisible(side_by_side)

    def _build_plane(self, session):
        self._kind = "plane"
        names = session.feature_names
        theme.style_plot(self._plot, "P(y = 1) over the input plane",
                         f"{names[0]} (standardised)", f"{names[1]} (standardised)")
        pale = probability_colormap(pale=True)
        self._bar.setColorMap(pale)
        self._image = pg.ImageItem(axisOrder="row-major")
        self._image.setColorMap(pale)
        self._image.setLevels((0.0, 1.0))
        self._image.setZValue(-10)
        # Grid values sit on pixel centres, so the image reaches half a step past the extent.
        x_min, x_max, y_min, y_max = session.extent
        r = session.grid_resolution
        dx, dy = (x_max - x_min) / (r - 1), (y_max - y_min) / (r - 1)
        self._image_rect = (x_min - dx / 2, y_min - dy / 2, x_max - x_min + dx, y_max - y_min + dy)
        self._plot.addItem(self._image)
        self._contour = pg.PlotCurveItem(pen=pg.mkPen("k", width=3), connect="pairs")
        self._contour.setZValue(5)
        self._plot.addItem(self._contour)
        self._train = self._label_scatters(session.points_train, session.Y_train, filled=True,
                                           names=("train y = 0", "train y = 1"))
        self._test = self._label_scatters(session.points_test, session.Y_test, filled=False,
                                          names=("test y = 0", "test y = 1"))
        # After the points, so that in two columns each row pairs y = 0 with y = 1.
        self._legend.addItem(self._contour, "decision boundary P = 0.5")
        self._show_focus()

    def _show_focus(self):
        """Title, colour key and caption of the picture shown: P(y = 1) or a unit's a."""
        session, focus = self._session, self._focus
        names = session.feature_names
        axes = (f"{names[0]} (standardised)", f"{names[1]} (standardised)")
        pale = probability_colormap(pale=True)
        if focus.unit is None:
            theme.style_plot(self._plot, "P(y = 1) over the input plane", *axes)
            self._bar.setColorMap(pale)
            self._image.setColorMap(pale)
            self._bar.setLevels((0.0, 1.0))
            self._bar.getAxis("left").setLabel("P(y = 1)")
            self._show_contour(True)
            self._back.hide()
            self._set_caption("Heatmap: the model's P(y = 1) at every point of the plane. "
                              "Training points filled, test points hollow. Click a training "
                              "point to follow it.")
            return
        theme.style_plot(self._plot, focus.title(session), *axes)
        colours = focus.colormap(session, pale)
        self._bar.setColorMap(colours)
        self._image.setColorMap(colours)
        self._bar.getAxis("left").setLabel("a")
        self._show_contour(False)
        self._back.show()
        self._set_caption(focus.caption(session))

    def _show_contour(self, shown):
        """The P = 0.5 line and its legend row, which a unit's picture has neither of."""
        self._contour.setVisible(shown)
        listed = any(sample.item is self._contour for sample, _ in self._legend.items)
        if shown == listed:
            return
        if shown:   # back in its place, before the selected example's row
            self._legend.removeItem(self._selected.ring)
            self._legend.addItem(self._contour, "decision boundary P = 0.5")
            self._legend.addItem(self._selected.ring, "selected example")
        else:
            self._legend.removeItem(self._contour)
        self._fit_legend()

    def show_unit(self, layer, unit=0):
        """Show hidden unit `unit` (0-based) of `layer` large instead of P(y = 1); None,
        the output layer, or a unit without a picture: the decision boundary again.
        Only for data drawn as a plane."""
        if self._image is None:
            return
        if not self._focus.choose(self._session, -1 if layer is None else layer, unit):
            return
        self._show_focus()
        self._last_key = None
        self._painted_boundary = None
        if self._snapshot is not None:
            self.show_snapshot(self._snapshot, None)

    @property
    def shown_unit(self):
        """(layer, unit) of the hidden unit shown large, or None for P(y = 1)."""
        return self._focus.unit

    def _build_line(self, session):
        self._kind = "line"
        self._line_mode = True
        name = session.feature_names[0]
        logistic = session.layer_sizes == (1, 1)
        model = "σ(β0 + β1 x)" if logistic else "the net's output"
        theme.style_plot(self._plot, f"P(y = 1 | {name}) = {model}",
                         f"{name} (standardised)", "label y  /  P(y = 1 | x)")
        self._one_feature.add_to(self._plot, session)
        self._train = self._label_scatters(session.points_train, session.Y_train, filled=True,
                                           names=("train y = 0", "train y = 1"))
        self._test = self._label_scatters(session.points_test, session.Y_test, filled=False,
                                          names=("test y = 0", "test y = 1"))
        self._legend.addItem(self._one_feature.curve, "P(y = 1 | x)")
        self._legend.addItem(self._one_feature.line_sample, "threshold x*, P = 0.5")
        if logistic:
            about = "Logistic regression: β0 is the bias b[1], β1 the weight W[1]."
        else:
            about = "The curve is the deeper net's own P(y = 1 | x), not one σ(β0 + β1 x)."
        self._set_caption(f"{about} Points sit at their label's height, 0 or 1 (jittered); "
                          "click one to follow it.")

    def _show_colour_bar(self, shown):
        """The colour bar means nothing for the one-feature curve: it leaves the canvas."""
        if shown == (self._bar.scene() is not None and self._bar.isVisible()):
            return
        if shown:
            self._canvas.addItem(self._bar, row=0, col=1)
        else:
            self._canvas.ci.removeItem(self._bar)
        self._bar.setVisible(shown)

    def _label_scatters(self, points, Y, filled, names):
        items = []
        for label in (0, 1):
            in_class = Y[0] == label
            mask = drawn_examples(in_class)
            color = theme.CLASS_COLORS[label]
            if filled:
                pen, brush = pg.mkPen(OUTLINE, width=1), pg.mkBrush(color)
            else:
                pen, brush = pg.mkPen(color, width=2.5), pg.mkBrush(None)
            item = pg.ScatterPlotItem(points[0, mask], points[1, mask], size=POINT_SIZE,
                                      symbol=LABEL_SYMBOLS[label], pen=pen, brush=brush)
            item.setZValue(10 if filled else 11)
            self._plot.addItem(item)
            self._legend.addItem(item, legend_name(names[label], mask, in_class))
            items.append((item, mask))
        return tuple(items)

    def _build_projection(self, session):
        self._kind = "projection"
        theme.style_plot(self._plot, "Predictions, PCA view",
                         "principal component 1", "principal component 2")
        cmap = probability_colormap()
        self._bar.setColorMap(cmap)
        self._shades = shade_brushes(cmap)
        self._train = self._shape_scatters(session.points_train, session.Y_train,
                                           pg.mkPen(OUTLINE, width=1), "train")
        self._test = self._shape_scatters(session.points_test, session.Y_test,
                                          pg.mkPen(theme.TEST_COLOR, width=2), "test")
        n = session.X_train.shape[0]
        self._set_caption(
            f"The {n} features projected onto their first two principal components "
            "(fixed for this data). Fill: the model's P(y = 1); shape: the true label. "
            "Click a training point to follow it.")

    def _shape_scatters(self, points, Y, pen, which):
        items = []
        for label in (0, 1):
            in_class = Y[0] == label
            mask = drawn_examples(in_class)
            item = pg.ScatterPlotItem(points[0, mask], points[1, mask], size=POINT_SIZE,
                                      symbol=LABEL_SYMBOLS[label], pen=pen,
                                      brush=pg.mkBrush("w"))
            # Test points go under the training points here: they are filled, and there
            # can be hundreds of them (the digits), so on top they would hide the rest.
            item.setZValue(10 if which == "train" else 9)
            self._plot.addItem(item)
            shape = "circle" if label == 0 else "square"
            self._legend.addItem(item, legend_name(f"{which} y = {label} ({shape})", mask,
                                                   in_class))
            items.append((item, mask))
        return tuple(items)

    def eventFilter(self, watched, event):
        if watched is self._canvas and event.type() == QEvent.Type.Resize:
            self._fit_legend(event.size().width(), event.size().height())
            self._fit_least_width()
        return False

    def _fit_least_width(self):
        """The canvas never narrower than its title beside the left axis and the colour
        bar: below that pyqtgraph cuts the title off at the right (on resize only)."""
        minimum = Qt.SizeHint.MinimumSize
        layout = self._canvas.ci.layout
        left, _, right, _ = layout.getContentsMargins()
        bar = self._bar.effectiveSizeHint(minimum).width() if self._bar.isVisible() else 0
        needed = math.ceil(self._plot.effectiveSizeHint(minimum).width() + bar +
                           layout.horizontalSpacing() + left + right + 4)
        if needed != self._canvas.minimumWidth():
            self._canvas.setMinimumWidth(needed)

    def _fit_legend(self, width=None, height=None):
        """As many legend columns as fit the canvas (on resize, never per frame). A legend
        wider than the canvas would push the colour bar out of a narrow dock; one taller
        than LEGEND_SHARE of it would squeeze the plot to a strip, so it is left out
        (the caption says what it would have)."""
        if not self._legend.items:
            return
        left, _, right, _ = self._canvas.ci.layout.getContentsMargins()
        width = (self._canvas.width() if width is None else width) - left - right
        height = self._canvas.height() if height is None else height
        for columns in range(min(self._legend_columns, len(self._legend.items)), 0, -1):
            if columns != self._legend.columnCount:
                self._legend.setColumnCount(columns)
            needed = self._legend.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize)
            if needed.width() <= width:
                break
        self._show_legend(needed.height() <= LEGEND_SHARE * height)

    def legend_shown(self):
        """Whether the legend is in the canvas (it is left out where it does not fit)."""
        return self._legend.isVisible()

    def _show_legend(self, shown):
        if shown == self.legend_shown():
            return
        if shown:
            self._canvas.addItem(self._legend, row=1, col=0, colspan=2)
        else:
            self._canvas.ci.removeItem(self._legend)
        self._legend.setVisible(shown)
        self._set_caption(self._caption_text)

    def _set_caption(self, text):
        self._caption_text = text
        words = "" if self.legend_shown() else LEGEND_IN_WORDS[self._kind]
        self._caption.setText(text + words)

    # --- painting, every frame ----------------------------------------------------

    def show_snapshot(self, snapshot, history):
        """Paint the model of snapshot. Returns False when nothing it shows changed: the
        same update, or (two features) the same boundary grid and selected example.
        The worker predicts the grid only a few times a second and hands the same
        array on in between."""
        if self._session is None:
            return False
        self._snapshot = snapshot
        key = (snapshot.update, snapshot.example_index)
        if key == self._last_key:
            return False
        self._last_key = key
        changed = self._paint_selected(snapshot.example_index)
        if self._line_mode:
            self.parameters.setText(self._one_feature.paint(snapshot.W, snapshot.b))
            return True
        if self._image is not None and self._focus.unit is not None:
            return self._paint_unit(snapshot) or changed
        if self._image is not None:
            return self._paint_plane(snapshot.boundary) or changed
        self._paint_shades(self._train, snapshot.metrics.A_L)
        self._paint_shades(self._test, snapshot.test_A)
        if self._session.image_shape is not None:
            self._weights.show_weights(snapshot.W[0])
        return True

    def _paint_plane(self, boundary):
        """Heatmap and contour of a new grid; False for the grid already shown."""
        if boundary is None or boundary is self._painted_boundary:
            return False
        self._painted_boundary = boundary
        # A grid with a non-finite value is not drawn: the last good picture stays.
        if not np.all(np.isfinite(boundary)):
            return False
        self._image.setImage(boundary, autoLevels=False, levels=(0.0, 1.0))
        self._image.setRect(*self._image_rect)
        x, y = contour_segments(boundary, DECISION_LEVEL, self._session.extent)
        self._contour.setData(x, y, connect="pairs")
        return True

    def _paint_unit(self, snapshot):
        """A hidden unit's picture in place of P(y = 1); False for the one shown."""
        pictures = snapshot.unit_pictures
        if pictures is self._painted_boundary:
            return False
        self._painted_boundary = pictures
        shown = self._focus.picture(snapshot, self._session)
        if shown is None or not np.all(np.isfinite(shown[0])):
            return False
        image, levels = shown
        self._image.setImage(image, autoLevels=False, levels=levels)
        self._image.setRect(*self._image_rect)
        self._bar.setLevels(levels)
        return True

    def _paint_shades(self, items, A):
        idx = shade_index(A)
        for item, mask in items:
            shades = idx[mask]
            old = self._painted_shades.get(item)
            # Index -1 (a non-finite prediction) is the grey brush, never a probability.
            if old is None:
                item.setBrush(self._shades[shades])
            else:
                changed = np.flatnonzero(shades != old)
                if changed.size:
                    restyle_spots(item, changed, self._shades[shades[changed]])
            self._painted_shades[item] = shades

    def _paint_selected(self, i):
        """Ring the selected training example; False if it is the one already ringed."""
        points = self._session.points_train
        if i == self._selected_index or not 0 <= i < points.shape[1]:
            return False
        self._selected_index = i
        self._selected.show(i, points[0, i], points[1, i])
        return True

    @property
    def selected_mark(self):
        """The ring and number of the followed example (gui/plots/point_picking.py)."""
        return self._selected

    # --- picking --------------------------------------------------------------------

    def example_at(self, scene_pos):
        """The drawn training example nearest to a scene position, within a few pixels;
        None for empty space (and for test points: only training examples are followed)."""
        if self._session is None or not self._train:
            return None
        drawn = np.concatenate([mask for item, mask in self._train if item.isVisible()])
        points = self._session.points_train
        return nearest_within(self._plot.getViewBox(), scene_pos, points[0, drawn],
                              points[1, drawn], drawn)

    def _on_clicked(self, event):
        pick_on_click(event, self.example_at, self.example_picked)

    # --- options ------------------------------------------------------------------

    def set_show_test(self, show):
        """Show or hide the test points."""
        self._show_test = bool(show)
        self._apply_show_test()

    def _apply_show_test(self):
        for item, _ in self._test:
            item.setVisible(self._show_test)
