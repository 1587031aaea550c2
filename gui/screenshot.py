"""--screenshot: train N updates, paint every view, save the window as a PNG, quit."""
import sys

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

TIMEOUT_MS = 120_000


class ScreenshotTaker(QObject):
    """Waits for the snapshot after `updates` updates, then grabs the window."""

    def __init__(self, window, path, updates):
        super().__init__(window)
        self.window, self.path, self.updates = window, path, updates
        self.status = 1
        self._requested = False
        self._session_seen = False

    def start(self):
        self.window.controller.session_started.connect(self._on_session)
        self.window.controller.snapshot_received.connect(self._on_snapshot)
        self.window.controller.diverged.connect(self._on_problem)
        self.window.controller.failed.connect(self._on_problem)
        QTimer.singleShot(TIMEOUT_MS, self._give_up)

    @Slot(object)
    def _on_session(self, session):
        self._session_seen = True
        if not self._requested:
            self._requested = True
            self.window.worker.run_updates(self.updates)

    @Slot(object)
    def _on_snapshot(self, snapshot):
        if self._requested and snapshot.update >= self.updates:
            # Let the docks lay out, paint every view with this snapshot, then grab.
            QTimer.singleShot(300, self._save)

    @Slot()
    def _save(self):
        self.window.controller.paint(force=True)
        QApplication.processEvents()
        if self.window.grab().save(self.path):
            print(f"saved {self.path}", file=sys.stderr)
            self.status = 0
        else:
            print(f"could not save a PNG to {self.path}", file=sys.stderr)
        self.window.close()

    @Slot(str)
    def _on_problem(self, message):
        print(message, file=sys.stderr)
        self.window.close()

    @Slot()
    def _give_up(self):
        print("screenshot: training did not finish in time", file=sys.stderr)
        self.window.close()
