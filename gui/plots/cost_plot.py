"""The cost J of every update as it trains, the sampled test cost, and where epochs ended.

It draws straight from the TrainingHistory (gui/training_history.py) and keeps no copy:
the newest costs exactly, older stretches of the run as min/max bands."""
import math
import time

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from gui import theme
from gui.plots.cost_mark_lines import CostMarkLines
from gui.plots.envelope import curve_points
from gui.plots.fork_overlay import ForkCostCurves, fork_cost_range
from gui.view import View

LOG_FLOOR = 1e-12        # costs at or below this are drawn at it on the log axis
MAX_EPOCH_MARKS = 40     # more ticks than this along the curve become a comb, so thin them
MAX_TEST_SYMBOLS = 300   # above this many test points, a plain line reads better
SHRINK_AFTER_S = 0.5     # the view grows at once but shrinks at most this often
UNLAID_COLUMNS = 2000    # pixel columns assumed before the plot has a width
GROW_X = 1.5             # the x axis grows to this times the updates, so it seldom re-ticks


def nice_stride(count, limit):
    """The smallest of 1, 2, 5, 10, 20, 50, ... that leaves at most `limit` of `count`."""
    stride = 1
    while count / stride > limit:
        for step in (2, 2.5, 2):
            stride = int(stride * step)
            if count / stride <= limit:
                break
    return stride


class LineAndDotsSample(pg.ItemSample):
    """The legend's sample of a line whose points a separate ScatterPlotItem marks: the
    line, with a dot while there are dots. A click shows or hides both."""

    def __init__(self, curve, dots):
        super().__init__(curve)
        self.dots = dots

    def paint(self, painter, *args):
        if not self.item.isVisible():
            super().paint(painter, *args)   # pyqtgraph's "hidden" eye
            return
        painter.setPen(self.item.opts["pen"])
        painter.drawLine(0, 11, 20, 11)
        if len(self.dots.data):
            opts = self.dots.opts
            painter.translate(10, 11)
            drawSymbol(painter, opts["symbol"], opts["size"], pg.mkPen(opts["pen"]),
                       pg.mkBrush(opts["brush"]))

    def mouseClickEvent(self, event):
        super().mouseClickEvent(event)
        self.dots.setVisible(self.item.isVisible())


