"""Presenter mode (F5) and one view large (F, Ctrl+n): in and back out, with the window's
geometry, dock arrangement, zoom and fonts exactly as they were."""
import pyqtgraph as pg
import pytest
from on_screen import open_active_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from gui.main_window import VIEWS
from gui.presenter_mode import LINE_BOOST, PRESENTER_LESSON_SHARE, RESTORE_DOCKS_MS
from gui.zoom import PRESENTER_DEFAULT, SETTING


@pytest.fixture
def window(qtbot):
    w = open_active_window(qtbot, 15_000)
    w.zoom.reset()
    yield w
    w.shut_down()


def settle(qtbot):
    qtbot.wait(80)
    QApplication.processEvents()


def arrangement(window):
    """Where every dock is, for those that can be seen (a tab behind another is
    somewhere off screen)."""
    return {dock.objectName(): dock.geometry().getRect() if on_screen(dock) else None
            for dock in (window.controls_dock, *window.view_docks.values())}


def on_screen(dock):
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def fonts_and_pens(window):
    cost = window.views["Cost"].findChildren(pg.PlotWidget)[0].getPlotItem()
    curves = [item for item in cost.items if isinstance(item, pg.PlotDataItem)]
    return {"window": window.font().pointSizeF(),
            "title": cost.titleLabel.opts["size"],
            "ticks": cost.getAxis("left").style["tickFont"].pointSizeF(),
            "curve": [c.opts["pen"].widthF() for c in curves if c.opts["pen"] is not None]}


def press(qtbot, window, key, modifier=Qt.NoModifier):
    window.activateWindow()    # as after leaving full screen on a desktop
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, modifier)
    settle(qtbot)


def test_f5_goes_full_screen_larger_and_back_exactly(window, qtbot):
    window.resize(1366, 768)
    settle(qtbot)
    geometry, docks, styles = window.geometry(), arrangement(window), fonts_and_pens(window)
    press(qtbot, window, Qt.Key_F5)
    assert window.presenter.active and window.isFullScreen()
    assert not window.data_panel.isVisible() and not window.model_panel.isVisible()
    assert window.training_panel.isVisible()     # learning rate, batch, L2, speed stay
    assert window.zoom.level == PRESENTER_DEFAULT
    presenting = fonts_and_pens(window)
    assert presenting["window"] == pytest.approx(styles["window"] * PRESENTER_DEFAULT)
    assert presenting["curve"] == pytest.approx(
        [w * PRESENTER_DEFAULT * LINE_BOOST for w in styles["curve"]])
    press(qtbot, window, Qt.Key_F5)
    assert not window.presenter.active and not window.isFullScreen()
    assert window.geometry() == geometry
    assert arrangement(window) == docks
    assert fonts_and_pens(window) == styles


def test_escape_leaves_presenter_mode_and_the_presenter_zoom_is_remembered(window, qtbot):
    press(qtbot, window, Qt.Key_F5)
    press(qtbot, window, Qt.Key_Equal, Qt.ControlModifier)
    assert window.zoom.level == 1.75
    press(qtbot, window, Qt.Key_Escape)
    assert not window.presenter.active and window.zoom.level == 1.0
    press(qtbot, window, Qt.Key_F5)
    assert window.zoom.level == 1.75
    window.zoom.set_level(PRESENTER_DEFAULT)
    press(qtbot, window, Qt.Key_Escape)
    assert window.zoom._settings.value(SETTING) in (None, 1.0, "1.0")


@pytest.mark.parametrize("n", range(1, len(VIEWS) + 1))
def test_ctrl_n_shows_view_n_alone_and_again_brings_the_layout_back(window, qtbot, n):
    title = VIEWS[n - 1][0]
    docks = arrangement(window)
    press(qtbot, window, getattr(Qt, f"Key_{n}"), Qt.ControlModifier)
    shown = [d for d in (window.controls_dock, *window.view_docks.values()) if on_screen(d)]
    assert shown == [window.view_docks[title]]
    assert window.views[title].width() >= 0.9 * window.width()
    press(qtbot, window, getattr(Qt, f"Key_{n}"), Qt.ControlModifier)
    assert arrangement(window) == docks


