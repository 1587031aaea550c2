"""Show one view large: the view under the mouse (F), or view n of main_window.VIEWS
(Ctrl+1 ... Ctrl+7), fills the window; the same key again, or Esc, brings the layout back.
(Not Alt+n: Alt+2 is the L2 field's key.)

The other docks (the lesson's too) are hidden, and the dock arrangement is saved before and restored after
with QMainWindow.saveState/restoreState, as gui/window_layouts.py does for its layouts.
"""
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QCursor, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget

from .key_sheet import VIEW, set_key_group, share_sheet_row

LARGE_KEY = "F"
VIEW_MODIFIER = "Ctrl"


class ViewLarge(QObject):
    """For `window` (a MainWindow): its view_docks (title -> QDockWidget, in the order
    of VIEWS), controls_dock and lessons (its dock, None until a lesson is chosen)."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._saved = None
        self.shown = None        # the title of the view shown large, or None
        self._last = None        # the last view shown large
        under_mouse = QAction("Show a view large", window)
        under_mouse.setShortcut(QKeySequence(LARGE_KEY))
        under_mouse.setToolTip("The view under the mouse fills the window; again (or Esc) "
                               "brings the layout back (F)")
        under_mouse.triggered.connect(self.toggle_under_mouse)
        actions = [under_mouse]
        for n, title in enumerate(window.view_docks, start=1):
            action = QAction(f"Show {title} large", window)
            action.setShortcut(QKeySequence(f"{VIEW_MODIFIER}+{n}"))
            action.triggered.connect(lambda _=False, t=title: self.toggle(t))
            actions.append(action)
        for action in actions:
            set_key_group(action, VIEW)
            window.addAction(action)
        count = len(window.view_docks)
        share_sheet_row(actions, "One view large",
                        "the view under the mouse, or view n, alone; again: back",
                        keys=(LARGE_KEY, f"{VIEW_MODIFIER}+1…{count}"))
        self.actions = actions

    @property
    def active(self):
        return self.shown is not None

    def view_under_mouse(self):
        """The title of the view under the mouse pointer, of the view that has the
        focus, or of the view last shown large; else the decision boundary."""
        for widget in (QApplication.widgetAt(QCursor.pos()), QApplication.focusWidget()):
            while widget is not None:
                if isinstance(widget, QDockWidget):
                    for title, dock in self._window.view_docks.items():
                        if dock is widget:
                            return title
                widget = widget.parentWidget()
        return self._last or "Decision boundary"

    @Slot()
    def toggle_under_mouse(self):
        if self.active:
            self.restore()
        else:
            self.show_large(self.view_under_mouse())

    def toggle(self, title):
        if self.shown == title:
            self.restore()
        else:
            self.show_large(title)

    def show_large(self, title):
        """Only view `title` in the window; the arrangement is kept to come back to."""
        window = self._window
        if self._saved is None:
            self._saved = window.saveState()
        lesson = window.lessons.dock
        others = (window.controls_dock, *window.view_docks.values(),
                  *(() if lesson is None else (lesson,)))
        for dock in others:
            if dock is not window.view_docks[title]:
                dock.hide()
        target = window.view_docks[title]
        target.show()
        target.raise_()
        self.shown = self._last = title

    def restore(self):
        """The arrangement from before the first view was shown large."""
        if self._saved is None:
            return
        self._window.restoreState(self._saved)
        self._saved = None
        self.shown = None
