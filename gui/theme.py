"""Colours and sizes shared by every view, chosen to read well on a projector."""
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont

CLASS_COLORS = ("#1f77b4", "#d62728")  # label 0 blue, label 1 red
TRAIN_COLOR = "#1f77b4"
TEST_COLOR = "#ff7f0e"
LAYER_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939")
POSITIVE_WEIGHT = "#d62728"
NEGATIVE_WEIGHT = "#1f77b4"
BASE_POINT_SIZE = 11
TITLE_POINT_SIZE = 13


def configure_pyqtgraph():
    """Global pyqtgraph options: white background, antialiased lines."""
    pg.setConfigOptions(background="w", foreground="k", antialias=True)


def layer_color(l):
    """Colour of layer l (1-based)."""
    return LAYER_COLORS[(l - 1) % len(LAYER_COLORS)]


def class_brush(label, alpha=220):
    c = QColor(CLASS_COLORS[int(label)])
    c.setAlpha(alpha)
    return pg.mkBrush(c)


def axis_font():
    f = QFont()
    f.setPointSize(BASE_POINT_SIZE)
    return f


def style_plot(plot_item, title, x_label, y_label):
    """Title and axis labels in readable sizes on a pyqtgraph PlotItem."""
    plot_item.setTitle(title, size=f"{TITLE_POINT_SIZE}pt")
    for side, text in (("bottom", x_label), ("left", y_label)):
        axis = plot_item.getAxis(side)
        axis.setLabel(text, **{"font-size": f"{BASE_POINT_SIZE}pt"})
        axis.setTickFont(axis_font())
