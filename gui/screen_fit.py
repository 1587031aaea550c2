"""The window's first size: most of the screen it opens on, whatever that screen is."""
from PySide6.QtCore import QRect

# Of the screen's free area (without task bars), the share the window takes: a frame of
# desktop stays visible on a large screen; a small one (1366x768) is used whole.
SHARE = 0.94
SMALL_SCREEN = (1440, 900)


def fitted_geometry(available: QRect) -> QRect:
    """The window's geometry on a screen whose free area is `available`: centred, the
    whole of a small screen, SHARE of a larger one."""
    if available.width() <= SMALL_SCREEN[0] or available.height() <= SMALL_SCREEN[1]:
        return QRect(available)
    width, height = int(available.width() * SHARE), int(available.height() * SHARE)
    left = available.left() + (available.width() - width) // 2
    top = available.top() + (available.height() - height) // 2
    return QRect(left, top, width, height)
