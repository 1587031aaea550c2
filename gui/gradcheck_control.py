"""The window's side of the gradient check: the "Check gradients" action (G), the
worker's answer into the gradient check's own window, and a note there once the
parameters have moved on since.

The check runs on the worker thread (TrainingWorker.check_gradients); while it runs the
action is disabled, so a second press does nothing, and the window says it is checking.
"""
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence

from .gradcheck_view import CHECK_KEY, GradientCheckView

ACTION_TEXT = "Check gradients"
RUNNING_TEXT = "Checking gradients\u2026"
TIP = ("Compare backprop's gradients with finite differences of the cost, array by array; "
       f"the result opens in its own window ({CHECK_KEY})")


class GradientCheckControl(QObject):
    """Wires the gradient check for `window` (a MainWindow): its controller and worker."""

    def __init__(self, window, tool_bar):
        super().__init__(window)
        self._window = window
        self.running = False
        self.view = None            # made at the first check
        self._changed_since = None  # what the stale note says now
        self.action = QAction(ACTION_TEXT, window)
        self.action.setShortcut(QKeySequence(CHECK_KEY))
        self.action.setToolTip(TIP)
        self.action.triggered.connect(self.check)
        tool_bar.addAction(self.action)
        controller = window.controller
        controller.gradients_checked.connect(self._show_report)
        controller.gradient_check_failed.connect(self._show_problem)
        controller.snapshot_received.connect(self._note_progress)
        controller.session_started.connect(self._note_new_session)

    @Slot()
    def check(self):
        """Ask the worker for a check and show its window, saying it is checking."""
        if self.running:
            return
        self.running = True
        self.action.setEnabled(False)
        self.action.setText(RUNNING_TEXT)
        window, view = self._window, self._view()
        view.show_running()
        if not view.isVisible():
            was_active = window.isActiveWindow()
            view.show()
            if was_active:   # the keys stay with the main window (not every platform
                window.activateWindow()   # honours WA_ShowWithoutActivating)
        view.raise_()
        window.worker.check_gradients()

    def _view(self):
        if self.view is None:
            self.view = GradientCheckView(self._window)
            self.view.check_requested.connect(self.check)
            # The window's keys (G, the steps, Escape...) work in this one too.
            self.view.addActions([action for action in self._window.findChildren(QAction)
                                  if action.shortcuts()])
            self.view.place_beside(self._window)
        return self.view

    def _finished(self):
        self.running = False
        self.action.setEnabled(True)
        self.action.setText(ACTION_TEXT)

    @Slot(object)
    def _show_report(self, report):
        self._finished()
        self._changed_since = None
        view = self._view()
        view.show_report(report)
        latest = self._window.controller.latest
        if latest is not None:
            self._note_progress(latest)

    @Slot(str)
    def _show_problem(self, message):
        self._finished()
        self._view().show_problem(message)

    @Slot(object)
    def _note_progress(self, snapshot):
        view = self.view
        if view is None or view.report is None or self._changed_since == "model":
            return
        report = view.report
        if snapshot.update != report.update_count:
            self._say_stale("update", f"The weights have changed since this check (it saw them "
                                      f"after update {report.update_count:,}; now "
                                      f"{snapshot.update:,}). Press {CHECK_KEY} to check again.")

    @Slot(object)
    def _note_new_session(self, _session):
        if self.view is not None and self.view.report is not None:
            self._say_stale("model", "This check was of a model that has since been replaced "
                                     f"(a reset, a new model or new data). Press {CHECK_KEY} "
                                     "to check the one in the window.")

    def _say_stale(self, why, text):
        if self.view.stale.text() != text:
            self._changed_since = why
            self.view.show_stale(text)
