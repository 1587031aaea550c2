"""The cost J of every update as it trains, the sampled test cost, and where epochs ended."""
import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from engine.history import GrowingArray
from gui import theme

LOG_FLOOR = 1e-12        # costs at or below this are drawn at it on the log axis
MAX_EPOCH_MARKS = 40     # more ticks than this along the curve become a comb, so thin them
MAX_TEST_SYMBOLS = 300   # above this many test points, a plain line reads better
SHRINK_AFTER_S = 0.5     # the view grows at once but shrinks at most this often


class FiniteSeries:
    """Points (x, y) kept in buffers that grow by doubling, dropping every non-finite y.

    x is stored as int32 (update numbers) so pyqtgraph knows it is finite without
    scanning it on every frame; y in float32, plenty for a picture and half the memory
    over a million updates. log_y = log10(max(y, LOG_FLOOR)) is kept too, so the
    log axis costs nothing per frame. data() hands out read-only windows; a window's
    memory is never written again (growing moves to a new buffer), so pyqtgraph may keep it.
    """

    def __init__(self, capacity=1024):
        self._x = np.empty(capacity, dtype=np.int32)
        self._y = np.empty(capacity, dtype=np.float32)
        self._log_y = np.empty(capacity, dtype=np.float32)
        self._size = 0
        self.low = math.inf
        self.high = -math.inf

    def __len__(self):
        return self._size

    def extend(self, x, y):
        """Append the points whose y is finite; x, y: 1-D arrays of equal length."""
        keep = np.isfinite(y)
        if not keep.all():
            x, y = x[keep], y[keep]
        k = len(y)
        if k == 0:
            return
        end = self._size + k
        if end > len(self._x):
            self._grow(end)
        self._x[self._size:end] = x
        self._y[self._size:end] = y
        self._log_y[self._size:end] = np.log10(np.maximum(y, LOG_FLOOR))
        self._size = end
        self.low = min(self.low, float(y.min()))
        self.high = max(self.high, float(y.max()))

    def data(self, log):
        """(x, y) read-only views, y in log10 when log is true."""
        x = self._x[:self._size]
        y = (self._log_y if log else self._y)[:self._size]
        x.flags.writeable = y.flags.writeable = False
        return x, y

    def last_x(self):
        return int(self._x[self._size - 1]) if self._size else 0

    def _grow(self, needed):
        capacity = len(self._x)
        while capacity < needed:
            capacity *= 2
        for name in ("_x", "_y", "_log_y"):
            old = getattr(self, name)
            bigger = np.empty(capacity, dtype=old.dtype)
            bigger[:self._size] = old[:self._size]
            setattr(self, name, bigger)


def nice_stride(count, limit):
    """The smallest of 1, 2, 5, 10, 20, 50, ... that leaves at most `limit` of `count`."""
    stride = 1
    while count / stride > limit:
        for step in (2, 2.5, 2):
            stride = int(stride * step)
            if count / stride <= limit:
                break
    return stride


