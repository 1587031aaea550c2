"""Shared by the GUI tests: make a view and show it at a size; open the whole window."""
from gui import theme
from gui.main_window import MainWindow


def new_view(qtbot, view_class):
    """A view styled as the app styles it, closed by qtbot after the test."""
    theme.configure_pyqtgraph()
    widget = view_class()
    qtbot.addWidget(widget)
    return widget


def show_at(widget, qtbot, width, height):
    """Resize, show and wait until the (offscreen) window system has exposed it."""
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)


def open_main_window(qtbot, timeout_ms):
    """The whole window at 1600x1000, shown, once its first snapshot has arrived; call
    shut_down() on it when done."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitUntil(lambda: window.controller.latest is not None, timeout=timeout_ms)
    return window


def open_active_window(qtbot, timeout_ms):
    """open_main_window, then made the active window, as a person's would be: window
    shortcuts and the field key filter act only there."""
    window = open_main_window(qtbot, timeout_ms)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=timeout_ms)
    return window
