"""Picking a training example by clicking its point, and the ring with its number that
marks the followed example; shared by the decision-boundary and sigmoid views."""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from gui import theme

PICK_PX = 8            # a click this near a point's centre (in pixels) picks it
RING_COLOR = "#000000"


def nearest_within(view_box, scene_pos, x, y, indices, max_px=PICK_PX):
    """The entry of `indices` whose point (x[k], y[k]) (view units) is nearest to the
    scene position, if within max_px pixels of it; else None. Clicks outside the view
    box pick nothing."""
    if len(indices) == 0 or not view_box.sceneBoundingRect().contains(scene_pos):
        return None
    p = view_box.mapSceneToView(scene_pos)
    px_w, px_h = view_box.viewPixelSize()
    if not (px_w > 0 and px_h > 0):
        return None
    with np.errstate(invalid="ignore"):
        d = np.hypot((np.asarray(x, dtype=np.float64) - p.x()) / px_w,
                     (np.asarray(y, dtype=np.float64) - p.y()) / px_h)
    d = np.where(np.isfinite(d), d, np.inf)
    k = int(np.argmin(d))
    return int(indices[k]) if d[k] <= max_px else None


def pick_on_click(event, example_at, example_picked):
    """For a scene's mouse click: a single left click on a drawn training example (as
    ``example_at(scene_pos)`` finds it, or None) is taken and that example's index is
    emitted through the signal ``example_picked``; any other click is left alone."""
    if event.button() != Qt.MouseButton.LeftButton or event.double():
        return
    index = example_at(event.scenePos())
    if index is not None:
        event.accept()
        example_picked.emit(index)


class SelectedMark:
    """A black ring around the followed example's point and its number ('#17') beside it,
    on the side away from the nearer edges of the view, so that it is never cut off."""

    def __init__(self, plot_item, size):
        self.ring = pg.ScatterPlotItem(size=size, symbol="o", brush=None,
                                       pen=pg.mkPen(RING_COLOR, width=2.5))
        self.ring.setZValue(20)
        self.label = pg.TextItem("", color=RING_COLOR, fill=pg.mkBrush(255, 255, 255, 200))
        self.label.setFont(theme.axis_font())
        self.label.setZValue(21)
        self._plot = plot_item
        self._size = size
        self._at = None
        self.add_to_plot()
        plot_item.getViewBox().sigRangeChanged.connect(self._place_label)

    def add_to_plot(self):
        """(Again, after the plot was cleared:) put the ring and number on it, hidden."""
        for item in (self.ring, self.label):
            if item.scene() is None:
                self._plot.addItem(item)
        self.hide()

    def show(self, index, x, y):
        """Ring example `index` at (x, y); hide the mark if the point is not finite."""
        if not (np.isfinite(x) and np.isfinite(y)):
            self.hide()
            return
        self._at = (float(x), float(y))
        self.ring.setData([x], [y])
        self.label.setText(f"#{index}")
        self.label.setVisible(True)
        self._place_label()

    def hide(self):
        self._at = None
        self.ring.setData([], [])
        self.label.setVisible(False)

    @property
    def text(self):
        return self.label.toPlainText() if self.label.isVisible() else ""

    def _place_label(self, *args):
        if self._at is None:
            return
        x, y = self._at
        (x0, x1), (y0, y1) = self._plot.getViewBox().viewRange()
        right = x < (x0 + x1) / 2
        above = y < (y0 + y1) / 2
        # The anchor puts the text beside the ring, past its radius, toward the middle.
        offset = 0.5 * self._size / max(self.label.boundingRect().width(), 1.0)
        self.label.setAnchor((-offset if right else 1 + offset, 1.0 if above else 0.0))
        self.label.setPos(x, y)