class CostPlot(QWidget, View):
    """Training cost per update (every one), test cost per snapshot, epoch ticks, log-y."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._log = False
        self._plot_widget = pg.PlotWidget()
        self.plot = self._plot_widget.getPlotItem()
        theme.style_plot(self.plot, "Cost J while training", "update", "cost J")
        for side in ("left", "bottom"):
            self.plot.getAxis(side).enableAutoSIPrefix(False)  # no "(x0.001)" on a cost
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        for side in ("left", "bottom"):
            self.plot.getAxis(side).setStyle(maxTickLevel=1)
        # Log scaling is done here on our own arrays; the built-in one would recompute
        # log10 of the whole curve on every frame, so its menu entry is hidden.
        self.plot.setMenuEnabled(False, enableViewBoxMenu=True)
        self.plot.hideButtons()
        self.view_box = self.plot.getViewBox()
        self.view_box.disableAutoRange()
        self.view_box.sigRangeChangedManually.connect(self._stop_following)
        self.legend = self.plot.addLegend(
            offset=(-10, 10), labelTextSize=f"{theme.BASE_POINT_SIZE}pt")
        self._legend_text = {}

        # Neither curve is antialiased: for a thick, noisy mini-batch curve that costs Qt
        # hundreds of ms per frame, and even a smooth line three times what plain 2 px
        # segments cost. Both are handed only what is in view, at most two points per
        # pixel column (gui/plots/envelope.py), so a million updates draw as fast as a
        # thousand; the values are finite, so pyqtgraph need not check them.
        self.train_curve = pg.PlotCurveItem(pen=pg.mkPen(theme.TRAIN_COLOR, width=2),
                                            antialias=False, skipFiniteCheck=True)
        self.plot.addItem(self.train_curve)
        self.legend.addItem(self.train_curve, "train cost (every update)")
        self.test_curve = pg.PlotCurveItem(pen=pg.mkPen(theme.TEST_COLOR, width=2.5),
                                           antialias=False, skipFiniteCheck=True)
        self.plot.addItem(self.test_curve)
        # One dot per test cost while there are few; new ones are added to the item
        # rather than all of them set again on every frame.
        self.test_dots = pg.ScatterPlotItem(symbol="o", size=7, pen=None,
                                            brush=pg.mkBrush(theme.TEST_COLOR))
        self.plot.addItem(self.test_dots)
        self._test_sample = LineAndDotsSample(self.test_curve, self.test_dots)
        self.epoch_marks = pg.ScatterPlotItem(symbol="|", size=20, pen=None,
                                              brush=pg.mkBrush(30, 30, 30, 200))
        self.plot.addItem(self.epoch_marks)
        self.epoch_marks.setZValue(10)
        self.setting_marks = CostMarkLines(self.plot)   # settings changed, divergences
        self.fork_curves = ForkCostCurves(self.plot, self.legend)   # same-start runs

        self.log_check = QCheckBox("log scale")
        self.log_check.setToolTip(
            "Show the cost on a logarithmic y axis: late, small improvements become visible")
        self.log_check.toggled.connect(self.set_log_y)
        self.follow_button = QPushButton("Show all")
        self.follow_button.setToolTip(
            "Zoom out to the whole curve and keep following new updates.\n"
            "Dragging or scrolling the plot stops following.")
        self.follow_button.clicked.connect(self.follow)
        for control in (self.log_check, self.follow_button):
            control.setFont(theme.axis_font())
        controls = QHBoxLayout()
        controls.addWidget(self.log_check)
        controls.addWidget(self.follow_button)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self._plot_widget, 1)
        # Axes (with their grid lines), title and legend change far less often than the
        # curves drawn over them: Qt keeps them as pixmaps in between.
        theme.cache_plot_frame(self.plot)
        theme.unindexed(self._plot_widget)
        self._clear()
        self.view_box.sigXRangeChanged.connect(self._draw_lines)
        self.view_box.sigResized.connect(self._draw_lines)

    # --- the contract -------------------------------------------------------------

    def set_session(self, session):
        """A new model or data set: forget every point."""
        self._clear()
        has_test = session.X_test.shape[1] > 0
        self._set_legend_entry(self.test_curve, "test cost" if has_test else None,
                               sample=self._test_sample)

    def show_snapshot(self, snapshot, history):
        """Draw what `history` holds; cheap when little is new. False when nothing is:
        the same history, update and number of costs as last time."""
        if (history is self._history and snapshot.update == self._shown_update
                and len(history.costs) == self._costs_seen
                and self.setting_marks.is_current(history.marks)
                and history.forks.changes == self._fork_changes):
            return False
        if history is not self._history or len(history.costs) < self._costs_seen:
            self._clear()
            self._history = history
        self._shown_update = snapshot.update
        self._fork_changes = history.forks.changes
        self._take_new(history)
        self._redraw()
        return True

    def set_log_y(self, on):
        """Switch the y axis between linear and log10 scale."""
        on = bool(on)
        if self.log_check.isChecked() != on:
            self.log_check.setChecked(on)  # comes back here through toggled
            return
        if on == self._log:
            return
        self._log = on
        self.plot.getAxis("left").setLogMode(on)
        self._y_shown = None
        self._draw_test_dots(again=True)
        self._redraw()

    def is_log_y(self):
        return self._log

    def follow(self):
        """Show the whole curve again and keep the view on it as it grows."""
        self._following = True
        self._x_shown = self._y_shown = None
        self._fit_view()

    # --- keeping up with the history ----------------------------------------------

    def _clear(self):
        self._history = None
        self._shown_update = None
        self._costs_seen = 0
        self._marks_drawn = None
        self._dots_drawn = 0
        self._following = True
        self._x_shown = self._y_shown = None
        self._shrunk_at = 0.0
        self._fork_changes = 0
        self.fork_curves.clear()
        for item in (self.train_curve, self.test_curve, self.epoch_marks, self.test_dots):
            item.setData([], [])
        self._set_legend_entry(self.epoch_marks, None)
        self.setting_marks.clear()

    def _take_new(self, history):
        self._costs_seen = len(history.costs)

    def _redraw(self):
        if self._following:
            self._fit_view()
        self._draw_lines()
        self._draw_test_dots()
        self._draw_epoch_marks()
        if self._history is not None:
            self.setting_marks.show(self._history.marks)

    def _draw_lines(self, *args):
        """Hand the curves what is in view now (also on every pan, zoom and resize)."""
        if self._history is None:
            return
        x_low, x_high = self.view_box.viewRange()[0]
        columns = self.view_box.width() or UNLAID_COLUMNS
        for curve, series in ((self.train_curve, self._history.costs),
                              (self.test_curve, self._history.test_costs)):
            curve.setData(*self._in_scale(curve_points(series, x_low, x_high, columns)))
        self.fork_curves.draw(self._history.forks, x_low, x_high, columns, self._in_scale)

    def _draw_test_dots(self, again=False):
        """Dots on the test costs while there are at most MAX_TEST_SYMBOLS; again: all
        of them anew (the scale changed), else only the ones added since last time."""
        tests = self._history.test_costs if self._history is not None else None
        n = len(tests) if tests is not None else 0
        if n > MAX_TEST_SYMBOLS:
            if self._dots_drawn:
                self._dots_drawn = 0
                self.test_dots.setData([], [])
                self._test_sample.update()   # the legend's dot goes too
            return
        if again:
            self._dots_drawn = 0
            self.test_dots.setData([], [])
        if n > self._dots_drawn:
            # Far fewer than the history keeps exactly: every one is there.
            x, y = tests.exact_x()[self._dots_drawn:], tests.exact_values()[self._dots_drawn:]
            finite = np.isfinite(y)
            x, y = self._in_scale((x[finite], y[finite]))
            if len(x):
                first_dots = len(self.test_dots.data) == 0
                self.test_dots.addPoints(x=x, y=y)
                if first_dots:
                    self._test_sample.update()   # the legend's sample gets its dot
            self._dots_drawn = n

    def _in_scale(self, points):
        x, y = points
        return x, (np.log10(np.maximum(y, LOG_FLOOR)) if self._log else y)

    def _draw_epoch_marks(self):
        history = self._history
        if history is None:
            return
        # With full batch every update ends an epoch; a tick on each says nothing.
        count = history.epoch_ends.count(longer_than=1)
        stride = nice_stride(count, MAX_EPOCH_MARKS)
        label = None if count == 0 else (
            "epoch end" if stride == 1 else f"epoch end (1 in {stride} shown)")
        self._set_legend_entry(self.epoch_marks, label)
        ends = history.epoch_ends.at(np.arange(stride - 1, count, stride), longer_than=1)
        ends = ends[ends <= len(history.costs)]
        # New marks are added to those drawn, and all are drawn anew only when the
        # thinning changes or the axis switches scale. A mark keeps the cost it was
        # drawn at: once its update is folded into a block, that cost lies in the band.
        log, drawn = self._marks_drawn or (None, ends[:0])
        if log == self._log and np.array_equal(ends[:len(drawn)], drawn):
            if len(ends) == len(drawn):
                return
            new = ends[len(drawn):]
        else:
            self.epoch_marks.setData([], [])
            new = ends
        self._marks_drawn = (self._log, ends)
        y = history.costs.value_at(new - 1)
        keep = np.isfinite(y)
        new, y = new[keep], y[keep]
        if self._log:
            y = np.log10(np.maximum(y, LOG_FLOOR))
        self.epoch_marks.addPoints(x=new, y=y)

    def _set_legend_entry(self, item, text, sample=None):
        """Show `item` in the legend as `text` (drawn by `sample` if given), or leave it
        out when text is None."""
        if self._legend_text.get(id(item)) == text:
            return
        self._legend_text[id(item)] = text
        self.legend.removeItem(item)
        if text is not None:
            self.legend.addItem(sample or item, text)
            theme.cache_static(self.legend)

    # --- the visible range ----------------------------------------------------------

    def _stop_following(self, *args):
        self._following = False

    def _fit_view(self):
        """Grow the view at once to take in new data; shrink it at most every half second,
        so the axes do not twitch (and the curve is not re-reduced) on every frame."""
        history = self._history
        n = max(len(history.costs) if history is not None else 0, 1)
        right = max(n, history.test_costs.last_x() if history is not None else 0, 10)
        if self._x_shown is None or right > self._x_shown[1]:
            self._x_shown = (0, right * GROW_X)
            theme.set_view_range(self.view_box, x_range=self._x_shown)
        target = self._y_target()
        if target is None:
            return
        now = time.monotonic()
        shown = self._y_shown
        grow = shown is None or target[0] < shown[0] or target[1] > shown[1]
        too_loose = shown is not None and (shown[1] - shown[0]) > 1.5 * (target[1] - target[0])
        if grow or (too_loose and now - self._shrunk_at > SHRINK_AFTER_S):
            if grow and shown is not None:
                target = (min(target[0], shown[0]), max(target[1], shown[1]))
            self._y_shown = target
            self._shrunk_at = now
            theme.set_view_range(self.view_box, y_range=target)

    def _y_target(self):
        if self._history is None:
            return None
        costs, tests = self._history.costs, self._history.test_costs
        fork_low, fork_high = fork_cost_range(self._history.forks)
        low = min(costs.low, tests.low, fork_low)
        high = max(costs.high, tests.high, fork_high)
        if not math.isfinite(low):
            return None
        if self._log:
            low, high = math.log10(max(low, LOG_FLOOR)), math.log10(max(high, LOG_FLOOR))
            pad = max(0.05 * (high - low), 0.1)
            return low - pad, high + pad
        high = max(high, 1e-9)
        return min(0.0, low), high * 1.05
