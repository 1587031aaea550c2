"""Checking a lesson's claim from the window: the engine trains the claim's runs on a
thread of its own (engine/lessons/claims.py, as `backprop-lab lessons --check` does),
and the GUI thread polls for the result, so nothing crosses threads but the finished,
frozen ClaimResult. Training in the window goes on meanwhile."""
import threading

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from engine.lessons.claims import check_claim

POLL_MS = 100


class ClaimCheck(QObject):
    """check(lesson) starts a check; finished(lesson, text, passed) follows, unless
    another check or cancel() comes first."""

    finished = Signal(object, str, bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._job = None   # {"lesson", "stop": Event, "result"}
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def check(self, lesson):
        self.cancel()
        job = {"lesson": lesson, "stop": threading.Event(), "result": None}
        # A daemon thread: a lecturer's long claim never keeps the app from quitting.
        threading.Thread(target=self._run, args=(job,), daemon=True,
                         name="claim-check").start()
        self._job = job
        self._timer.start()

    def busy(self):
        return self._job is not None

    def cancel(self):
        """Stop the check under way (between two updates) and forget it."""
        if self._job is not None:
            self._job["stop"].set()
            self._job = None
        self._timer.stop()

    @staticmethod
    def _run(job):
        stop = job["stop"]
        try:
            result = check_claim(job["lesson"], keep_going=lambda: not stop.is_set())
            job["result"] = ("stopped", False) if result is None else (
                result.summary(), result.passed)
        except Exception as error:   # noqa: BLE001 - whatever went wrong ends as a message
            # Anything left unsaid here would leave the panel on "Checking..." for ever.
            job["result"] = (f"could not be checked: {error or type(error).__name__}", False)

    @Slot()
    def _poll(self):
        job = self._job
        if job is None or job["result"] is None:
            return
        self.cancel()
        text, passed = job["result"]
        self.finished.emit(job["lesson"], text, passed)
