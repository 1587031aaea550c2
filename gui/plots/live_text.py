"""Rich text that may change every frame without re-laying out the window.

A QLabel asks its parent layouts to re-lay out whenever its text changes, and in a
QMainWindow that ripples up into repainting the whole window. LiveText has a fixed
height of a chosen number of lines and only repaints itself when its text changes.
"""
from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, QTextDocument
from PySide6.QtWidgets import QSizePolicy, QWidget

MARGIN = 2


class LiveText(QWidget):
    """Word-wrapped rich text, `lines` lines high, repainted (never re-laid out) on change."""

    def __init__(self, lines=2, parent=None):
        super().__init__(parent)
        self._lines = lines
        self._html = ""
        self._document = QTextDocument(self)
        self._document.setDocumentMargin(0)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self._fit_height()

    def text(self):
        return self._html

    def toPlainText(self):
        return self._document.toPlainText()

    def setText(self, html):
        if html != self._html:
            self._html = html
            self._document.setHtml(html)
            self.update()

    def setFont(self, font):
        super().setFont(font)
        self._document.setDefaultFont(font)
        self._fit_height()

    def set_lines(self, lines):
        """Make it `lines` lines high (on a resize, not per frame: this re-lays out)."""
        if lines != self._lines:
            self._lines = lines
            self._fit_height()

    def sizeHint(self):
        return QSize(200, self.height())

    def minimumSizeHint(self):
        return QSize(50, self.height())

    def _fit_height(self):
        self._document.setDefaultFont(self.font())
        self.setFixedHeight(self.fontMetrics().lineSpacing() * self._lines + 2 * MARGIN)

    def paintEvent(self, event):
        width = max(1, self.width() - 2 * MARGIN)
        if width != self._document.textWidth():
            self._document.setTextWidth(width)
        painter = QPainter(self)
        painter.translate(MARGIN, MARGIN)
        self._document.drawContents(painter)
        painter.end()
