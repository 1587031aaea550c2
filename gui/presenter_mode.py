"""Presenter mode (F5; F5 again or Esc leaves), for a lecturer who projects the window:
full screen on the screen the window is on, the zoom presenter mode remembers (1.5x the
first time), thicker lines and larger markers for a projector, and the controls reduced
to what a lecturer changes while talking: learning rate, examples per update, L2 and
speed (data and model stay as they are; Play and the step keys are in the tool bar).
A lesson's dock stays, as a strip along the bottom.
Leaving puts back the window's geometry, dock arrangement, zoom and fonts exactly."""
from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence

from .key_sheet import VIEW, set_key_group

QWIDGETSIZE_MAX = (1 << 24) - 1   # Qt's 'no maximum'

PRESENTER_KEY = "F5"
RESTORE_DOCKS_MS = 30   # after the window's new size and fonts have been laid out
LINE_BOOST = 1.25   # lines, beyond the zoom: they must read from the back row
# The lesson dock's share of the screen's height: the lecturer keeps the lesson's text in
# view (it scrolls), the views keep the rest.
PRESENTER_LESSON_SHARE = 0.25


class PresenterMode(QObject):
    """For `window` (a MainWindow): its zoom, zoom_styler, view_large, controls_dock and
    the data and model panels."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._geometry = self._state = self._window_state = None
        self.active = False
        self.action = QAction("Presenter mode", window)
        self.action.setShortcut(QKeySequence(PRESENTER_KEY))
        self.action.setCheckable(True)
        self.action.setToolTip("Full screen and larger, for a projector; again: back (F5)")
        self.action.triggered.connect(self.toggle)
        set_key_group(self.action, VIEW)
        window.addAction(self.action)

    @Slot()
    def toggle(self):
        if self.active:
            self.leave()
        else:
            self.enter()

    def enter(self):
        if self.active:
            return
        w = self._window
        w.view_large.restore()
        self._geometry = w.geometry()
        self._state = w.saveState()
        self._window_state = w.windowState()
        self.active = True
        self.action.setChecked(True)
        for panel in (w.data_panel, w.model_panel):
            panel.hide()
        w.controls_dock.setWindowTitle("Controls (presenter mode: F5 or Esc leaves)")
        w.zoom.use_presenter_level(True)
        w.zoom_styler.set_line_boost(LINE_BOOST)
        w.showFullScreen()
        # Where no window manager makes it full screen (a bare X server), cover the screen.
        w.setGeometry(w.screen().geometry())
        # Once full screen: the views arranged for the screen at this zoom (fewer, larger
        # cells with more tabs where the zoom leaves too little room for every view).
        QTimer.singleShot(RESTORE_DOCKS_MS, self._arrange_views)

    @Slot()
    def _arrange_views(self):
        if self.active:
            self._window.layouts.arrange_default()
            self.fit_lesson_dock()

    def fit_lesson_dock(self):
        """While presenting, the lesson dock (if there is one) is a strip
        PRESENTER_LESSON_SHARE of the screen high: the views below a hidden central
        widget would otherwise leave it all the height they do not need, and a later
        sharing out of the views' room squeezed it to a line of text."""
        w = self._window
        lesson = w.lessons.dock
        if not self.active or lesson is None:
            return
        # Of the screen, which the window is about to cover: a window manager may make
        # it full screen only after this runs.
        height = int(w.screen().geometry().height() * PRESENTER_LESSON_SHARE)
        lesson.setMinimumHeight(height)
        lesson.setMaximumHeight(height)
        w.resizeDocks([lesson], [height], Qt.Vertical)

    def _unfit_lesson_dock(self):
        lesson = self._window.lessons.dock
        if lesson is not None:
            lesson.setMinimumHeight(0)
            lesson.setMaximumHeight(QWIDGETSIZE_MAX)

    def leave(self):
        if not self.active:
            return
        w = self._window
        w.view_large.restore()
        self.active = False
        self.action.setChecked(False)
        for panel in (w.data_panel, w.model_panel):
            panel.show()
        w.setFocus()   # not into the first field of the panels shown again
        w.controls_dock.setWindowTitle("Controls")
        self._unfit_lesson_dock()
        w.zoom.use_presenter_level(False)
        w.zoom_styler.set_line_boost(1.0)
        if self._window_state & Qt.WindowState.WindowMaximized:
            w.showMaximized()
        else:
            w.showNormal()
            w.open_at(self._geometry)   # again once the window system has settled
        w.restoreState(self._state)
        # And once the window has its old size again: docks restored at another size
        # share out the difference.
        QTimer.singleShot(RESTORE_DOCKS_MS, self._restore_docks)

    @Slot()
    def _restore_docks(self):
        if not self.active:
            self._window.restoreState(self._state)
