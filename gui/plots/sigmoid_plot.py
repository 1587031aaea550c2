"""Where the training examples sit on the output sigmoid, how A[L] is spread per class,
and how many the 0.5 threshold gets right (accuracy and the confusion matrix)."""
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui import theme
from gui.plots.adaptive_row import AdaptiveRow
from gui.plots.live_text import LiveText
from gui.plots.point_picking import SelectedMark, nearest_within, pick_on_click
from gui.view import View

N_BINS = 20
CURVE_POINTS = 400
MIN_Z_HALF_WIDTH = 6.0   # sigma(6) = 0.998: the whole bend of the S is always in view
MAX_POINTS_DRAWN = 5000  # more scatter points only cost paint time; a fixed sample reads the same
RESIZE_AFTER_S = 0.5     # ranges grow at once but shrink at most this often
# Below this height the confusion matrix gives its rows to the plots: two lines instead.
COMPACT_BELOW = 460
SUMMARY_LINES = {False: 6, True: 2}   # the summary's height, full and compact
GROW_ROOM = 0.15         # a range that grows takes this share more, so it seldom changes
SHRINK_BELOW = 0.5       # ... and shrinks once what it shows fills less than this share


def sigmoid(z):
    """1 / (1 + e^-z) without overflow for large |z|."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def class_names(label_mapping):
    """('y = 0 (...)', 'y = 1 (...)'): the labels with the original names they stand for."""
    names = []
    for y in (0, 1):
        originals = [str(k) for k, v in (label_mapping or {}).items() if v == y]
        if len(originals) == 1:
            names.append(f"y = {y} ({originals[0]})")
        elif len(originals) > 1 and y == 0:
            names.append(f"y = {y} (the rest)")
        else:
            names.append(f"y = {y}")
    return tuple(names)


def confusion_counts(A_L, Y):
    """(TP, FP, FN, TN) of the prediction A > 0.5 against the labels Y (both (1, m))."""
    predicted = A_L[0] > 0.5
    actual = Y[0] > 0.5
    tp = int(np.count_nonzero(predicted & actual))
    fp = int(np.count_nonzero(predicted & ~actual))
    fn = int(np.count_nonzero(~predicted & actual))
    tn = int(np.count_nonzero(~predicted & ~actual))
    return tp, fp, fn, tn


def _percent(value):
    if value is None:
        return "\u2013"
    return "n/a (no test set)" if np.isnan(value) else f"{100 * value:.1f} %"


def compact_summary_html(train_accuracy, test_accuracy, counts):
    """summary_html in two lines, for a short view."""
    tp, fp, fn, tn = counts
    return (f"<b>accuracy</b> train {_percent(train_accuracy)} \u00b7 test "
            f"{_percent(test_accuracy)}<br><span style='font-size: small'>training set: "
            f"TP {tp} \u00b7 FN {fn} \u00b7 FP {fp} \u00b7 TN {tn}</span>")


def summary_html(train_accuracy, test_accuracy, counts):
    """The accuracies and a 2x2 confusion matrix of the training set (rows actual, columns
    predicted), narrow enough for a 300 px wide dock."""
    tp, fp, fn, tn = counts
    c0, c1 = theme.CLASS_COLORS
    cell = 'style="padding: 0px 10px" align="right"'
    nowrap = 'style="white-space: nowrap"'
    return (
        f"<b>accuracy</b> <span {nowrap}>train {_percent(train_accuracy)}</span> \u00b7 "
        f"<span {nowrap}>test {_percent(test_accuracy)}</span>"
        '<table cellspacing="0" style="margin-top: 2px">'
        '<tr><td rowspan="2" style="color:#666666; font-size: small">training<br>set</td>'
        '<td colspan="2" align="center"><b>predicted</b></td></tr>'
        f"<tr><td {cell}><b>1</b></td><td {cell}><b>0</b></td></tr>"
        f'<tr><td {nowrap}><b style="color:{c1}">actual 1</b></td>'
        f"<td {cell}>TP {tp}</td><td {cell}>FN {fn}</td></tr>"
        f'<tr><td {nowrap}><b style="color:{c0}">actual 0</b></td>'
        f"<td {cell}>FP {fp}</td><td {cell}>TN {tn}</td></tr>"
        "</table>")


class SigmoidPlot(QWidget, View):
    """sigma(z) with every training example at (Z[L], A[L]), and histograms of A[L] per
    true class: side by side when the widget is wide, stacked when it is tall. Below:
    accuracies and the training-set confusion matrix. The followed example is ringed and
    numbered; a click on a training point emits example_picked with its index."""

    example_picked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.curve_widget = pg.PlotWidget()
        self.curve_plot = self.curve_widget.getPlotItem()
        theme.style_plot(self.curve_plot, "\u03c3(z) for every example",
                         "Z[L] (logit)", "A[L] = P(y = 1)")
        self.curve_plot.setMouseEnabled(x=False, y=False)
        self.curve_plot.hideButtons()
        self.curve_plot.disableAutoRange()
        self.curve_plot.setYRange(-0.05, 1.05, padding=0)
        # 0, the threshold and 1 always; quarters only where they have room.
        self.curve_plot.getAxis("left").setTicks(
            [[(0.0, "0"), (0.5, "0.5"), (1.0, "1")], [(0.25, "0.25"), (0.75, "0.75")]])
        # Top left stays empty: left of z = 0 the curve and its examples are near A = 0.
        self.curve_legend = self.curve_plot.addLegend(
            offset=(6, 6), labelTextSize=f"{theme.BASE_POINT_SIZE}pt",
            brush=pg.mkBrush(255, 255, 255, 200))
        self.sigmoid_curve = self.curve_plot.plot(pen=pg.mkPen("#333333", width=2.5))
        self.points = [pg.ScatterPlotItem(size=9, pen=pg.mkPen("w", width=0.8),
                                          symbol=theme.CLASS_SYMBOLS[c],
                                          brush=theme.class_brush(c, 170)) for c in (0, 1)]
        for item in self.points:
            self.curve_plot.addItem(item)
        self.selected_mark = SelectedMark(self.curve_plot, 9 + 10)
        self.curve_widget.scene().sigMouseClicked.connect(self._on_clicked)
        self.curve_widget.setToolTip("Click a point to follow that training example.")
        threshold_pen = pg.mkPen("#555555", width=1.5, style=Qt.PenStyle.DashLine)
        thresholds = [pg.InfiniteLine(0.5, angle=0, pen=threshold_pen),
                      pg.InfiniteLine(0.0, angle=90, pen=threshold_pen)]
        for line in thresholds:
            self.curve_plot.addItem(line)

        self.hist_widget = pg.PlotWidget()
        self.hist_plot = self.hist_widget.getPlotItem()
        theme.style_plot(self.hist_plot, "A[L] per class", "A[L]", "examples")
        self.hist_plot.setMouseEnabled(x=False, y=False)
        self.hist_plot.hideButtons()
        self.hist_plot.disableAutoRange()
        self.hist_plot.setXRange(-0.05, 1.05, padding=0)   # room for the labels 0 and 1
        # As on the sigmoid's A axis: 0, 0.5 and 1 always, quarters where they have room.
        self.hist_plot.getAxis("bottom").setTicks(
            [[(0.0, "0"), (0.5, "0.5"), (1.0, "1")], [(0.25, "0.25"), (0.75, "0.75")]])
        self.edges = np.linspace(0.0, 1.0, N_BINS + 1)
        # Bars have only horizontal and vertical edges: antialiasing them would cost
        # paint time and only blur them.
        self.histograms = [
            pg.PlotCurveItem(self.edges, np.zeros(N_BINS), stepMode="center", fillLevel=0,
                             antialias=False, pen=pg.mkPen(theme.CLASS_COLORS[c], width=2),
                             brush=theme.class_brush(c, 70)) for c in (0, 1)]
        for item in self.histograms:
            self.hist_plot.addItem(item)
        thresholds.append(pg.InfiniteLine(0.5, angle=90, pen=threshold_pen))
        self.hist_plot.addItem(thresholds[-1])
        # The classes' colours are named once, in the sigmoid's legend: a second legend
        # here would sit on the bars piled at A = 0 or A = 1.
        self.hist_widget.setToolTip("Histogram of A[L] for the training examples of each "
                                    "class,\nin the colours of the sigmoid plot's legend.")

        self.summary = LiveText(lines=SUMMARY_LINES[False])
        font = theme.axis_font()
        font.setPointSize(theme.BASE_POINT_SIZE + 2)
        self.summary.setFont(font)
        self.summary.setToolTip(
            "Each example is predicted 1 when A[L] > 0.5.\n"
            "TP: actual 1, predicted 1.  FN: actual 1, predicted 0.\n"
            "FP: actual 0, predicted 1.  TN: actual 0, predicted 0.")

        # Stacked in a small dock, both plots keep room for their ticks.
        self.curve_widget.setMinimumHeight(140)
        self.hist_widget.setMinimumHeight(100)
        self.plots = AdaptiveRow(self.curve_widget, self.hist_widget,
                                 stretch=(3, 2), stacked_stretch=(3, 2))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plots, 1)
        layout.addWidget(self.summary)
        # The points move every frame; the curve, the lines and the frames of the plots
        # change only with the ranges, so Qt keeps them as pixmaps in between.
        theme.cache_static(self.sigmoid_curve, *thresholds)
        theme.cache_plot_frame(self.curve_plot)
        theme.cache_plot_frame(self.hist_plot)
        theme.unindexed(self.curve_widget, self.hist_widget)
        self._session = None
        self._summary = None   # (train accuracy, test accuracy, confusion counts) shown
        self._clear()

    # --- the contract -------------------------------------------------------------

    def set_session(self, session):
        """New data or model: new labels, new names, nothing drawn yet."""
        self._session = session
        self._clear()
        Y = session.Y_train[0] > 0.5
        m = len(Y)
        shown = np.arange(m)
        if m > MAX_POINTS_DRAWN:
            shown = np.sort(np.random.default_rng(0).choice(m, MAX_POINTS_DRAWN, replace=False))
        self._shown_by_class = [shown[~Y[shown]], shown[Y[shown]]]
        self._class_index = [np.flatnonzero(~Y), np.flatnonzero(Y)]
        names = class_names(session.label_mapping)
        self.curve_legend.clear()
        for c in (0, 1):
            suffix = "" if m <= MAX_POINTS_DRAWN else f" ({len(self._shown_by_class[c])} shown)"
            self.curve_legend.addItem(self.points[c], names[c] + suffix)
        theme.cache_static(self.curve_legend)

    def show_snapshot(self, snapshot, history):
        """Place the examples, fill the histograms, write the counts. False before a
        session and for the update shown already (its outputs are the same)."""
        if self._session is None:
            return False
        if snapshot.update == self._shown_update:
            return self._show_selected(snapshot.example_index)
        self._shown_update = snapshot.update
        metrics = snapshot.metrics
        Z, A = metrics.Z_L[0], metrics.A_L[0]
        self._Z, self._A = Z, A
        self._selected = None
        self._show_selected(snapshot.example_index)
        finite = np.isfinite(Z) & np.isfinite(A)
        for c in (0, 1):
            i = self._shown_by_class[c]
            i = i[finite[i]]
            self.points[c].setData(Z[i], A[i])
        self._fit_z(Z[finite])
        self._draw_histograms(A)
        self._summary = (metrics.train_accuracy, metrics.test_accuracy,
                         confusion_counts(metrics.A_L, self._session.Y_train))
        self._show_summary()
        return True

    def _show_summary(self):
        """The table, or two lines where the view is too short for the plots and it."""
        if self._summary is None:
            return
        compact = self.height() < COMPACT_BELOW
        self.summary.set_lines(SUMMARY_LINES[compact])
        text = (compact_summary_html if compact else summary_html)(*self._summary)
        if text != self.summary.text():
            self.summary.setText(text)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._show_summary()

    # --- the followed example, and picking one ----------------------------------------

    def _show_selected(self, index):
        """Ring example `index` where it sits now; False if it is ringed there already."""
        if index == self._selected or self._Z is None or not 0 <= index < len(self._Z):
            return False
        self._selected = index
        self.selected_mark.show(index, self._Z[index], self._A[index])
        return True

    def example_at(self, scene_pos):
        """The drawn training example nearest to a scene position (of the sigmoid plot),
        within a few pixels; None for empty space."""
        if self._session is None or self._Z is None:
            return None
        drawn = np.concatenate(self._shown_by_class)
        return nearest_within(self.curve_plot.getViewBox(), scene_pos, self._Z[drawn],
                              self._A[drawn], drawn)

    def _on_clicked(self, event):
        pick_on_click(event, self.example_at, self.example_picked)

    # --- details -------------------------------------------------------------------

    def _clear(self):
        self._Z = self._A = None
        self._selected = None
        self.selected_mark.hide()
        self._shown_update = None
        self._z_range = None
        self._z_changed_at = 0.0
        self._count_top = None
        self._count_changed_at = 0.0
        self._counts = [np.zeros(N_BINS), np.zeros(N_BINS)]
        for item in self.points:
            item.setData([], [])
        for item, counts in zip(self.histograms, self._counts):
            item.setData(self.edges, counts)
        self.summary.setText(summary_html(None, None, (0, 0, 0, 0)))
        self._set_z_range((-MIN_Z_HALF_WIDTH, MIN_Z_HALF_WIDTH))
        self._set_count_top(1.0)

    def _draw_histograms(self, A):
        top = 1.0
        for c in (0, 1):
            values = A[self._class_index[c]]
            values = values[np.isfinite(values)]
            # One bin per 1/N_BINS; A = 1.0 exactly belongs in the last bin.
            bins = np.minimum((np.clip(values, 0.0, 1.0) * N_BINS).astype(np.intp), N_BINS - 1)
            counts = np.bincount(bins, minlength=N_BINS).astype(np.float64)
            if not np.array_equal(counts, self._counts[c]):
                self._counts[c] = counts
                self.histograms[c].setData(self.edges, counts)
            top = max(top, counts.max())
        now = time.monotonic()
        if (top > self._count_top or (top < SHRINK_BELOW * self._count_top
                                      and now - self._count_changed_at > RESIZE_AFTER_S)):
            self._set_count_top(top * (1.0 + GROW_ROOM))

    def _set_count_top(self, top):
        self._count_top = top
        self._count_changed_at = time.monotonic()
        theme.set_view_range(self.hist_plot.getViewBox(), y_range=(0.0, top))

    def _fit_z(self, Z):
        """Cover every example's z, and at least -6..6. Grow at once, with room to spare
        (|z| creeps up all through training, and every new range re-ticks the axis and
        repaints the plot twice); shrink rarely."""
        low = min(float(Z.min()) if len(Z) else 0.0, -MIN_Z_HALF_WIDTH)
        high = max(float(Z.max()) if len(Z) else 0.0, MIN_Z_HALF_WIDTH)
        pad = 0.05 * (high - low)
        low, high = low - pad, high + pad
        current_low, current_high = self._z_range
        if low < current_low or high > current_high:
            room = GROW_ROOM * (high - low)
            self._set_z_range((min(current_low, low - room) if low < current_low else current_low,
                               max(current_high, high + room) if high > current_high
                               else current_high))
        elif (high - low < SHRINK_BELOW * (current_high - current_low)
              and time.monotonic() - self._z_changed_at > RESIZE_AFTER_S):
            self._set_z_range((low, high))

    def _set_z_range(self, z_range):
        self._z_range = z_range
        self._z_changed_at = time.monotonic()
        z = np.linspace(z_range[0], z_range[1], CURVE_POINTS)
        self.sigmoid_curve.setData(z, sigmoid(z))
        theme.set_view_range(self.curve_plot.getViewBox(), x_range=z_range)
