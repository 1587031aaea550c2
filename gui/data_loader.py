"""Reading and splitting data off the GUI thread, so the window stays responsive.

A job is a plain function job(progress, should_stop) that returns a result (a CsvTable,
a Dataset, ...) or raises DatasetError, ConfigError or LoadCancelled; engine functions
such as read_table take exactly these two callbacks. It runs on a short-lived Python
thread; what it reports reaches the GUI thread through queued signals of the loader,
which lives there. Starting a job cancels the one before: only the newest one reports.
"""
import sys
import threading
import time
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from engine.config import ConfigError
from engine.errors import DatasetError, LoadCancelled
from engine.memory import format_bytes

PROGRESS_INTERVAL_S = 0.05   # at most 20 progress reports a second reach the GUI thread
STOP_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class LoadProgress:
    """fraction: 0..1, or None when the total is unknown (a pipe); text: for people."""

    fraction: float | None
    text: str


def describe_progress(done_bytes, total_bytes, rows):
    """LoadProgress for a reader's progress(bytes_read, total_bytes or None, rows)."""
    read = f"{rows:,} rows, {format_bytes(done_bytes)}"
    if not total_bytes:
        return LoadProgress(None, f"{read} read")
    return LoadProgress(min(done_bytes / total_bytes, 1.0),
                        f"{read} of {format_bytes(total_bytes)} read")


class DataLoader(QObject):
    """Runs one data job at a time on a background thread; the newest job wins.

    Signals (all on the GUI thread): progressed(LoadProgress), finished(tag, result),
    failed(tag, message), cancelled(tag), busy_changed(bool).
    """

    progressed = Signal(object)
    finished = Signal(object, object)
    failed = Signal(object, str)
    cancelled = Signal(object)
    busy_changed = Signal(bool)
    # Emitted on the job's thread; queued over to the bound slots below.
    _progress_from_thread = Signal(int, object)
    _done_from_thread = Signal(int, object, object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._job_id = 0
        self._thread = None
        self._stop = threading.Event()
        self._progress_from_thread.connect(self._on_progress)
        self._done_from_thread.connect(self._on_done)

    def start(self, job, tag=None):
        """Cancel any running job and run ``job`` on a new thread; ``tag`` comes back with it."""
        self._stop.set()
        self._job_id += 1
        self._stop = threading.Event()
        was_busy = self.is_busy()
        self._thread = threading.Thread(
            target=self._run, args=(self._job_id, job, tag, self._stop),
            name="data-loader", daemon=True)
        self._thread.start()
        if not was_busy:
            self.busy_changed.emit(True)

    def cancel(self):
        """Stop the running job at its next check; it reports ``cancelled``."""
        self._stop.set()

    def is_busy(self):
        """True while a job's result is still to come."""
        return self._thread is not None

    def abandon(self):
        """Cancel the running job and forget it: it reports nothing more. Returns its thread."""
        thread = self._thread
        self._stop.set()
        self._job_id += 1
        self._thread = None
        if thread is not None:
            self.busy_changed.emit(False)
        return thread

    def shut_down(self, timeout_s=STOP_TIMEOUT_S):
        """Abandon the running job and wait for its thread to end."""
        thread = self.abandon()
        if thread is not None:
            thread.join(timeout_s)

    # --- on the job's thread ----------------------------------------------------

    def _run(self, job_id, job, tag, stop):
        last = [0.0]

        def progress(done_bytes, total_bytes, rows):
            now = time.monotonic()
            if now - last[0] >= PROGRESS_INTERVAL_S:
                last[0] = now
                report(done_bytes, total_bytes, rows)

        def report(*args):
            try:
                self._progress_from_thread.emit(job_id, describe_progress(*args))
            except RuntimeError:
                pass   # the loader was deleted (its window closed) while the job ran

        try:
            result, outcome = job(progress, stop.is_set), None
        except LoadCancelled:
            result, outcome = None, LoadCancelled
        except (DatasetError, ConfigError) as error:
            result, outcome = None, str(error)
        except Exception as error:  # noqa: BLE001 - a bug must reach the window, not kill the thread
            traceback.print_exc(file=sys.stderr)
            result, outcome = None, f"could not load the data ({type(error).__name__}: {error})"
        try:
            self._done_from_thread.emit(job_id, tag, result, outcome)
        except RuntimeError:
            pass   # the loader was deleted (its window closed) while the job ran

    # --- back on the GUI thread -----------------------------------------------------

    @Slot(int, object)
    def _on_progress(self, job_id, progress):
        if job_id == self._job_id:
            self.progressed.emit(progress)

    @Slot(int, object, object, object)
    def _on_done(self, job_id, tag, result, outcome):
        if job_id != self._job_id:
            return
        self._thread = None
        self.busy_changed.emit(False)
        if outcome is None:
            self.finished.emit(tag, result)
        elif outcome is LoadCancelled:
            self.cancelled.emit(tag)
        else:
            self.failed.emit(tag, outcome)
