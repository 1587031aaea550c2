"""The Train and Step layouts at 1366x768 and 1920x1080: no view squeezed, spare width to
the views, each layout remembers how it was left; the window fits the screen it opens on."""
import pytest
from on_screen import open_main_window
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QTabBar

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
