"""A horizontal colour scale with its name and the numbers at its ends and middle, sized
from its font so that no label is ever cut off."""
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui import theme

BAR_WIDTH_PX = 90
BAR_HEIGHT_PX = 12
GAP_PX = 6


class ColourScaleBar(QWidget):
    """'name  low [gradient] high', and the middle value under the gradient's centre
    when there is one (a second line)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFont(theme.axis_font())
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._name = ""
        self._labels = ("", "", "")
        self._colours = ()

    def set_scale(self, name, colours, labels):
        """name: what the colours mean; colours: hex strings from low to high, evenly
        spaced; labels: (low, middle, high) texts."""
        self._name, self._colours, self._labels = name, tuple(colours), tuple(labels)
        self.updateGeometry()
        self.update()

    @property
    def text(self):
        """Everything the bar writes, for tests and tooltips."""
        low, middle, high = self._labels
        if not middle:
            return f"{self._name} {low} \u2026 {high}"
        return f"{self._name} {low} \u2026 {middle} \u2026 {high}"

    def _widths(self):
        metrics = QFontMetrics(self.font())
        low, middle, high = self._labels
        bar = max(BAR_WIDTH_PX, metrics.horizontalAdvance(middle) + 2 * GAP_PX)
        return (metrics.horizontalAdvance(self._name), metrics.horizontalAdvance(low), bar,
                metrics.horizontalAdvance(high))

    def sizeHint(self):
        metrics = QFontMetrics(self.font())
        width = sum(self._widths()) + 4 * GAP_PX + 8
        middle_line = metrics.height() if self._labels[1] else 0
        return QSize(width, max(BAR_HEIGHT_PX, metrics.height()) + middle_line + 6)

    def minimumSizeHint(self):
        return self.sizeHint()

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = QFontMetrics(self.font())
        name_w, low_w, bar_w, high_w = self._widths()
        line_h = metrics.height()
        row_h = max(BAR_HEIGHT_PX, line_h)
        x = 4
        painter.setPen(QPen(QColor("black")))
        low, middle, high = self._labels
        text_flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.drawText(QRectF(x, 2, name_w + 1, row_h), text_flags, self._name)
        x += name_w + GAP_PX
        painter.drawText(QRectF(x, 2, low_w + 1, row_h), text_flags, low)
        x += low_w + GAP_PX
        bar = QRectF(x, 2 + (row_h - BAR_HEIGHT_PX) / 2, bar_w, BAR_HEIGHT_PX)
        if self._colours:
            gradient = QLinearGradient(bar.left(), 0, bar.right(), 0)
            n = len(self._colours)
            for i, colour in enumerate(self._colours):
                gradient.setColorAt(i / max(n - 1, 1), QColor(colour))
            painter.fillRect(bar, gradient)
        painter.setPen(QPen(QColor("#303030")))
        painter.drawRect(bar)
        painter.setPen(QPen(QColor("black")))
        painter.drawText(QRectF(bar.left(), 2 + row_h, bar_w, line_h),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, middle)
        x += bar_w + GAP_PX
        painter.drawText(QRectF(x, 2, high_w + 1, row_h), text_flags, high)
        painter.end()
