"""The gradient check as a picture: each checked entry's numerical slope against backprop's
value, one marker shape per array and one colour per layer, beside the line y = x where
every point lies when backprop is right."""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from engine.gradcheck import FAIL, PASS
from gui import theme

# After each array's name in the legend: its result, so a failing array can be picked out
# (1% off y = x is too little to see).
LEGEND_MARK = {PASS: "\u2714", FAIL: "\u2718 FAIL"}

# A different shape for each array, so that arrays stay apart without telling colours apart.
SYMBOLS = ("o", "s", "t", "d", "star", "t1", "p", "h", "t2", "t3", "+", "x")
POINT_SIZE = 9
LEGEND_HEIGHT_SHARE = 0.45   # of the plot's height that the legend may take
LEGEND_ROW_PX = 26
DIAGONAL_PEN = pg.mkPen("#444444", width=1.5, style=Qt.PenStyle.DashLine)
TITLE = "Numerical slope against backprop, one point per entry checked"
X_LABEL = "backprop's dW or db"
Y_LABEL = "numerical slope"


def entry_label(name, shape, flat_index):
    """'W[2] row 1, column 3': one entry of an array, counted from 1 as in the equations."""
    row, column = np.unravel_index(int(flat_index), shape)
    return f"{name} row {row + 1}, column {column + 1}"


def _tip(x, y, data):
    return f"{data}\nbackprop {x:.6g}\nnumerical {y:.6g}"


class GradientCheckScatter(pg.PlotWidget):
    """Shows a GradientCheckReport's arrays (engine/trainer_gradcheck.py) with show_report."""

    def __init__(self, parent=None):
        super().__init__(parent)
        plot = self.getPlotItem()
        theme.style_plot(plot, TITLE, X_LABEL, Y_LABEL)
        plot.showGrid(x=True, y=True, alpha=0.2)
        plot.setMenuEnabled(False)
        self.diagonal = pg.InfiniteLine(pos=(0, 0), angle=45, pen=DIAGONAL_PEN)
        plot.addItem(self.diagonal, ignoreBounds=True)
        # Points gather along the diagonal, so the top-left corner is where they are not.
        self.legend = plot.addLegend(offset=(8, 8), labelTextSize=f"{theme.BASE_POINT_SIZE}pt")
        self._diagonal_sample = pg.PlotDataItem(pen=DIAGONAL_PEN)
        self.point_sets = []   # one ScatterPlotItem per array shown

    def clear_report(self):
        """No points, no legend."""
        plot = self.getPlotItem()
        for item in self.point_sets:
            plot.removeItem(item)
        self.point_sets = []
        self.legend.clear()

    def show_report(self, report):
        """One set of points per array with checked entries; the view fits them all."""
        self.clear_report()
        plot = self.getPlotItem()
        for index, array in enumerate(report.arrays):
            if not array.checked:
                continue
            layer = int(array.name[2:-1])
            color = theme.layer_color(layer)
            labels = [entry_label(array.name, array.shape, i) for i in array.indices]
            points = pg.ScatterPlotItem(
                x=array.backprop, y=array.numeric, data=labels,
                symbol=SYMBOLS[index % len(SYMBOLS)], size=POINT_SIZE,
                pen=pg.mkPen(color, width=1.2), brush=pg.mkBrush(color + "99"),
                hoverable=True, tip=_tip, name=f"{array.name} {LEGEND_MARK[array.status]}")
            plot.addItem(points)
            self.point_sets.append(points)
        self.legend.addItem(self._diagonal_sample, "y = x: they agree")
        self._fit_legend()
        self._show_range(report)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if "point_sets" in self.__dict__:   # pyqtgraph resizes before __init__ is done
            self._fit_legend()

    def _fit_legend(self):
        """As many legend columns as it takes to keep the legend in the top part of the
        plot: a deep net's legend in one column would cover the lower end of the diagonal."""
        entries = len(self.point_sets) + 1
        rows = max(3, int(self.height() * LEGEND_HEIGHT_SHARE) // LEGEND_ROW_PX)
        columns = -(-entries // rows)
        if columns > 1:   # an even count keeps W[l] and b[l] side by side
            columns += columns % 2
        if self.legend.columnCount != columns:
            self.legend.setColumnCount(columns)

    def _show_range(self, report):
        """The same interval on both axes, holding every point: y = x runs corner to corner
        and a point off it is off by what it looks."""
        values = [v for a in report.arrays for v in (a.numeric, a.backprop) if a.checked]
        if not values:
            return
        values = np.concatenate(values)
        values = values[np.isfinite(values)]
        if not values.size:
            return
        low, high = float(values.min()), float(values.max())
        pad = 0.08 * (high - low) if high > low else max(abs(high), 1e-12)
        theme.set_view_range(self.getPlotItem().getViewBox(), (low - pad, high + pad),
                             (low - pad, high + pad))

    def point_count(self):
        """How many points are drawn (one per checked entry)."""
        return sum(len(points.data) for points in self.point_sets)
