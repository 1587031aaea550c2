"""Shared by the view tests: make a view and show it at a size."""
from gui import theme


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
