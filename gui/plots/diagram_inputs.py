"""The names of the network diagram's input units (x1, x2, x1², sin x1, ...), drawn left
of their nodes, so that extra input features are seen as inputs of their own."""
import pyqtgraph as pg

from gui import theme

MAX_NAMED = 20     # inputs beyond this are not named (the tooltip still names each one)
MAX_CHARS = 12     # a longer name is shortened with "…"
GAP_PX = 4


def short_name(name):
    return name if len(name) <= MAX_CHARS else name[:MAX_CHARS - 1] + "\u2026"


class InputNames:
    """TextItems naming the drawn input units of a NetworkDiagram's view box."""

    def __init__(self, view):
        self._view = view
        self._items = []

    def build(self, feature_names, units, ys):
        """Name the input units `units` (indices into feature_names) drawn at heights ys;
        no names for more than MAX_NAMED inputs. Called on a cleared view box."""
        self._items = []
        if len(feature_names) > MAX_NAMED:
            return
        font = theme.axis_font()
        for unit, y in zip(units, ys):
            item = pg.TextItem(short_name(feature_names[unit]), color="k", anchor=(1.0, 0.5))
            item.setFont(font)
            item.setPos(0.0, float(y))
            item.setZValue(12)
            self._view.addItem(item)
            theme.cache_static(item)
            self._items.append(item)

    @property
    def texts(self):
        """The names drawn now (none where they would not fit)."""
        return [item.toPlainText() for item in self._items if item.isVisible()]

    def width_px(self):
        """The pixels the names need left of the input nodes' edge (0 without names)."""
        if not self._items:
            return 0.0
        return max(item.boundingRect().width() for item in self._items) + GAP_PX

    def place(self, radius_px, px_w, spacing_px):
        """Put the names just left of nodes radius_px wide, one pixel being px_w, the
        nodes spacing_px apart; hidden where they would run into one another."""
        fits = all(item.boundingRect().height() <= spacing_px + 2 for item in self._items)
        for item in self._items:
            item.setPos(-(radius_px + GAP_PX / 2) * px_w, item.pos().y())
            item.setVisible(fits or len(self._items) == 1)
