"""Run by test_scaled_layouts.py in a process of its own (QT_SCALE_FACTOR is read once,
when the QApplication starts): open the window as the app does on a 1920x1080 screen,
then check every view of LAYOUT is usable. Prints the logical screen size; exits 1
with the problem on stderr."""
import sys
import time

from PySide6.QtWidgets import QApplication
from test_window_layouts import assert_every_view_usable

from gui.main_window import MainWindow
from gui.screen_fit import fitted_geometry
from gui.theme import configure_pyqtgraph


class Waiter:
    """The one part of pytest-qt's qtbot that assert_every_view_usable uses."""

    @staticmethod
    def wait(ms):
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.005)


def main(layout):
    app = QApplication([sys.argv[0]])
    font = app.font()
    font.setPointSize(11)   # as gui/app.py sets it
    app.setFont(font)
    configure_pyqtgraph()
    window = MainWindow()
    window.show_layout(layout)
    window.open_at(fitted_geometry(window.screen().availableGeometry()))
    end = time.monotonic() + 20
    while window.controller.latest is None and time.monotonic() < end:
        Waiter.wait(50)
    Waiter.wait(200)
    screen = window.screen().availableGeometry()
    print(f"screen {screen.width()}x{screen.height()} window {window.width()}x{window.height()}")
    try:
        assert window.width() <= screen.width() and window.height() <= screen.height(), (
            "the window is larger than its screen")
        assert_every_view_usable(window, Waiter)
    except AssertionError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        window.shut_down()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
