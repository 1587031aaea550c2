"""How big each layer's weight gradient ||dW[l]||_F is, over time and right now, on log
axes, so vanishing (tiny in early layers) or exploding gradients show at a glance."""
import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from gui import theme
from gui.plots.adaptive_row import AdaptiveRow
from gui.plots.envelope import curve_points
from gui.plots.fork_overlay import ForkGradientCurves
from gui.plots.gradient_flags import (
    EXPLODING_ABSOLUTE,
    VANISHING_ABSOLUTE,
    VANISHING_RATIO,
    flags_html,
    gradient_flags,
)
from gui.plots.live_text import LiveText
from gui.view import View

FLOOR = 1e-12            # norms at or below this (including 0) have no bar, a cross instead
FLAGGED_COLOR = theme.WARNING_COLOR
EMPTY_BAR_RANGE = (-3.5, 0.5)   # the bars' log range when no norm is above FLOOR
TEXT_LINES = 2           # the ratio and one line of flags; more only when they need them
TEXT_MARGIN = 2          # gui/plots/live_text.py's margin
MAX_VALUE_LABELS = 5     # with more bars the printed values overlap; the axis still reads
RESIZE_AFTER_S = 0.5     # ranges grow at once but shrink at most this often
BARS_SHRINK_AFTER_S = 2.0  # noisy norms cross decades back and forth: the bars wait longer
DECADE_STEPS = (1, 2, 3, 5, 10, 20, 50)   # label every n-th decade when they would crowd
WIDEST_VALUE_LABEL = "8.8e-05"            # the widest "{:.2g}" a bar label usually shows
UNLAID_COLUMNS = 2000                     # pixel columns assumed before the plot has a width
GROW_X = 1.5                              # the x axis grows to this times the updates
SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074"
                            "\u2075\u2076\u2077\u2078\u2079")

LEGEND_HELP = (
    "||dW[l]||_F: the Frobenius norm (root of the sum of squares) of the gradient of the\n"
    "cost with respect to the weights of layer l, from the latest backward pass.\n"
    f"An orange hatched bar is below {VANISHING_RATIO:g} x the largest layer's norm or below\n"
    f"{VANISHING_ABSOLUTE:g}: that layer barely learns (a vanishing gradient). An orange cross\n"
    "at the bottom is a norm of 0 (a dead layer: nothing reaches its weights) or one too\n"
    f"small to plot. A cross-hatched bar is above {EXPLODING_ABSOLUTE:g} or not finite: an\n"
    "exploding gradient. Flagged layers are named under the plots.")


