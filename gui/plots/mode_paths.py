"""The three paths of the batch-mode comparison, drawn over the loss surface: told apart
by line style and marker as well as colour, with a legend naming each and its updates."""
import pyqtgraph as pg
from PySide6.QtCore import Qt

# (colour, line style, marker) for full batch, mini-batch and stochastic.
STYLES = (("#00e5ff", Qt.PenStyle.SolidLine, "o"),
          ("#ffbf00", Qt.PenStyle.DashLine, "t"),
          ("#ff4fd8", Qt.PenStyle.DotLine, "x"))
MARKED_POINTS = 400     # a path with more updates marks every n-th point, so marks stay apart


class ModePaths:
    """Items made once on a PlotItem; show(runs) draws a comparison, clear() hides it."""

    def __init__(self, plot_item):
        self.legend = pg.LegendItem(offset=(-8, 8), labelTextSize="9pt",
                                    brush=pg.mkBrush(0, 0, 0, 170), labelTextColor="w")
        self.legend.setParentItem(plot_item.getViewBox())
        self.lines, self.marks, self.samples = [], [], []
        for colour, style, marker in STYLES:
            pen = pg.mkPen(colour, width=2, style=style)
            line = pg.PlotDataItem(pen=pen)
            marks = pg.PlotDataItem(pen=None, symbol=marker, symbolSize=7,
                                    symbolPen=pg.mkPen(colour), symbolBrush=pg.mkBrush(colour))
            for z, item in enumerate((line, marks)):
                item.setZValue(15 + z)
                plot_item.addItem(item)
            self.lines.append(line)
            self.marks.append(marks)
            # What the legend draws: the line and the marker together (never on the plot).
            self.samples.append(pg.PlotDataItem(pen=pen, symbol=marker, symbolSize=7,
                                                symbolPen=pg.mkPen(colour),
                                                symbolBrush=pg.mkBrush(colour)))
        self.runs = ()
        self.clear()

    def show(self, runs):
        self.runs = tuple(runs)
        self.legend.clear()
        for line, marks, sample, run in zip(self.lines, self.marks, self.samples, self.runs):
            path = run.path
            every = max(1, len(path) // MARKED_POINTS)
            line.setData(path[:, 0], path[:, 1])
            marks.setData(path[::every, 0], path[::every, 1])
            line.setVisible(True)
            marks.setVisible(True)
            note = " (stopped: diverged)" if run.note else ""
            self.legend.addItem(sample, f"{run.name}: {run.updates} updates{note}")
        self.legend.setVisible(bool(self.runs))

    def clear(self):
        self.runs = ()
        for item in self.lines + self.marks:
            item.setData([], [])
            item.setVisible(False)
        self.legend.clear()
        self.legend.setVisible(False)
