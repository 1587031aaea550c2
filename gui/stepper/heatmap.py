"""One array as a grid of coloured cells, with its numbers when it is small.

The picture is built once per array as a QImage of at most MAX_COLS x MAX_ROWS cells
(larger arrays keep, in each block of columns or rows, the value of largest size, so a
single large number stays visible) and painted scaled: no widget per cell.
"""
import numpy as np
from PySide6.QtCore import QPoint, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from .diverging_colors import colorize, is_dark, positions
from .number_format import full_number, short_number

NUMBERS_UP_TO = 8        # arrays of at most 8 x 8 show their numbers
MAX_COLS = 480           # cells drawn across, at most (fewer than the pixels there are)
MAX_ROWS = 160
TARGET_WIDTH = 320       # pixels a many-column array is stretched or squeezed to
TARGET_HEIGHT = 120
HIGHLIGHT = QColor("#111111")
NUMBER_SCALES = (1.0, 0.85, 0.72)   # font sizes tried for the numbers, largest first


def reduce_blocks(a, max_rows, max_cols):
    """a, or a smaller array whose cells each keep the value of largest |value| in a
    block of a's cells; returns (array, row step, column step)."""
    rows, cols = a.shape
    row_step = -(-rows // max_rows)
    col_step = -(-cols // max_cols)
    if row_step == 1 and col_step == 1:
        return a, 1, 1
    padded = np.zeros((-(-rows // row_step) * row_step, -(-cols // col_step) * col_step))
    padded[:rows, :cols] = np.nan_to_num(a)
    blocks = padded.reshape(padded.shape[0] // row_step, row_step,
                            padded.shape[1] // col_step, col_step).transpose(0, 2, 1, 3)
    flat = blocks.reshape(blocks.shape[0], blocks.shape[1], -1)
    pick = np.abs(flat).argmax(axis=2)
    return np.take_along_axis(flat, pick[..., None], axis=2)[..., 0], row_step, col_step


def shows_numbers(shape):
    return len(shape) == 2 and shape[0] <= NUMBERS_UP_TO and shape[1] <= NUMBERS_UP_TO


class Heatmap(QWidget):
    """A 2-D array in the diverging colours; hover a cell for its value."""

    def __init__(self, parent=None, zoom=1.0, max_width=TARGET_WIDTH):
        """zoom: how much larger than the usual size to draw; max_width: the pixels the
        heatmap may take across (a many-column array is squeezed into them)."""
        super().__init__(parent)
        self._max_width = max(int(max_width), 60)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        self._zoom = zoom
        self._values = np.zeros((1, 1))
        self._image = None
        self._scale = 1.0
        self._column = None
        self._steps = (1, 1)
        self._numbers = False
        self._column_names = None
        self._cell = QSizeF(10, 10)   # pixels per cell shown; fractional when squeezed

    def set_array(self, values, scale, column=None, column_names=None):
        """values (n, k) (a (n,) array is a column); scale: the |value| of the end colours;
        column: the column to outline, or None; column_names[j]: what column j is (for the
        hover text), e.g. the example number."""
        values = np.asarray(values, dtype=float)
        if values.ndim == 1:
            values = values[:, None]
        self._values = values
        self._scale = scale
        self._column = column
        self._column_names = column_names
        self._numbers = shows_numbers(values.shape)
        self._number_scale = 1.0
        # Never more columns than pixels: a squeezed image would drop columns unseen.
        max_cols = int(min(MAX_COLS, TARGET_WIDTH * self._zoom, self._max_width - 2))
        shown, row_step, col_step = reduce_blocks(values, MAX_ROWS, max_cols)
        self._steps = (row_step, col_step)
        self._shown = shown
        rgba = np.ascontiguousarray(colorize(shown, scale))
        self._rgba = rgba   # QImage does not own the memory
        h, w = shown.shape
        self._image = QImage(rgba.data, w, h, 4 * w, QImage.Format_RGBA8888)
        self._cell = self._cell_size(shown.shape)
        self.setFixedSize(self.sizeHint())
        self.update()

    def _cell_size(self, shape):
        rows, cols = shape
        if self._numbers:
            # Smaller numbers where the full size does not fit; colours alone (the values
            # on hover) where even the smallest does not.
            for scale in NUMBER_SCALES:
                self._number_scale = scale
                metrics = QFontMetrics(self._number_font())
                widest = max(metrics.horizontalAdvance(short_number(v))
                             for v in self._values.ravel()) if self._values.size else 10
                cell = QSizeF(max(widest + 10 * scale, 38 * scale), metrics.height() + 8)
                if cols * cell.width() + 2 <= self._max_width:
                    return cell
            self._numbers = False
        width = min(TARGET_WIDTH * self._zoom, self._max_width - 2) / cols
        height = TARGET_HEIGHT * self._zoom / rows
        return QSizeF(min(width, 18 * self._zoom), min(max(height, 1), 18 * self._zoom))

    def _number_font(self):
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * self._zoom * self._number_scale)
        return font

    def sizeHint(self):
        h, w = self._shown.shape if self._image is not None else (1, 1)
        return QSize(round(w * self._cell.width()) + 2, round(h * self._cell.height()) + 2)

    def cell_rect(self, row, col):
        """The rectangle of shown cell (row, col) in widget pixels."""
        cw, ch = self._cell.width(), self._cell.height()
        return QRectF(1 + col * cw, 1 + row * ch, cw, ch)

    def number_texts(self):
        """The numbers written in the cells, row by row, or None when it shows none."""
        if not self._numbers:
            return None
        return [[short_number(v) for v in row] for row in self._values]

    def shown_shape(self):
        """(rows, columns) of cells drawn, after reducing a large array."""
        return self._shown.shape

    def highlighted_column(self):
        """The array column outlined, or None."""
        return self._column

    def paintEvent(self, event):
        if self._image is None:
            return
        painter = QPainter(self)
        h, w = self._shown.shape
        whole = QRectF(1, 1, w * self._cell.width(), h * self._cell.height())
        painter.drawImage(whole, self._image)
        painter.setPen(QPen(QColor("#9a9a9a"), 1))
        painter.drawRect(whole.adjusted(-1, -1, 0, 0))
        if self._numbers:
            self._paint_numbers(painter)
        if self._column is not None:
            col = self._column // self._steps[1]
            # At least 2 pixels wide, so one squeezed column still shows its outline.
            left = 1 + col * self._cell.width()
            rect = QRectF(left, 1, max(self._cell.width(), 2.0), whole.height())
            # A dark and a light line, so the outline shows on every colour.
            painter.setPen(QPen(QColor("white"), 3))
            painter.drawRect(rect.adjusted(-1, -1, 0, 0))
            painter.setPen(QPen(HIGHLIGHT, 1.5))
            painter.drawRect(rect.adjusted(-1, -1, 0, 0))
        painter.end()

    def _paint_numbers(self, painter):
        painter.setFont(self._number_font())
        t = positions(self._values, self._scale)
        light, dark = QColor("white"), QColor("#111111")
        grid = QPen(QColor(255, 255, 255, 140), 1)
        for row, texts in enumerate(self.number_texts()):
            for col, text in enumerate(texts):
                rect = self.cell_rect(row, col)
                painter.setPen(grid)
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                painter.setPen(light if is_dark(t[row, col]) else dark)
                painter.drawText(rect, Qt.AlignCenter, text)

    def cell_at(self, point):
        """The array (row, column) under a widget point, or None."""
        cw, ch = self._cell.width(), self._cell.height()
        row, col = int((point.y() - 1) // ch), int((point.x() - 1) // cw)
        if not (0 <= row < self._shown.shape[0] and 0 <= col < self._shown.shape[1]):
            return None
        return (min(row * self._steps[0], self._values.shape[0] - 1),
                min(col * self._steps[1], self._values.shape[1] - 1))

    def mouseMoveEvent(self, event):
        cell = self.cell_at(event.position().toPoint())
        if cell is None:
            QToolTip.hideText()
            return
        row, col = cell
        text = f"row {row}, column {col}"
        if self._column_names is not None and col < len(self._column_names):
            text += f" (example #{int(self._column_names[col])})"
        if self._steps != (1, 1):
            text += f"\nlargest |value| of {self._steps[0]}×{self._steps[1]} cells here"
            value = self._shown[(row // self._steps[0]), (col // self._steps[1])]
        else:
            value = self._values[row, col]
        QToolTip.showText(event.globalPosition().toPoint() + QPoint(12, 12),
                          f"{text}\n{full_number(value)}", self)
