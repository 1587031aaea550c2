"""Applies a zoom level to a whole window at once: every font, line width, marker size and
network node grows by the same factor, without each view knowing about it.

- Widgets: the window's font is scaled, and every widget inherits it; a widget given a
  font of another size than its parent's (a caption, a plot's title) is scaled from the
  size it had when first seen. A widget that sizes its text from its own font (the stepper) does so again when
  that font changes (QEvent.FontChange).
- pyqtgraph items, in every QGraphicsView of the window: titles, axis labels and tick
  fonts, text items, pens of curves, lines, bars and axes, and scatter marker sizes.
- A widget with an apply_zoom(level) method (the network diagram, whose nodes fit the
  room there is) is told the new level; theme.zoom_level() says it to views as they build.

A view may set a pen or a size again later (a new model, new data); a slow timer finds
values that are not the ones set here and treats them as the view's new base size.
`line_boost` thickens lines beyond the zoom (markers grow with the zoom only, so that
dense data stays apart): presenter mode's high contrast.
"""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QFont, QPen
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from . import theme

RESTYLE_MS = 1000   # how often new or changed plot items are looked for while zoomed


def _points(text, default):
    """'13pt' -> 13.0; anything else -> default."""
    if isinstance(text, str) and text.endswith("pt"):
        try:
            return float(text[:-2])
        except ValueError:
            pass
    return default


def _scaled_pen(pen, width):
    pen = QPen(pen)
    pen.setWidthF(width)
    return pen


def _width(pen):
    """A pen's width in pixels (a cosmetic width of 0 draws 1 pixel)."""
    return max(pen.widthF(), 1.0)


class _Scaled:
    """One value of one item: its size at 1x and the value last set here."""

    @staticmethod
    def get(item, key, current, factor):
        """The value `current` should have at `factor`, or None to leave it alone."""
        record = getattr(item, "_zoom_sizes", None)
        if record is None:
            record = {}
            try:
                item._zoom_sizes = record
            except AttributeError:
                return None
        base, applied = record.get(key, (None, None))
        if base is None or not _same(current, applied):
            base = current     # new, or set again by its view: its own size at 1x
        wanted = base * factor
        record[key] = (base, wanted)
        return None if _same(current, wanted) else wanted


def _same(a, b):
    if a is None or b is None:
        return a is b
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        return a.shape == b.shape and np.allclose(a, b, rtol=1e-3, atol=0.01)
    return abs(float(a) - float(b)) <= 0.01 + 1e-3 * abs(float(b))


