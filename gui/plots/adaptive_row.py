"""Two views side by side when the space is wide, one above the other when it is tall."""
from PySide6.QtWidgets import QBoxLayout, QWidget

STACK_BELOW_ASPECT = 1.2   # stacked while width < 1.2 x height


class AdaptiveRow(QWidget):
    """Holds `first` and `second` in one QBoxLayout and turns its direction on resize:
    left to right when width >= stack_below x height, else top to bottom.

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

    def is_stacked(self):
        """True while the two widgets are one above the other."""
        return self._layout.direction() == QBoxLayout.Direction.TopToBottom

    def resizeEvent(self, event):
        super().resizeEvent(event)
        size = event.size()
        stacked = size.width() < self.stack_below * size.height()
        direction = (QBoxLayout.Direction.TopToBottom if stacked
                     else QBoxLayout.Direction.LeftToRight)
        if direction != self._layout.direction():
            self._layout.setDirection(direction)
            for index, share in enumerate(self._stretch[stacked]):
                self._layout.setStretch(index, share)
