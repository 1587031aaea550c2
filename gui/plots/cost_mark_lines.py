"""The marks of gui/cost_marks.py drawn on the cost plot: a dashed vertical line at each
update where a setting changed, labelled with its new value, and a solid one where the
cost blew up and training paused. A line has no height to fold, so the marks stay put
however the curve is thinned, and on a log axis too."""
import pyqtgraph as pg
from PySide6.QtCore import Qt

from gui import theme
from gui.cost_marks import DIVERGED

MAX_DRAWN = 40                       # the newest; more lines than this are a fence
LABEL_HEIGHTS = (0.68, 0.58, 0.48)   # under the legend; neighbours take turns, so they overlap less
RIGHT_PART = 0.6                     # a line further right than this has its words left
SETTING_COLOR = "#444444"
# Dark and solid, where a setting is grey and dashed: the line's style and its words say
# which is which, not a colour alone.
DIVERGED_COLOR = "#7a0c0c"


def grouped(marks):
    """[(update, text, tooltip, diverged)]: the marks at one update in one label."""
    groups = []
    for mark in marks:
        tip = mark.detail or f"From update {mark.update + 1:,} on: {mark.text}"
        if groups and groups[-1][0] == mark.update:
            update, text, tips, diverged = groups[-1]
            groups[-1] = (update, f"{text}, {mark.text}", f"{tips}\n{tip}",
                          diverged or mark.kind == DIVERGED)
        else:
            groups.append((mark.update, mark.text, tip, mark.kind == DIVERGED))
    return groups


class CostMarkLines:
    """Keeps the lines on `plot` (a PlotItem) in step with a CostMarks."""

    def __init__(self, plot):
        self._plot = plot
        self.lines = []
        self._shown = None    # (id, version) of the CostMarks drawn

    def is_current(self, marks):
        return self._shown == (id(marks), marks.version)

    def clear(self):
        for line in self.lines:
            self._plot.removeItem(line)
        self.lines = []
        self._shown = None

    def show(self, marks):
        """Draw the newest MAX_DRAWN marks of `marks`, if they changed since last time."""
        if self.is_current(marks):
            return
        self.clear()
        self._shown = (id(marks), marks.version)
        groups = grouped(marks.marks)[-MAX_DRAWN:]
        x_low, x_high = self._plot.getViewBox().viewRange()[0]
        for i, (update, text, tip, diverged) in enumerate(groups):
            # Words right of the line, or left of it near the right edge, where they
            # would be cut off.
            side = 1 if update > x_low + RIGHT_PART * (x_high - x_low) else 0
            color = DIVERGED_COLOR if diverged else SETTING_COLOR
            pen = pg.mkPen(color, width=2 if diverged else 1.5,
                           style=Qt.PenStyle.SolidLine if diverged else Qt.PenStyle.DashLine)
            line = pg.InfiniteLine(
                pos=update, angle=90, movable=False, pen=pen, label=text,
                labelOpts={"position": LABEL_HEIGHTS[i % len(LABEL_HEIGHTS)],
                           "color": color, "fill": pg.mkBrush(255, 255, 255, 210),
                           "anchors": [(side, 0.5), (side, 0.5)]})
            line.label.setFont(theme.axis_font())
            line.setToolTip(tip)
            line.label.setToolTip(tip)
            line.setZValue(5)
            self._plot.addItem(line)
            self.lines.append(line)

    def texts(self):
        """What the drawn lines say, oldest first (for tests)."""
        return [(line.value(), line.label.format) for line in self.lines]
