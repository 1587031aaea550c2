"""Shared by the view tests: show a widget at a size and save what it draws."""


def show_at(widget, qtbot, width, height):
    """Resize, show and wait until the (offscreen) window system has exposed it."""
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)


def assert_renders(widget, path):
    """The widget paints into a PNG of more than a blank image's size."""
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 1000
