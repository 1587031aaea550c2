"""Zoom: 1x to 3x in steps by Ctrl+= / Ctrl++ / Ctrl+- / Ctrl+0, remembered in the
settings; fonts, pens, markers and the network's nodes scale together."""
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from gui.app_settings import SETTINGS_FILE_VARIABLE
from gui.zoom import LEVELS, SETTING, Zoom


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "zoom.ini"), QSettings.Format.IniFormat)


def test_the_tests_never_use_the_users_settings():
    import os
    assert "backprop-lab-test-settings-" in os.environ[SETTINGS_FILE_VARIABLE]


def test_steps_stop_at_1x_and_3x_and_are_remembered(settings, tmp_path):
    zoom = Zoom(settings)
    assert zoom.level == 1.0
    zoom.zoom_out()
    assert zoom.level == 1.0
    for _ in range(20):
        zoom.zoom_in()
    assert zoom.level == 3.0 == LEVELS[-1]
    zoom.zoom_out()
    assert zoom.level == 2.5
    again = Zoom(QSettings(str(tmp_path / "zoom.ini"), QSettings.Format.IniFormat))
    assert again.level == 2.5
    again.reset()
    assert again.level == 1.0


def test_a_damaged_setting_opens_at_1x_and_a_bad_level_is_refused(settings):
    settings.setValue(SETTING, "huge")
    assert Zoom(settings).level == 1.0
    settings.setValue(SETTING, 7.0)
    assert Zoom(settings).level == 1.0
    with pytest.raises(ValueError, match="not one of 1, 1.25"):
        Zoom(settings).set_level(1.1)


def _sizes(window):
    """A font, a pen, a marker and a node of the window, to compare across zoom levels."""
    cost = window.views["Cost"]
    network = window.views["Network"]
    axis = cost.findChildren(pg.PlotWidget)[0].getPlotItem().getAxis("bottom") \
        if cost.findChildren(pg.PlotWidget) else None
    scene_items = [item for view in network.findChildren(pg.GraphicsView)
                   for item in view.scene().items()]
    curves = [i for i in scene_items if isinstance(i, pg.PlotCurveItem)]
    pen = max(c.opts["pen"].widthF() for c in curves)
    return {"window font": window.font().pointSizeF(),
            "status font": window.statusBar().font().pointSizeF(),
            "tick font": axis.style["tickFont"].pointSizeF() if axis else None,
            # The nodes' size before fitting the room (a short dock shrinks them).
            "network node": network._full_node_size, "network edge": pen}


def test_zoom_keys_scale_everything_together_and_back(window, qtbot):
    before = _sizes(window)
    names = {a.text(): a for a in window.actions()}
    assert names["Zoom in"].shortcuts()[0] == QKeySequence("Ctrl+=")
    assert QKeySequence("Ctrl++") in names["Zoom in"].shortcuts()
    for _ in range(4):
        names["Zoom in"].trigger()          # 1.25, 1.5, 1.75, 2
    qtbot.wait(50)
    assert window.zoom.level == 2.0
    zoomed = _sizes(window)
    for name, size in before.items():
        if size is not None:
            assert zoomed[name] == pytest.approx(2 * size, rel=0.02), name
    names["Zoom to 1x"].trigger()
    qtbot.wait(50)
    assert _sizes(window) == before


def test_restyling_again_changes_nothing(window, qtbot):
    """The slow timer looks again and again: a zoomed window must not keep growing."""
    window.zoom.set_level(1.25)
    once = _sizes(window)
    plot = window.views["Cost"].findChildren(pg.PlotWidget)[0].getPlotItem()
    title = plot.titleLabel.opts["size"]
    for _ in range(3):
        window.zoom_styler.restyle()
    assert _sizes(window) == once
    assert plot.titleLabel.opts["size"] == title
    window.zoom.reset()


def test_a_legend_shrinks_back_with_its_labels(window, qtbot):
    legend = window.views["Cost"].findChildren(pg.PlotWidget)[0].getPlotItem().legend
    width = legend.boundingRect().width()
    window.zoom.set_level(2.0)
    qtbot.wait(50)
    assert legend.boundingRect().width() > 1.5 * width
    window.zoom.reset()
    qtbot.wait(50)
    assert legend.boundingRect().width() == pytest.approx(width, abs=2)


def test_a_window_of_its_own_made_while_zoomed_opens_at_the_zoom(window, qtbot):
    base = window.font().pointSizeF()
    window.zoom.set_level(2.0)
    window.compare_control.open()
    dialog = window.compare_control.view
    assert dialog.font().pointSizeF() == pytest.approx(2 * base)
    hint = dialog.sizeHint()
    assert dialog.width() >= hint.width() and dialog.height() >= hint.height()
    dialog.close()
    window.zoom.set_level(1.0)
    assert dialog.font().pointSizeF() == pytest.approx(base)
    window.zoom.set_level(2.0)
    window.compare_control.open()
    assert dialog.font().pointSizeF() == pytest.approx(2 * base)
    dialog.close()
