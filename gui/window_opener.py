"""A tool-bar action that opens a window of its own: made at the first press, shown and
raised at every later one."""
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence

from .key_sheet import set_key_group


class WindowOpener(QObject):
    """Adds an action `text` with shortcut `key` and tooltip `tip` (listed in the key
    sheet under `group`) to `tool_bar` of `window`; it opens make_view(window)."""

    def __init__(self, window, tool_bar, text, key, tip, group, make_view):
        super().__init__(window)
        self._window = window
        self._make_view = make_view
        self.view = None   # made at the first press
        self.action = QAction(text, window)
        self.action.setShortcut(QKeySequence(key))
        self.action.setToolTip(tip)
        set_key_group(self.action, group)
        self.action.triggered.connect(self.open)
        tool_bar.addAction(self.action)

    @Slot()
    def open(self):
        """Show the window, in front, with the keys."""
        if self.view is None:
            self.view = self._make_view(self._window)
            # A window of its own does not inherit the main window's zoomed font.
            self._window.zoom_styler.adopt_window(self.view)
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
