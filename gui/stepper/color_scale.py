"""The colour key under a heatmap: -s .. 0 .. +s, and the actual min and max."""
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .diverging_colors import RGB, STOPS
from .number_format import short_number

BAR_HEIGHT = 8


class ColorScale(QWidget):
    """A horizontal gradient bar labelled at both ends and at 0."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self._scale = 1.0
        self._low = self._high = 0.0
        self._clipped = False

    def set_range(self, scale, low, high, clipped=False):
        """scale: the |value| of the end colours; low, high: the array's min and max;
        clipped: values beyond +-scale take the end colours."""
        self._scale, self._low, self._high, self._clipped = scale, low, high, clipped
        tip = (f"Colours from −{short_number(scale)} (blue) through 0 (white) to "
               f"+{short_number(scale)} (orange). The array's smallest value is "
               f"{short_number(low)}, its largest {short_number(high)}.")
        if clipped:
            tip += (" A few values lie far beyond the rest; they take the end colours, so "
                    "that the others are not all white.")
        self.setToolTip(tip)
        self.update()

    def labels(self):
        """The three tick labels, left to right."""
        s = short_number(self._scale)
        if self._clipped:
            return (f"≤ −{s}", "0", f"≥ +{s}")
        return (f"−{s}", "0", f"+{s}")

    def sizeHint(self):
        return QSize(120, BAR_HEIGHT + 4 + QFontMetrics(self.font()).height())

    def minimumSizeHint(self):
        return QSize(90, self.sizeHint().height())

    def paintEvent(self, event):
        painter = QPainter(self)
        width = self.width() - 2
        bar = QRect(1, 1, width, BAR_HEIGHT)
        gradient = QLinearGradient(bar.left(), 0, bar.right(), 0)
        for stop, (r, g, b) in zip(STOPS, RGB):
            gradient.setColorAt(float(stop), QColor(int(r), int(g), int(b)))
        painter.fillRect(bar, gradient)
        painter.setPen(QPen(QColor("#9a9a9a"), 1))
        painter.drawRect(bar)
        painter.setPen(QColor("#333333"))
        text_box = QRect(1, BAR_HEIGHT + 3, width, self.height() - BAR_HEIGHT - 3)
        low, zero, high = self.labels()
        painter.drawText(text_box, Qt.AlignLeft | Qt.AlignTop, low)
        painter.drawText(text_box, Qt.AlignRight | Qt.AlignTop, high)
        metrics = QFontMetrics(self.font())
        end_width = max(metrics.horizontalAdvance(low), metrics.horizontalAdvance(high))
        if 2 * end_width + 2 * metrics.horizontalAdvance(zero) + 12 <= width:
            painter.drawText(text_box, Qt.AlignHCenter | Qt.AlignTop, zero)
        painter.end()
