"""First-layer weights of an image model, each hidden unit's weights shown as an image.

Row k of W[1] (n_1, n_x) holds one weight per pixel, so reshaped to the image's shape
it shows which pixels push unit k up (orange) or down (blue). All tiles share one scale,
the largest |w| in the tiles shown, so they can be compared with each other; the scale
is recomputed every update and printed under the tiles.
"""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QLabel, QVBoxLayout, QWidget

from gui import theme

MAX_UNITS = 32
GAP = 2  # pixels of blank between tiles
TILE_OUTLINE = "#808080"


def weight_colormap():
    """Blue (negative) -> white (0) -> orange (positive): the colours of the weight signs."""
    return pg.ColorMap(pos=[0.0, 0.5, 1.0],
                       color=[theme.NEGATIVE_WEIGHT, "#ffffff", theme.POSITIVE_WEIGHT])


def tile_grid(n):
    """(rows, cols) for n tiles: as square as possible, wider than tall."""
    cols = int(np.ceil(np.sqrt(n)))
    return int(np.ceil(n / cols)), cols


def _wrapped_label(point_size):
    label = QLabel()
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    font = QFont()
    font.setPointSize(point_size)
    label.setFont(font)
    label.setStyleSheet("background-color: white; color: black;")
    return label


class WeightImages(QWidget):
    """A grid of image tiles, one per first-layer unit (at most MAX_UNITS)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._title = _wrapped_label(theme.TITLE_POINT_SIZE)
        self._caption = _wrapped_label(theme.BASE_POINT_SIZE)
        self._canvas = pg.GraphicsLayoutWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._title)
        layout.addWidget(self._canvas, 1)
        layout.addWidget(self._caption)
        self._view = self._canvas.addViewBox(row=0, col=0, lockAspect=True, invertY=True,
                                             enableMouse=False, enableMenu=False)
        self._image = pg.ImageItem(axisOrder="row-major")
        self._image.setColorMap(weight_colormap())
        self._view.addItem(self._image)
        self._outlines = QGraphicsPathItem()
        pen = QPen(QColor(TILE_OUTLINE))
        pen.setCosmetic(True)
        self._outlines.setPen(pen)
        self._view.addItem(self._outlines)
        self._bar = pg.ColorBarItem(values=(-1.0, 1.0), colorMap=weight_colormap(),
                                    interactive=False, colorMapMenu=False, width=18)
        self._bar.getAxis("left").setLabel("w / max |w|",
                                           **{"font-size": f"{theme.BASE_POINT_SIZE}pt"})
        self._bar.axis.setTickFont(theme.axis_font())
        self._canvas.addItem(self._bar, row=0, col=1)
        self._labels = []
        self._shape = None
        self.scale = 0.0
        self._mosaic = np.zeros((1, 1), np.float32)
        self._scale_text = None

    def set_session(self, session):
        """Lay out tiles for this model's first layer (session.image_shape must be set)."""
        h, w = session.image_shape
        n_1 = session.layer_sizes[1]
        self._n = min(n_1, MAX_UNITS)
        self._shape = (h, w)
        rows, cols = tile_grid(self._n)
        self._mosaic = np.zeros((rows * (h + GAP) - GAP, cols * (w + GAP) - GAP), np.float32)
        tops = (np.arange(self._n) // cols) * (h + GAP)
        lefts = (np.arange(self._n) % cols) * (w + GAP)
        # _where[k] lists the flat mosaic positions of unit k's pixels, in row-major order.
        r, c = np.mgrid[0:h, 0:w]
        self._where = ((tops[:, None] + r.ravel()) * self._mosaic.shape[1]
                       + lefts[:, None] + c.ravel())
        path = QPainterPath()
        for top, left in zip(tops, lefts):
            path.addRect(float(left), float(top), float(w), float(h))
        self._outlines.setPath(path)
        for label in self._labels:
            self._view.removeItem(label)
        self._labels = []
        if self._n > 1:
            for k, (top, left) in enumerate(zip(tops, lefts)):
                label = pg.TextItem(str(k + 1), color="#404040", anchor=(0, 0))
                label.setPos(float(left), float(top))
                self._view.addItem(label)
                self._labels.append(label)
        self._image.setImage(self._mosaic, autoLevels=False, levels=(-1.0, 1.0))
        self._view.setRange(xRange=(0, self._mosaic.shape[1]), yRange=(0, self._mosaic.shape[0]),
                            padding=0.02)
        if session.layer_sizes[1] == 1 and len(session.layer_sizes) == 2:
            title = "Weights w: one per pixel"
        else:
            title = f"First-layer weights W[1], one {h}\u00d7{w} image per hidden unit"
        self._title.setText(title)
        self._shown_note = "" if n_1 <= MAX_UNITS else f"showing units 1\u2013{MAX_UNITS} of {n_1}. "
        self.scale = 0.0
        self._scale_text = None
        self._set_caption(0.0)

    def show_weights(self, W1):
        """Paint W1 (n_1, n_x); a W1 with a non-finite value is not drawn."""
        if self._shape is None:
            return
        W = np.asarray(W1[: self._n])
        if not np.all(np.isfinite(W)):
            return
        scale = float(np.max(np.abs(W))) if W.size else 0.0
        self.scale = scale
        self._mosaic.flat[self._where.ravel()] = (W / scale).ravel() if scale > 0 else 0.0
        self._image.setImage(self._mosaic, autoLevels=False, levels=(-1.0, 1.0))
        self._set_caption(scale)

    def tiles(self):
        """(n_shown, h, w): the weights as painted, in units of the scale (max |w|)."""
        h, w = self._shape
        return self._mosaic.flat[self._where].reshape(-1, h, w)

    def _set_caption(self, scale):
        text = (f"{self._shown_note}Orange: weight > 0, blue: < 0. Scale: max |w| = {scale:.2g} "
                "(largest in these tiles, now).")
        if text != self._scale_text:
            self._scale_text = text
            self._caption.setText(text)
