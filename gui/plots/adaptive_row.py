"""Two views side by side when the space is wide, one above the other when it is tall."""
import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QBoxLayout, QWidget

STACK_BELOW_ASPECT = 1.2   # stacked while width < 1.2 x height


def least_width(widget):
    """The width below which a widget's contents are cut off. A pyqtgraph PlotWidget says
    68 px, but its title beside its left axis may need far more: that is what counts (a
    legend is left out: the views give theirs as many columns as fit)."""
    own = widget.minimumSizeHint().width()
    item = getattr(widget, "plotItem", None)
    if item is None:
        return max(own, widget.minimumWidth())
    minimum = Qt.SizeHint.MinimumSize
    title = item.titleLabel.effectiveSizeHint(minimum).width() if item.titleLabel.isVisible() else 0
    axis = item.getAxis("left")
    axis_width = axis.width() if axis.isVisible() else 0
    return max(own, math.ceil(axis_width + title) + 12)


def least_height(widget):
    return max(widget.minimumHeight(), widget.minimumSizeHint().height())


class AdaptiveRow(QWidget):
    """Holds `first` and `second` in one QBoxLayout and turns its direction on resize:
    left to right when width >= stack_below x height and both fit side by side at their
    least widths, else top to bottom. Its own least size is the stacked one, so a
    narrow dock stacks the two rather than cutting either off.

    Only the layout's direction changes; the two widgets (and every plot item in them)
    stay the same objects, so nothing is rebuilt and nothing is repainted per frame.
    """

    def __init__(self, first, second, stretch=(1, 1), stacked_stretch=(1, 1),
                 stack_below=STACK_BELOW_ASPECT, parent=None):
        """stretch: the widths' shares side by side; stacked_stretch: the heights' shares."""
        super().__init__(parent)
        self.stack_below = stack_below
        self._stretch = {False: stretch, True: stacked_stretch}
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._layout.addWidget(first, stretch[0])
        self._layout.addWidget(second, stretch[1])
        self._widgets = (first, second)
        # A plot's title or axis that grows (longer tick labels) may no longer fit beside
        # the other plot: look again whenever one changes size.
        for widget in self._widgets:
            item = getattr(widget, "plotItem", None)
            if item is not None:
                item.getAxis("left").geometryChanged.connect(self.refit)
                item.titleLabel.geometryChanged.connect(self.refit)

    def is_stacked(self):
        """True while the two widgets are one above the other."""
        return self._layout.direction() == QBoxLayout.Direction.TopToBottom

    def minimumSizeHint(self):
        first, second = self._widgets
        return QSize(max(least_width(first), least_width(second)),
                     least_height(first) + least_height(second) + self._layout.spacing())

    def side_by_side_fits(self, width):
        """Whether both widgets get at least their least widths side by side."""
        first, second = self._widgets
        return width >= least_width(first) + least_width(second) + self._layout.spacing()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit(event.size())

    def refit(self):
        """Choose the direction again for the present size."""
        self.updateGeometry()
        if self.width() > 0 and self.height() > 0:
            self._fit(self.size())

    def _fit(self, size):
        for widget in self._widgets:
            if getattr(widget, "plotItem", None) is not None:
                least = least_width(widget)
                if least != widget.minimumWidth():
                    widget.setMinimumWidth(least)   # so that stretch never squeezes it
        stacked = (size.width() < self.stack_below * size.height()
                   or not self.side_by_side_fits(size.width()))
        direction = (QBoxLayout.Direction.TopToBottom if stacked
                     else QBoxLayout.Direction.LeftToRight)
        if direction != self._layout.direction():
            self._layout.setDirection(direction)
            for index, share in enumerate(self._stretch[stacked]):
                self._layout.setStretch(index, share)
