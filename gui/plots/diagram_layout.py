"""Where the network diagram's words go: the layer labels under the columns (shorter
where columns are narrow), the frame around the layer being computed and its label, and
the margins in pixels that keep all of them inside the view at any size."""
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsRectItem

from gui import theme
from gui.plots.diagram_words import band_text

# Nodes span y = -0.5 .. 0.5 (y grows downwards) and x = 0 .. L; the margins around them
# are set in pixels on every resize, so that labels of any length are never cut off.
MARGIN_PX = 6
MIN_NODE_PX = 5   # still a dot one can hover; 16 of them fit in 80 px
SHORT_NAMES = {"input": "x", "sigmoid": "\u03c3", "tanh": "tanh", "relu": "ReLU",
               "leaky_relu": "lReLU", "linear": "lin"}
BAND_FILL = (255, 226, 110, 90)
BAND_PEN = "#8a6d00"


class DiagramLayout:
    """Mixed into NetworkDiagram, whose view box, nodes and picture it places words on."""

    def _build_labels(self, sizes):
        font = theme.axis_font()
        self._labels = []
        for l, n in enumerate(sizes):
            kind = self._kinds[l]
            hidden = n - len(self._units[l])
            more = [f"\u2026 +{hidden} more"] if hidden else []
            # Ever narrower, for columns too narrow for the one before (a deep net in a
            # small dock): one line, the size on a line of its own, a short name.
            variants = [[f"{kind} ({n})"] + more, [kind, f"({n})"] + more,
                        [SHORT_NAMES.get(kind, kind[:4]), f"({n})"]
                        + ([f"+{hidden}"] if hidden else [])]
            label = pg.TextItem("\n".join(variants[0]), color="k", anchor=(0.5, 0.0))
            label.setFont(font)
            label.setPos(float(l), 0.5)
            self._view.addItem(label)
            theme.cache_static(label)
            self._labels.append((label, ["\n".join(v) for v in variants]))

    def _build_band(self):
        """The frame around the layer being computed, and its label (hidden when not
        stepping)."""
        self._band = QGraphicsRectItem(QRectF(0, 0, 1, 1))
        self._band.setBrush(pg.mkBrush(*BAND_FILL))
        self._band.setPen(pg.mkPen(BAND_PEN, width=2, style=Qt.PenStyle.DashLine))
        self._band.setZValue(-5)
        self._band.setVisible(False)
        self._view.addItem(self._band)
        self._band_label = pg.TextItem("", color=BAND_PEN, anchor=(0.5, 1.0))
        font = theme.axis_font()
        font.setBold(True)
        self._band_label.setFont(font)
        self._band_label.setZValue(20)
        self._band_label.setVisible(False)
        self._view.addItem(self._band_label)

    def _fit_layout(self, *args):
        """Margins in pixels around the nodes for the labels, at this size: the layer
        labels below (on two lines where the columns are too narrow for one), the band's
        label above, half a label's width left and right of the outer columns."""
        if self._session is None or not self._labels:
            return
        width, height = self._view.width(), self._view.height()
        if width <= 1 or height <= 1:
            return
        L = len(self._units) - 1
        radius = self._node_size / 2 + 2
        column_px = width / max(L + 1, 1)
        for label, variants in self._labels:
            for text in variants:
                if text != label.toPlainText():
                    label.setText(text)
                if label.boundingRect().width() + MARGIN_PX <= column_px:
                    break
        label_h = max(label.boundingRect().height() for label, _ in self._labels)
        band_h = self._band_label.boundingRect().height() if self._band_label else 0
        band_h = max(band_h, 18)
        # Nodes no bigger than the gap between two of them in a column, so that a short
        # dock shows them side by side rather than piled on one another.
        tallest = max(len(u) for u in self._units)
        if tallest > 1:
            free = height - 2 * (self._full_node_size / 2 + 2) - band_h - label_h - 3 * MARGIN_PX
            gap_px = free * self._spacing
            size = int(min(self._full_node_size, max(MIN_NODE_PX, 0.8 * gap_px)))
            if size != self._node_size:
                self._node_size = size
                self._nodes.setSize(size)
            radius = self._node_size / 2 + 2
        thumb = self._thumbnails.side_px(height - band_h - label_h - 3 * MARGIN_PX - 4,
                                         self._spacing, column_px, self._node_size)
        radius = max(radius, thumb / 2 + 2)
        top = radius + band_h + 2 * MARGIN_PX
        bottom = radius + label_h + MARGIN_PX
        half_first = max(radius + self._input_names.width_px(),
                         self._labels[0][0].boundingRect().width() / 2)
        half_last = max(radius, self._labels[-1][0].boundingRect().width() / 2)
        left, right = half_first + MARGIN_PX, half_last + MARGIN_PX
        px_h = 1.0 / max(height - top - bottom, 20.0)
        px_w = max(L, 1) / max(width - left - right, 20.0)
        x_range = (-left * px_w, (L if L else 1) + right * px_w)
        y_range = (-0.5 - top * px_h, 0.5 + bottom * px_h)
        self._view.setRange(xRange=x_range, yRange=y_range, padding=0)
        self._px = (px_w, px_h)
        self._input_names.place(radius, px_w, self._spacing / px_h)
        self._thumbnails.place(thumb, px_w, px_h)
        for l, (label, _) in enumerate(self._labels):
            label.setPos(float(l), 0.5 + radius * px_h)
        self._place_band()

    def _place_band(self):
        picture = self._picture
        if picture is None or not picture.stepping or not hasattr(self, "_px"):
            self._band.setVisible(False)
            self._band_label.setVisible(False)
            return
        px_w, px_h = self._px
        L = len(self._units) - 1
        r_w, r_h = (self._node_size / 2 + 4) * px_w, (self._node_size / 2 + 4) * px_h
        if picture.mode == "update":
            x0, x1 = 0.0 - r_w, L + r_w
        elif picture.mode == "cost":
            x0, x1 = L - r_w, L + r_w
        else:   # the edges into layer l and the nodes of layer l
            x0, x1 = picture.layer - 0.72, picture.layer + r_w
        y0, y1 = -0.5 - r_h, 0.5 + r_h
        self._band.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self._band.setVisible(True)
        self._band_label.setText(band_text(picture))
        half = self._band_label.boundingRect().width() / 2 * px_w
        low, high = self._view.viewRange()[0]
        centre = min(max((x0 + x1) / 2, low + half), high - half)
        self._band_label.setPos(centre, y0 - 2 * px_h)
        self._band_label.setVisible(True)