class ZoomStyler(QObject):
    """Keeps `window` styled for `zoom.level` (gui/zoom.py) and `line_boost`."""

    def __init__(self, window, zoom):
        super().__init__(window)
        self._window = window
        self._zoom = zoom
        self.line_boost = 1.0
        self._legends = set()
        self._base_font = QFont(window.font())
        self._timer = QTimer(self)
        self._timer.setInterval(RESTYLE_MS)
        self._timer.timeout.connect(self._restyle_items)
        zoom.changed.connect(self.restyle)
        self.restyle()

    def set_line_boost(self, boost):
        self.line_boost = boost
        self.restyle()

    @Slot()
    def _restyle_items(self):
        self.restyle(widgets=False)

    def restyle(self, *_, widgets=True):
        """Style the window for the zoom level: its widgets' fonts too unless `widgets`
        is False (the timer's look: views make plot items, not widgets, as they go)."""
        factor = self._zoom.level
        zoom_changed = theme.zoom_level() != factor
        theme.set_zoom_level(factor)
        font = QFont(self._base_font)
        font.setPointSizeF(self._base_font.pointSizeF() * factor)
        if self._window.font() != font:
            self._window.setFont(font)
        if widgets:
            self._widget_fonts(factor)
        self._legends = set()
        for view in self._window.findChildren(QGraphicsView):
            for item in view.scene().items():
                self._item(item, factor, factor * self.line_boost)
        for legend in self._legends:
            # A legend keeps its size until told, and lays its labels out in all of it:
            # shrunk to nothing first, it takes the size its labels need now.
            legend.resize(0, 0)
            legend.layout.activate()
            legend.updateSize()
        if zoom_changed:
            for widget in self._window.findChildren(QWidget):
                if hasattr(widget, "apply_zoom"):
                    widget.apply_zoom(factor)
        live = factor != 1.0 or self.line_boost != 1.0
        if live and not self._timer.isActive():
            self._timer.start()
        elif not live:
            self._timer.stop()

    def adopt_window(self, widget):
        """Keep `widget`, a window of its own made by the main window (its font is not
        inherited from it), at the zoom from now on: its font now is its size at 1x."""
        size = widget.font().pointSizeF()
        widget._zoom_sizes = {"font": (size, size)}
        self._widget_font(widget, self._zoom.level)
        # Made for 1x, it grows to hold its zoomed words (never shrinks).
        widget.resize(widget.size().expandedTo(widget.sizeHint()))

    def _widget_fonts(self, factor):
        self_sizing = set()
        for widget in self._window.findChildren(QWidget):
            if getattr(widget, "sizes_own_text", False):
                self_sizing.update(widget.findChildren(QWidget))
        for widget in self._window.findChildren(QWidget):
            if widget not in self_sizing:
                self._widget_font(widget, factor)

    def _widget_font(self, widget, factor):
        size = widget.font().pointSizeF()
        parent = widget.parentWidget()
        seen = getattr(widget, "_zoom_sizes", None) is not None
        # A font of the same size as its parent's is (almost always) inherited from it,
        # and grows with the window's.
        if size <= 0 or (not seen and parent is not None
                         and parent.font().pointSizeF() == size):
            return
        wanted = _Scaled.get(widget, "font", size, factor)
        if wanted is not None:
            font = QFont(widget.font())
            font.setPointSizeF(wanted)
            widget.setFont(font)

    def _item(self, item, factor, line_factor):
        parent = item.parentItem()
        if isinstance(parent, pg.PlotDataItem) or getattr(item, "zooms_itself", False):
            return    # styled through the PlotDataItem itself, or by its view
        if isinstance(item, pg.LabelItem):
            size = _points(item.opts.get("size"), QApplication.font().pointSizeF())
            wanted = _Scaled.get(item, "font", size, factor)
            if wanted is not None:
                item.setText(item.text, size=f"{wanted:g}pt")
                if isinstance(item.parentItem(), pg.LegendItem):
                    self._legends.add(item.parentItem())
        elif isinstance(item, pg.AxisItem):
            self._axis(item, factor, line_factor)
        elif isinstance(item, pg.TextItem):
            size = item.textItem.font().pointSizeF()
            wanted = _Scaled.get(item, "font", size, factor)
            if wanted is not None and size > 0:
                font = QFont(item.textItem.font())
                font.setPointSizeF(wanted)
                item.setFont(font)
        elif isinstance(item, pg.PlotDataItem):
            self._pen(item, item.opts.get("pen"), line_factor, item.setPen)
            size = item.opts.get("symbolSize")
            if item.opts.get("symbol") is not None and size is not None:
                wanted = _Scaled.get(item, "symbol", size, factor)
                if wanted is not None:
                    item.setSymbolSize(wanted)
        elif isinstance(item, pg.PlotCurveItem):
            self._pen(item, item.opts.get("pen"), line_factor, item.setPen)
        elif isinstance(item, pg.ScatterPlotItem):
            self._scatter(item, factor)
        elif isinstance(item, pg.InfiniteLine):
            self._pen(item, item.pen, line_factor, item.setPen)
        elif isinstance(item, pg.BarGraphItem):
            pen = item.opts.get("pen")
            if isinstance(pen, QPen):
                self._pen(item, pen, line_factor, lambda p: item.setOpts(pen=p))

    def _axis(self, axis, factor, line_factor):
        label_size = _points(axis.labelStyle.get("font-size"), None)
        if label_size is not None:
            wanted = _Scaled.get(axis, "label", label_size, factor)
            if wanted is not None:
                axis.setLabel(axis.labelText, axis.labelUnits, axis.labelUnitPrefix,
                              **dict(axis.labelStyle, **{"font-size": f"{wanted:g}pt"}))
        tick_font = axis.style.get("tickFont") or QFont(QApplication.font())
        wanted = _Scaled.get(axis, "ticks", tick_font.pointSizeF(), factor)
        if wanted is not None:
            font = QFont(tick_font)
            font.setPointSizeF(wanted)
            axis.setTickFont(font)
        self._pen(axis, axis.pen(), line_factor, axis.setPen)

    @staticmethod
    def _pen(item, pen, factor, set_pen):
        if not isinstance(pen, QPen) or pen.style() == Qt.PenStyle.NoPen:
            return
        wanted = _Scaled.get(item, "pen", _width(pen), factor)
        if wanted is not None:
            set_pen(_scaled_pen(pen, wanted))

    @staticmethod
    def _scatter(item, factor):
        per_spot = item.data["size"]
        if len(per_spot) and (per_spot >= 0).all():
            current = per_spot.copy()
            wanted = _Scaled.get(item, "sizes", current, factor)
            if wanted is not None:
                item.setSize(wanted)
        else:
            wanted = _Scaled.get(item, "size", item.opts["size"], factor)
            if wanted is not None:
                item.setSize(wanted)