class CostPlot(QWidget):
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

        # Antialiasing a thick, noisy mini-batch curve costs Qt hundreds of ms per frame.
        self.train_curve = self.plot.plot(
            name="train cost (every update)", antialias=False, autoDownsampleFactor=1.0,
            pen=pg.mkPen(theme.TRAIN_COLOR, width=2))
        self.train_curve.setDownsampling(auto=True, method="peak")
        self.train_curve.setClipToView(True)
        # Costs are finite and at most engine.trainer.EXPLODING_COST, so the per-frame
        # scan that guards Qt against astronomically large coordinates is not needed.
        self.train_curve.setDynamicRangeLimit(None)
        self.test_curve = self.plot.plot(
            pen=pg.mkPen(theme.TEST_COLOR, width=2.5),
            symbol="o", symbolSize=7, symbolBrush=theme.TEST_COLOR, symbolPen=None)
        self.test_curve.setDownsampling(auto=True, method="peak")
        self.test_curve.setClipToView(True)
        self.epoch_marks = self.plot.plot(
            pen=None, symbol="|", symbolSize=20, symbolPen=None,
            symbolBrush=pg.mkBrush(30, 30, 30, 200))
        self.epoch_marks.setZValue(10)

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
        self._clear()

    # --- the contract -------------------------------------------------------------

    def set_session(self, session):
        """A new model or data set: forget every point."""
        self._clear()
        has_test = session.X_test.shape[1] > 0
        self._set_legend_entry(self.test_curve, "test cost" if has_test else None)

    def show_snapshot(self, snapshot, history):
        """Draw what `history` holds; cheap when little is new."""
        if (history is self._history and snapshot.update == self._shown_update
                and len(history.costs) == self._costs_seen):
            return
        if history is not self._history or len(history.costs) < self._costs_seen:
            self._clear()
            self._history = history
        self._shown_update = snapshot.update
        self._take_new(history)
        self._redraw()

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
        self._tests_seen = 0
        self._ends_seen = 0
        self._last_end = 0
        self.train = FiniteSeries()
        self.test = FiniteSeries()
        self._epoch_ends = GrowingArray()
        self._following = True
        self._x_shown = self._y_shown = None
        self._shrunk_at = 0.0
        for item in (self.train_curve, self.test_curve, self.epoch_marks):
            item.setData([], [])
        self._set_legend_entry(self.epoch_marks, None)

    def _take_new(self, history):
        costs = history.costs.view()
        if len(costs) > self._costs_seen:
            new = costs[self._costs_seen:]
            first = self._costs_seen + 1
            self.train.extend(np.arange(first, first + len(new)), new)
            self._costs_seen = len(costs)
        tests = history.test_costs.view()
        if len(tests) > self._tests_seen:
            updates = history.test_updates.view()
            self.test.extend(updates[self._tests_seen:len(tests)], tests[self._tests_seen:])
            self._tests_seen = len(tests)
        ends = history.epoch_ends.view()
        if len(ends) > self._ends_seen:
            new_ends = ends[self._ends_seen:]
            previous = np.concatenate(([self._last_end], new_ends[:-1]))
            # With full batch every update ends an epoch; a tick on each says nothing.
            self._epoch_ends.extend(new_ends[new_ends - previous > 1])
            self._last_end = new_ends[-1]
            self._ends_seen = len(ends)

    def _redraw(self):
        self.train_curve.setData(*self.train.data(self._log))
        x, y = self.test.data(self._log)
        symbol = "o" if len(x) <= MAX_TEST_SYMBOLS else None
        if self.test_curve.opts["symbol"] != symbol:
            self.test_curve.setSymbol(symbol)
        self.test_curve.setData(x, y)
        self._draw_epoch_marks()
        if self._following:
            self._fit_view()

    def _draw_epoch_marks(self):
        ends = self._epoch_ends.view()
        stride = nice_stride(len(ends), MAX_EPOCH_MARKS)
        label = None if len(ends) == 0 else (
            "epoch end" if stride == 1 else f"epoch end (1 in {stride} shown)")
        self._set_legend_entry(self.epoch_marks, label)
        ends = ends[stride - 1::stride]
        costs = self._history.costs.view() if self._history is not None else np.empty(0)
        ends = ends[ends <= len(costs)]
        y = costs[ends.astype(np.intp) - 1]
        keep = np.isfinite(y)
        ends, y = ends[keep], y[keep]
        if self._log:
            y = np.log10(np.maximum(y, LOG_FLOOR))
        self.epoch_marks.setData(ends, y)

    def _set_legend_entry(self, item, text):
        """Show `item` in the legend as `text`, or leave it out when text is None."""
        if self._legend_text.get(id(item)) == text:
            return
        self._legend_text[id(item)] = text
        self.legend.removeItem(item)
        if text is not None:
            self.legend.addItem(item, text)

    # --- the visible range ----------------------------------------------------------

    def _stop_following(self, *args):
        self._following = False

    def _fit_view(self):
        """Grow the view at once to take in new data; shrink it at most every half second,
        so the axes do not twitch (and the curve is not re-reduced) on every frame."""
        n = max(len(self._history.costs) if self._history is not None else 0, 1)
        right = max(n, self.test.last_x(), 10)
        if self._x_shown is None or right > self._x_shown[1]:
            self._x_shown = (0, right * 1.25)
            self.view_box.setXRange(*self._x_shown, padding=0)
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
            self.view_box.setYRange(*target, padding=0)

    def _y_target(self):
        low = min(self.train.low, self.test.low)
        high = max(self.train.high, self.test.high)
        if not math.isfinite(low):
            return None
        if self._log:
            low, high = math.log10(max(low, LOG_FLOOR)), math.log10(max(high, LOG_FLOOR))
            pad = max(0.05 * (high - low), 0.1)
            return low - pad, high + pad
        high = max(high, 1e-9)
        return min(0.0, low), high * 1.05