def log_norms(values):
    """log10 of gradient norms, non-finite ones dropped as nan, the rest at least FLOOR."""
    values = np.asarray(values, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        logs = np.log10(np.maximum(values, FLOOR))
    logs[~np.isfinite(values)] = np.nan
    return logs


def decade_label(exponent):
    """How 10**exponent is written on an axis: '1000' ... '1' ... '0.001', then '10\u207b\u2074'."""
    if 0 <= exponent <= 3:
        return str(10 ** exponent)
    if -3 <= exponent < 0:
        return f"{10.0 ** exponent:.{-exponent}f}"
    return "10" + str(exponent).translate(SUPERSCRIPT)


def decade_exponents(low, high, pixels, min_gap_px):
    """The whole exponents between low and high (log10 units) to label: every decade, or
    every 2nd, 3rd, 5th ... so that neighbouring labels are at least min_gap_px apart,
    and none so near an end that pyqtgraph would leave its label out. Too short an axis
    for two labels gets one, in the middle. Empty only when no power of ten is in view."""
    if pixels <= 0 or high <= low or math.floor(high) < math.ceil(low):
        return []
    px_per_decade = pixels / (high - low)
    margin = 0.4 * min_gap_px / px_per_decade
    first, last = math.ceil(low + margin), math.floor(high - margin)
    step = next((n for n in DECADE_STEPS if n * px_per_decade >= min_gap_px), DECADE_STEPS[-1])
    exponents = list(range(math.ceil(first / step) * step, last + 1, step))
    if len(exponents) >= 2:
        return exponents
    if last > first and (last - first) * px_per_decade >= min_gap_px:
        return [first, last]   # a scale needs two marks, round numbers or not
    middle = round((low + high) / 2)
    return [min(max(middle, math.ceil(low)), math.floor(high))]


class DecadeAxis(pg.AxisItem):
    """A log axis that labels powers of ten only (1, 0.1, 0.01 ...), thinned out when
    they would crowd. Minor ticks (0.2, 0.3 ...) appear only when the view is zoomed in
    so far that no power of ten is in sight."""

    def logTickValues(self, minVal, maxVal, size, stdTicks):
        font = self.style["tickFont"] or self.font()
        min_gap = 1.3 * QFontMetrics(font).height()
        exponents = decade_exponents(minVal, maxVal, size, min_gap)
        if not exponents:
            return super().logTickValues(minVal, maxVal, size, stdTicks)
        return [(1.0, [float(e) for e in exponents])]

    def logTickStrings(self, values, scale, spacing):
        whole = all(abs(v - round(v)) < 1e-9 for v in values)
        if not whole:
            return super().logTickStrings(values, scale, spacing)
        return [decade_label(round(v)) for v in values]


class GradientPlot(QWidget, View):
    """||dW[l]||_F per layer over updates (log y) and the latest norms as bars: side by
    side when the widget is wide, stacked when it is tall."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.history_widget = pg.PlotWidget(axisItems={"left": DecadeAxis("left")})
        self.history_plot = self.history_widget.getPlotItem()
        # The title names the x axis, so the axis needs no label of its own.
        theme.style_plot(self.history_plot, "||dW[l]|| over updates", "", "||dW[l]||_F")
        self.bar_widget = pg.PlotWidget(axisItems={"left": DecadeAxis("left")})
        self.bar_plot = self.bar_widget.getPlotItem()
        theme.style_plot(self.bar_plot, "Latest ||dW[l]||", "layer l", "||dW[l]||_F")
        for plot in (self.history_plot, self.bar_plot):
            # Data are log10 values; the axis only labels them as powers of ten.
            plot.getAxis("left").setLogMode(True)
            plot.getAxis("left").enableAutoSIPrefix(False)
            plot.setMenuEnabled(False, enableViewBoxMenu=True)
            plot.hideButtons()
            plot.disableAutoRange()
            plot.getAxis("left").setStyle(maxTickLevel=1)
        # Grid lines are a large part of the paint time; the bars carry their values instead.
        self.history_plot.showGrid(y=True, alpha=0.25)
        self.history_plot.getViewBox().sigRangeChangedManually.connect(self._stop_following)
        self.bar_plot.setMouseEnabled(x=False, y=False)
        # Under the plot, not on it: gradient curves can be anywhere in the view.
        self.legend = pg.LegendItem(offset=None, labelTextSize=f"{theme.BASE_POINT_SIZE}pt",
                                    frame=False)
        self.history_plot.layout.addItem(self.legend, 4, 1)
        self.history_widget.installEventFilter(self)
        self.bar_plot.getViewBox().sigResized.connect(self._fit_value_labels)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.6)
        self.bar_plot.addItem(self.bars)
        # Norms of 0 (or too small to plot) have no bar: a cross at the bottom says so.
        self.zero_marks = pg.ScatterPlotItem(symbol="x", size=14, brush=pg.mkBrush(FLAGGED_COLOR),
                                             pen=pg.mkPen(FLAGGED_COLOR, width=2))
        self.bar_plot.addItem(self.zero_marks)
        self.flags = gradient_flags([])
        # Three lines: the ratio, and the flags, which must never be cut off.
        self.ratio_label = LiveText(lines=TEXT_LINES)
        # Tick-label size: in a small dock, a larger font would wrap into lines the plots need.
        self.ratio_label.setFont(theme.axis_font())
        for widget in (self.history_widget, self.bar_widget, self.ratio_label):
            widget.setToolTip(LEGEND_HELP)
        self.follow_button = QPushButton("Show all")
        self.follow_button.setFont(theme.axis_font())
        self.follow_button.setToolTip(
            "Zoom the plot over updates out to all of them and keep following new ones.\n"
            "Dragging or scrolling that plot stops following.")
        self.follow_button.clicked.connect(self.follow)

        # Stacked in a small dock, both plots keep room for a few labelled decades.
        self.history_widget.setMinimumHeight(140)
        self.bar_widget.setMinimumHeight(110)
        self.plots = AdaptiveRow(self.history_widget, self.bar_widget,
                                 stretch=(3, 2), stacked_stretch=(2, 1))
        below = QHBoxLayout()
        below.addWidget(self.ratio_label, 1)
        below.addWidget(self.follow_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plots, 1)
        layout.addLayout(below)
        # Axes, titles and the legend change far less often than the curves and bars.
        theme.cache_plot_frame(self.history_plot)
        theme.cache_plot_frame(self.bar_plot)
        theme.unindexed(self.history_widget, self.bar_widget)
        self.curves = []
        self.value_labels = []
        self.fork_curves = ForkGradientCurves(self.history_plot, self.legend)  # same-start runs
        self._n_layers = 0
        self._label_share = 0.0
        self._clear()
        history_view = self.history_plot.getViewBox()
        history_view.sigXRangeChanged.connect(self._draw_curves)
        history_view.sigResized.connect(self._draw_curves)

    # --- the contract -------------------------------------------------------------

    def set_session(self, session):
        """A new model: one curve, one bar and one value label per layer."""
        L = len(session.layer_sizes) - 1
        if L != self._n_layers:
            for item in self.curves:
                self.history_plot.removeItem(item)
            for item in self.value_labels:
                self.bar_plot.removeItem(item)
            self.legend.clear()
            self.curves = []
            self.value_labels = []
            for l in range(1, L + 1):
                # Antialiased thick lines through noisy mini-batch norms cost Qt ~5 ms each.
                # Each curve is handed what is in view, at most two points per pixel
                # column (gui/plots/envelope.py), all finite.
                curve = pg.PlotCurveItem(pen=pg.mkPen(theme.layer_color(l), width=2.5),
                                         antialias=False, skipFiniteCheck=True)
                self.history_plot.addItem(curve)
                self.legend.addItem(curve, f"layer {l}")
                self.curves.append(curve)
                label = pg.TextItem(anchor=(0.5, 1.0), color="#222222")
                label.setFont(theme.axis_font())
                self.bar_plot.addItem(label)
                theme.cache_static(label)
                self.value_labels.append(label)
            self._n_layers = L
            theme.cache_static(self.legend)
            self.bar_plot.getAxis("bottom").setTicks([[(l, str(l)) for l in range(1, L + 1)]])
            self.bar_plot.setXRange(0.4, L + 0.6, padding=0)
            self._fit_legend()
            self._fit_value_labels()
        self._clear()

    def show_snapshot(self, snapshot, history):
        """Extend the curves with the new samples; redraw the bars. False before a
        session, and for the update and samples shown already."""
        if self._n_layers == 0:
            return False
        if history is not self._history or history.samples < self._seen:
            self._clear()
            self._history = history
        if (snapshot.update == self._shown_update and history.samples == self._seen
                and history.forks.changes == self._fork_changes):
            return False
        self._shown_update = snapshot.update
        self._fork_changes = history.forks.changes
        self._take_new(history)
        self._draw_bars(snapshot.metrics.dW_norms, snapshot.metrics.train_cost)
        if self._following:
            self._fit_history()
        self._draw_curves()
        return True

    def follow(self):
        """Show every update on the left plot again and keep following new ones."""
        self._following = True
        self._x_right = self._y_shown = None
        if self._shown_update is not None:
            self._fit_history()

    # --- details -------------------------------------------------------------------

    def _clear(self):
        self._history = None
        self._shown_update = None
        self._seen = 0
        self._fork_changes = 0
        self.fork_curves.clear()
        self._low = math.inf
        self._high = -math.inf
        self._following = True
        self._x_right = None
        self._y_shown = None
        self._y_changed_at = 0.0
        self._bar_range = None
        self._bar_data = None
        self._bar_changed_at = 0.0
        for curve in self.curves:
            curve.setData([], [])
        self.bars.setOpts(x=[], height=[], y0=0, brushes=None, pens=None)
        self.zero_marks.setData([], [])
        self.flags = gradient_flags([])
        for label in self.value_labels:
            label.setText("")
        self._say("")

    def _take_new(self, history):
        low, high = self.fork_curves.log_range(history.forks, log_norms)
        self._low, self._high = min(self._low, low), max(self._high, high)
        n = history.samples
        if n == self._seen:
            return
        for norms in history.grad_norms[:self._n_layers]:
            if norms.low <= norms.high:   # it has a finite norm
                low, high = log_norms([norms.low, norms.high])
                self._low, self._high = min(self._low, low), max(self._high, high)
        self._seen = n

    def _draw_bars(self, norms, train_cost):
        norms = np.asarray(norms, dtype=np.float64)
        logs = log_norms(norms)
        L = len(logs)
        self.flags = flags = gradient_flags(norms, train_cost)
        finite = np.isfinite(logs)
        # A norm at or below FLOOR gets no bar: drawn up from the bottom it would look
        # like a value, and it would stretch the axis down so the rest looked alike.
        plotted = finite & (norms > FLOOR)
        at_floor = finite & ~plotted
        if plotted.any():
            top = float(logs[plotted].max())
            bottom = self._fit_bars(float(logs[plotted].min()), top)
        else:
            bottom = self._fit_bars(*EMPTY_BAR_RANGE)
        layers = np.arange(1, L + 1)
        shown = layers[plotted]
        kinds = [flags.of(int(l)) for l in shown]
        brushes = [QBrush(QColor(FLAGGED_COLOR), Qt.BrushStyle.BDiagPattern) if k == "vanishing"
                   else QBrush(QColor(FLAGGED_COLOR), Qt.BrushStyle.DiagCrossPattern)
                   if k == "exploding" else pg.mkBrush(theme.layer_color(l))
                   for l, k in zip(shown, kinds)]
        pens = [pg.mkPen(FLAGGED_COLOR, width=3) if k else pg.mkPen("#333333", width=1)
                for k in kinds]
        if shown.size:
            self.bars.setOpts(x=shown, height=logs[plotted] - bottom, y0=bottom,
                              brushes=brushes, pens=pens)
        else:   # (pyqtgraph fails on an empty list of pens)
            self.bars.setOpts(x=[], height=[], y0=0, brushes=None, pens=None)
        decade = 0.25   # the crosses sit a quarter of a decade above the bottom
        self.zero_marks.setData(layers[at_floor], np.full(int(at_floor.sum()), bottom + decade))
        if L <= MAX_VALUE_LABELS:
            for l, label in enumerate(self.value_labels, start=1):
                value = norms[l - 1]
                if not np.isfinite(value):
                    text = "n/a"
                elif value == 0:
                    text = "0"
                elif value <= FLOOR:
                    text = f"<{FLOOR:.0e}"
                else:
                    text = f"{value:.2g}"
                if text != label.toPlainText():
                    label.setText(text)
                y = logs[l - 1] if plotted[l - 1] else bottom + 2 * decade
                label.setPos(l, y)
        if not finite.any():
            self._say("no finite gradient norms<br>" + flags_html(flags, FLAGGED_COLOR))
            return
        self._say(self._ratio_text(norms, logs, flags))

    def _say(self, html):
        if html != self.ratio_label.text():
            self.ratio_label.setText(html)
            self._fit_text_lines()

    def _fit_text_lines(self, width=None):
        """As many lines as the ratio and the flags need at this width (at least
        TEXT_LINES): a flag is never cut off. Changes the layout only when the text
        changes or the widget is resized, never while the same flags stay."""
        label = self.ratio_label
        width = (label.width() if width is None else width) - 2 * TEXT_MARGIN
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(label.font())
        document.setHtml(label.text())
        document.setTextWidth(max(width, 1))
        spacing = label.fontMetrics().lineSpacing()
        lines = max(TEXT_LINES, math.ceil(document.size().height() / spacing - 0.01))
        height = lines * spacing + 2 * TEXT_MARGIN
        if height != label.height():
            label.setFixedHeight(height)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.ratio_label.text():
            self._fit_text_lines()

    @staticmethod
    def _ratio_text(norms, logs, flags):
        finite = np.isfinite(logs)
        values = np.where(finite, np.maximum(norms, FLOOR), np.nan)
        smallest, largest = int(np.nanargmin(values)), int(np.nanargmax(values))
        ratio = values[smallest] / values[largest]
        shown = "0" if values[smallest] <= FLOOR else f"{ratio:.2g}"
        text = (f"smallest / largest ||dW|| = <b>{shown}</b> "
                f"(layer&nbsp;{smallest + 1}&nbsp;/&nbsp;layer&nbsp;{largest + 1})")
        flagged = flags_html(flags, FLAGGED_COLOR)
        return text + ("<br>" + flagged if flagged else "")

    def _fit_bars(self, low, high):
        """The bars' log range: grows at once, shrinks at most every BARS_SHRINK_AFTER_S
        (every new range re-ticks the axis). Returns the bottom, where every bar starts."""
        self._bar_data = (low, high)
        bottom, top = math.floor(low) - 0.5, math.ceil(high) + 0.5
        # Room for a value label above the tallest bar: its top must stay below the view's
        # top by the label's share s of the height, (top - ceil(high)) >= s * (top - bottom).
        s = self._label_share
        if s:
            top = max(top, round((math.ceil(high) - s * bottom) / (1.0 - s), 1))
        target = (bottom, top)
        shown = self._bar_range
        now = time.monotonic()
        if (shown is None or target[0] < shown[0] or target[1] > shown[1]
                or (target != shown and now - self._bar_changed_at > BARS_SHRINK_AFTER_S)):
            self._bar_range = target
            self._bar_changed_at = now
            theme.set_view_range(self.bar_plot.getViewBox(), y_range=target)
        return self._bar_range[0]

    def eventFilter(self, watched, event):
        if watched is self.history_widget and event.type() == QEvent.Type.Resize:
            self._fit_legend(event.size().width())
        return False

    def _fit_legend(self, width=None):
        """As many legend columns as fit the plot's width (on resize and when the entries
        change, never per frame)."""
        if not self.legend.items:
            return
        if width is None:
            width = self.history_widget.width()
        width -= self.history_plot.getAxis("left").width()
        widest = max(label.item.boundingRect().width() for _, label in self.legend.items)
        entry_px = widest + 40   # the line sample and the gaps around it
        columns = max(1, min(len(self.legend.items), int(width // entry_px)))
        if columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)

    def _fit_value_labels(self, *args):
        """Bar values are printed only while one fits beside the next and above the
        tallest bar (on resize, never per frame)."""
        view = self.bar_plot.getViewBox()
        metrics = QFontMetrics(theme.axis_font())
        gap_px = view.width() / max(self._n_layers + 0.2, 1.0)
        share = (metrics.height() + 6) / max(view.height(), 1.0)
        fits = gap_px >= metrics.horizontalAdvance(WIDEST_VALUE_LABEL) + 8 and share < 0.3
        for label in self.value_labels:
            label.setVisible(fits)
        self._label_share = share if fits and self._n_layers <= MAX_VALUE_LABELS else 0.0
        if self._bar_data is not None:
            self._bar_range = None   # refit now, even when that shrinks the range
            self._fit_bars(*self._bar_data)

    def _stop_following(self, *args):
        self._following = False

    def _draw_curves(self, *args):
        """Hand the curves what is in view now (also on every pan, zoom and resize)."""
        if self._history is None:
            return
        view = self.history_plot.getViewBox()
        x_low, x_high = view.viewRange()[0]
        columns = view.width() or UNLAID_COLUMNS
        for curve, norms in zip(self.curves, self._history.grad_norms):
            x, y = curve_points(norms, x_low, x_high, columns)
            curve.setData(x, log_norms(y))   # log10 keeps each column's highest and lowest
        if self.fork_curves.draw(self._history.forks, x_low, x_high, columns, log_norms):
            self._fit_legend()

    def _fit_history(self):
        right = max(self._shown_update or 0, 10)
        if self._x_right is None or right > self._x_right:
            self._x_right = right * GROW_X
            theme.set_view_range(self.history_plot.getViewBox(), x_range=(0, self._x_right))
        if not math.isfinite(self._low):
            return
        # Margins keep the outer powers of ten off the edges, where labels are not drawn.
        target = (math.floor(self._low) - 0.4, math.ceil(self._high) + 0.4)
        shown = self._y_shown
        now = time.monotonic()
        if (shown is None or target[0] < shown[0] or target[1] > shown[1]
                or (target != shown and now - self._y_changed_at > RESIZE_AFTER_S)):
            self._y_shown = target
            self._y_changed_at = now
            theme.set_view_range(self.history_plot.getViewBox(), y_range=target)