def test_f_enlarges_the_view_under_the_mouse_and_escape_brings_the_layout_back(
        window, qtbot):
    docks = arrangement(window)
    network = window.views["Network"]
    QCursor.setPos(network.mapToGlobal(network.rect().center()))
    if QApplication.widgetAt(QCursor.pos()) is None:
        network.setFocus()      # a platform without a pointer: the view with the focus
    press(qtbot, window, Qt.Key_F)
    assert window.view_large.shown == "Network"
    assert network.height() >= 0.8 * window.height() - 120
    press(qtbot, window, Qt.Key_Escape)
    assert not window.view_large.active
    assert arrangement(window) == docks


def test_zoomed_2x_with_the_network_large_its_nodes_are_twice_as_big(window, qtbot):
    window.resize(1600, 1000)
    press(qtbot, window, Qt.Key_5, Qt.ControlModifier)       # the network
    nodes = window.views["Network"]._nodes
    before = float(nodes.opts["size"])
    window.zoom.set_level(2.0)
    settle(qtbot)
    assert float(nodes.opts["size"]) == pytest.approx(2 * before, abs=1)
    window.zoom.reset()
    press(qtbot, window, Qt.Key_Escape)


def test_escape_in_presenter_mode_lets_a_playing_run_carry_on(window, qtbot):
    press(qtbot, window, Qt.Key_Space)
    qtbot.waitUntil(lambda: window.controller.playing, timeout=5000)
    press(qtbot, window, Qt.Key_F5)
    press(qtbot, window, Qt.Key_Escape)
    assert not window.presenter.active
    qtbot.wait(300)
    assert window.controller.playing       # only the layout came back
    press(qtbot, window, Qt.Key_Escape)    # and Esc again pauses, as it always did
    qtbot.waitUntil(lambda: not window.controller.playing, timeout=5000)


def with_lesson(window, qtbot):
    """The lesson dock shown (a lesson chosen) and laid out; returns the dock."""
    control = window.lessons
    control.reload()
    control.choose(control.library.find("batch-modes"))
    settle(qtbot)
    return control.dock


def test_one_view_large_hides_the_lesson_dock_too_and_brings_it_back(window, qtbot):
    window.resize(1366, 768)
    dock = with_lesson(window, qtbot)
    before = dock.geometry()
    assert on_screen(dock)
    press(qtbot, window, Qt.Key_1, Qt.ControlModifier)
    assert not on_screen(dock)
    assert window.views[VIEWS[0][0]].height() >= 0.8 * window.height() - 120
    press(qtbot, window, Qt.Key_1, Qt.ControlModifier)
    assert on_screen(dock) and dock.geometry() == before


def test_presenter_mode_keeps_the_lesson_text_in_a_strip_and_restores_it(window, qtbot):
    window.resize(1366, 768)
    dock = with_lesson(window, qtbot)
    before = dock.geometry()
    press(qtbot, window, Qt.Key_F5)
    qtbot.wait(3 * RESTORE_DOCKS_MS)
    settle(qtbot)
    assert on_screen(dock)
    share = dock.height() / window.height()
    assert 0.15 <= share <= PRESENTER_LESSON_SHARE + 0.02, (dock.height(), window.height())
    assert on_screen(window.view_docks["Cost"]) or on_screen(window.view_docks["Network"])
    press(qtbot, window, Qt.Key_F5)
    qtbot.wait(3 * RESTORE_DOCKS_MS)
    settle(qtbot)
    assert on_screen(dock) and dock.geometry() == before


def test_a_lesson_chosen_while_presenting_is_a_strip_and_free_again_after(window, qtbot):
    press(qtbot, window, Qt.Key_F5)
    qtbot.wait(3 * RESTORE_DOCKS_MS)
    dock = with_lesson(window, qtbot)
    assert on_screen(dock)
    assert dock.height() <= (PRESENTER_LESSON_SHARE + 0.02) * window.height()
    press(qtbot, window, Qt.Key_F5)
    assert dock.maximumHeight() > window.height()
