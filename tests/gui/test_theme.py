"""The helpers in gui.theme that every view uses to paint less."""
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from gui import theme


def test_cache_static_covers_an_item_and_everything_drawn_inside_it(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    legend = widget.getPlotItem().addLegend()
    legend.addItem(widget.plot([1, 2, 3], name="a curve"), "a curve")
    theme.cache_plot_frame(widget.getPlotItem())
    cached = QGraphicsItem.CacheMode.DeviceCoordinateCache
    axis = widget.getPlotItem().getAxis("left")
    assert axis.cacheMode() == cached
    assert all(child.cacheMode() == cached for child in axis.childItems())   # its label
    sample, label = legend.items[0]
    assert legend.cacheMode() == sample.cacheMode() == label.cacheMode() == cached
    # The data are left alone: they change on every frame.
    assert widget.getPlotItem().listDataItems()[0].cacheMode() == QGraphicsItem.CacheMode.NoCache


def test_set_view_range_moves_the_items_at_once(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    view = widget.getPlotItem().getViewBox()
    view.disableAutoRange()
    theme.set_view_range(view, x_range=(100.0, 200.0), y_range=(-1.0, 1.0))
    # Without a paint in between, the items' transform already shows the new range:
    # x = 100 and x = 200 land on the view's left and right edges.
    to_view = view.childGroup.transform()
    assert abs(to_view.map(100.0, 0.0)[0] - view.rect().left()) < 1e-6
    assert abs(to_view.map(200.0, 0.0)[0] - view.rect().right()) < 1e-6


def test_unindexed_scenes_are_scanned(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    theme.unindexed(widget)
    assert widget.scene().itemIndexMethod() == QGraphicsScene.ItemIndexMethod.NoIndex
