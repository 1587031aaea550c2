"""Reading back what a view painted: its canvas grabbed as an image, looked up at points
given in the units of one of its pyqtgraph ViewBoxes."""
import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor


class Painted:
    """The canvas that view_box is drawn on, as it looks now."""

    def __init__(self, view_box):
        self.view_box = view_box
        self.canvas = view_box.scene().views()[0]
        self.image = self.canvas.viewport().grab().toImage()

    def pixel(self, x, y):
        """(column, row) on the canvas of the view point (x, y)."""
        p = self.canvas.mapFromScene(self.view_box.mapViewToScene(QPointF(x, y)))
        return p.x(), p.y()

    def pixels(self, x, y):
        """(columns, rows) of many view points, as two integer arrays."""
        return np.array([self.pixel(a, b) for a, b in zip(x, y)], dtype=int).reshape(-1, 2).T

    def rgb(self, x, y):
        """(r, g, b) painted at the view point (x, y)."""
        return rgb(self.image.pixelColor(*self.pixel(x, y)))

    def colours_near(self, x, y, radius=2):
        """Every (r, g, b) painted within `radius` pixels (a square) of the view point (x, y)."""
        column, row = self.pixel(x, y)
        return {rgb(self.image.pixelColor(c, r))
                for c in range(column - radius, column + radius + 1)
                for r in range(row - radius, row + radius + 1)}


def rgb(colour):
    """(r, g, b) of a QColor or anything QColor takes ('#1f77b4')."""
    c = QColor(colour)
    return c.red(), c.green(), c.blue()


def over_white(colour, alpha):
    """(r, g, b) that `colour` painted with `alpha` (0..255) leaves on a white background."""
    return tuple(round(255 + (v - 255) * alpha / 255) for v in rgb(colour))


def close(actual, expected, tolerance=3):
    """Whether two (r, g, b) differ by at most `tolerance` in every channel."""
    return all(abs(int(a) - int(e)) <= tolerance for a, e in zip(actual, expected))
