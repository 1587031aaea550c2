"""--screenshot: train N updates, step K phases, paint every view, save the window as a
PNG, quit."""
import sys

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

TIMEOUT_MS = 120_000


class ScreenshotTaker(QObject):
    """Trains `updates` updates, steps `phases` phases, waits for the snapshot that
    shows them, then grabs the window."""

    def __init__(self, window, path, updates, phases=0):
        super().__init__(window)
        self.window, self.path, self.updates, self.phases = window, path, updates, phases
        self.status = 1
        self._requested = False
        self._session_seen = False
        self._shown = None   # the snapshot the screenshot shows

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
            worker = self.window.worker
            worker.run_updates(self.updates)
            for _ in range(self.phases):
                worker.step_phase()

    @Slot(object)
    def _on_snapshot(self, snapshot):
        position = snapshot.update * snapshot.phases_per_update + snapshot.phase
        wanted = self.updates * snapshot.phases_per_update + self.phases
        if self._requested and position >= wanted:
            self._shown = snapshot
            # Let the docks lay out, paint every view with this snapshot, then grab.
            QTimer.singleShot(300, self._save)

    @Slot()
    def _save(self):
        self.window.controller.paint(force=True)
        QApplication.processEvents()
        if self.window.grab().save(self.path):
            print(f"saved {self.path}: {describe_position(self._shown)}", file=sys.stderr)
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


def describe_position(snapshot):
    """'after 3 updates and 5 of 8 phases (Backward, layer 2)', or '... 0 phases'."""
    text = f"after {snapshot.update} updates"
    record = snapshot.last_phase
    if snapshot.phase and record is not None:
        text += (f" and {snapshot.phase} of {snapshot.phases_per_update} phases "
                 f"({record.spec.title})")
    elif record is not None:
        text += f" (the last phase stepped: {record.spec.title})"
    return text
