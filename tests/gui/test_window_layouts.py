"""The Train and Step layouts at 1366x768 and 1920x1080: no view squeezed, spare width to
the views, each layout remembers how it was left; the window fits the screen it opens on."""
import pyqtgraph as pg
import pytest
from on_screen import open_main_window
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QGraphicsView, QTabBar

from gui.main_window import MIN_VIEW_SIZE
from gui.screen_fit import fitted_geometry
from gui.window_layouts import STEP, TRAIN

SCREENS = [(1366, 768), (1920, 1080)]


def settle(qtbot):
    """Let the deferred default sizes and the dock layout happen."""
    qtbot.wait(50)
    QApplication.processEvents()


def in_a_tab(window, dock):
    return bool(window.tabifiedDockWidgets(dock))


# Every plot's plotting area is at least MIN_PLOT_AREA and the main (largest) plot of a
# view at least MIN_MAIN_PLOT_AREA (width, height). The decision boundary was once a
# 40 px strip under its legend. At 1366x768 the Train layout is tight: the sigmoid and
# gradient views' main plots get 60-70 px of height, their second plots (the per-class
# histogram, the latest ||dW|| bars under the flags) 24-40 px; the Step layout's tabs
# give them more.
MIN_PLOT_AREA = (120, 20)
MIN_MAIN_PLOT_AREA = (120, 55)


def plot_areas(view):
    """The on-screen sizes of the visible pyqtgraph ViewBoxes of `view` (colour bars,
    narrow by design, left out)."""
    sizes = []
    for graphics in view.findChildren(QGraphicsView):
        if not graphics.isVisible():
            continue
        for item in graphics.scene().items():
            colour_bar = isinstance(item.parentItem(), pg.ColorBarItem)
            if isinstance(item, pg.ViewBox) and item.isVisible() and not colour_bar:
                rect = item.sceneBoundingRect()
                sizes.append((rect.width(), rect.height()))
    return sizes


def assert_every_view_usable(window, qtbot):
    room = window.rect()
    for title, dock in window.view_docks.items():
        if in_a_tab(window, dock):
            dock.raise_()
            settle(qtbot)
        view = window.views[title]
        assert view.isVisible(), f"{title} cannot be seen"
        assert view.width() >= MIN_VIEW_SIZE[0] and view.height() >= MIN_VIEW_SIZE[1], (
            f"{title} squeezed to {view.width()}x{view.height()}")
        top_left = dock.mapTo(window, dock.rect().topLeft())
        assert room.contains(QRect(top_left, dock.size())), f"{title} is cut off"
        areas = plot_areas(view)
        for width, height in areas:
            assert width >= MIN_PLOT_AREA[0] and height >= MIN_PLOT_AREA[1], (
                f"a plot of {title} is squeezed to {width:.0f}x{height:.0f}")
        if areas:
            width, height = max(areas, key=lambda size: size[0] * size[1])
            assert width >= MIN_MAIN_PLOT_AREA[0] and height >= MIN_MAIN_PLOT_AREA[1], (
                f"the main plot of {title} is squeezed to {width:.0f}x{height:.0f}")


@pytest.fixture
def window(qtbot):
    window = open_main_window(qtbot, timeout_ms=20000)
    yield window
    window.shut_down()


@pytest.mark.parametrize("size", SCREENS)
@pytest.mark.parametrize("layout", [TRAIN, STEP])
def test_no_view_is_squeezed_or_cut_off(window, qtbot, size, layout):
    window.resize(*size)
    window.show_layout(layout)
    settle(qtbot)
    assert (window.width(), window.height()) == size   # no view's minimum widened it
    assert_every_view_usable(window, qtbot)


def test_spare_width_goes_to_the_views_not_the_controls(window, qtbot):
    widths = {}
    for size in SCREENS:
        window.resize(*size)
        window.layouts._size_default()
        settle(qtbot)
        widths[size] = (window.controls_dock.width(),
                        window.view_docks["Decision boundary"].width())
    (small_controls, small_view), (big_controls, big_view) = widths.values()
    assert big_controls - small_controls <= 40
    assert big_view - small_view >= 150


def test_the_step_layout_makes_the_stepper_the_biggest_view(window, qtbot):
    window.resize(1366, 768)
    window.show_layout(STEP)
    settle(qtbot)
    area = {title: view.width() * view.height()
            for title, view in window.views.items() if view.isVisible()}
    assert max(area, key=area.get) == "Step through"
    assert window.layout_action.isChecked()


def test_each_layout_remembers_how_it_was_left(window, qtbot):
    window.resize(1366, 768)
    window.show_layout(STEP)
    settle(qtbot)
    stepper = window.view_docks["Step through"]
    network = window.view_docks["Network"]
    window.resizeDocks([stepper, network], [600, 700], Qt.Horizontal)
    settle(qtbot)
    width = stepper.width()
    window.show_layout(TRAIN)
    settle(qtbot)
    assert not in_a_tab(window, window.view_docks["Cost"])
    window.show_layout(STEP)
    settle(qtbot)
    assert abs(stepper.width() - width) <= 2
    assert in_a_tab(window, window.view_docks["Cost"])


def test_the_layout_key_switches_and_tabs_name_every_hidden_view(window, qtbot):
    window.resize(1366, 768)
    settle(qtbot)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key_L)
    settle(qtbot)
    assert window.layouts.current == STEP
    tab_texts = {bar.tabText(i) for bar in window.findChildren(QTabBar)
                 for i in range(bar.count())}
    assert {"Decision boundary", "Sigmoid outputs", "Cost", "Gradient magnitudes",
            "Controls"} <= tab_texts
    qtbot.keyClick(window, Qt.Key_L)
    settle(qtbot)
    assert window.layouts.current == TRAIN


@pytest.mark.parametrize("available, expected", [
    (QRect(0, 0, 1366, 740), QRect(0, 0, 1366, 740)),          # small: all of it
    (QRect(0, 0, 1920, 1050), QRect(58, 31, 1804, 987)),        # larger: 94 %, centred
    (QRect(1920, 0, 3840, 2120), QRect(1920 + 115, 64, 3609, 1992)),  # a second screen
])
def test_the_window_fits_the_screen_it_opens_on(available, expected):
    assert fitted_geometry(available) == expected
