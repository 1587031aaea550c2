"""Colours and sizes shared by every view, chosen to read well on a projector."""
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

# Okabe and Ito's palette, told apart with every common colour vision deficiency
# (tests/gui/test_colour_vision.py checks the pairs that carry meaning): no meaning is
# carried by red against green anywhere.
BLUE, ORANGE, SKY_BLUE, BLUISH_GREEN = "#0072b2", "#e69f00", "#56b4e9", "#009e73"
VERMILLION, REDDISH_PURPLE, BLACK = "#d55e00", "#cc79a7", "#000000"
CLASS_COLORS = (BLUE, VERMILLION)  # label 0 blue, label 1 vermillion (a red-orange)
CLASS_SYMBOLS = ("o", "s")         # and circles and squares, for the colour-blind too
TRAIN_COLOR = BLUE
TEST_COLOR = ORANGE
# The first four are the four most apart for every vision (at least 24 CIE76).
LAYER_COLORS = (BLUE, ORANGE, BLACK, SKY_BLUE, VERMILLION, REDDISH_PURPLE, BLUISH_GREEN,
                "#7f7f7f", "#8c564b", "#003f66", "#7a3600", "#00583f")
POSITIVE_WEIGHT = VERMILLION
NEGATIVE_WEIGHT = BLUE
WARNING_COLOR = VERMILLION       # a flagged layer; hatching says it too
PASS_TINT, FAIL_TINT = "#d6e6f5", "#f9dcc4"   # pale blue and pale orange, beside ✔ and ✘
BASE_POINT_SIZE = 11
TITLE_POINT_SIZE = 13
_zoom = [1.0]   # the window's zoom level (gui/zoom.py), for views that size things themselves


def zoom_level():
    return _zoom[0]


def set_zoom_level(level):
    _zoom[0] = level


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


def cache_static(*items):
    """Keep each item (and everything drawn as its child) as a pixmap between changes.

    Qt then repaints the item by copying that pixmap, without calling its Python
    paint(), whenever something else in its area changes (a curve over an axis with
    inward ticks, points over a legend). The pixmap is redrawn when the item itself
    calls update(), changes geometry or the view is resized.
    """
    for item in items:
        if item is None:
            continue
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        cache_static(*item.childItems())


def cache_plot_frame(plot_item):
    """cache_static on what frames a PlotItem's data: axes, title and legend."""
    cache_static(*(plot_item.getAxis(side) for side in ("left", "bottom", "top", "right")),
                 plot_item.titleLabel, plot_item.legend)


def set_view_range(view_box, x_range=None, y_range=None):
    """Show x_range and/or y_range (no padding) in a ViewBox, with its items moved at once.

    pyqtgraph applies a new range to the items only when the view is about to be
    painted, and moving them then asks for a second paint of the whole view; applying
    it here lets one paint show the new range.
    """
    view_box.setRange(xRange=x_range, yRange=y_range, padding=0)
    view_box.updateMatrix()


def unindexed(*graphics_views):
    """Let the scenes of these pyqtgraph widgets find their items by a plain scan.

    A scene's default BSP tree is rebuilt around every item that moves or changes size,
    which live plots do on every frame; with the few dozen items of a plot a scan is
    cheaper (about 5-10% of a frame of the cost and sigmoid plots, measured).
    """
    for view in graphics_views:
        view.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
