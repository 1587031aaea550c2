"""Functions run on one Python thread, their results picked up on the GUI thread.

The thread touches no Qt object: a timer of a GUI-thread QObject looks at the running job
every POLL_MS and emits finished or failed there. (A QRunnable on Qt's thread pool that
emitted its signals from the pool thread once left both threads waiting for the GIL in
the full test suite.)
"""
import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from gui.gui_thread_gc import collect_on_gui_thread

POLL_MS = 20


class BackgroundJob:
    """function(*args), to be run once on the runner's thread; thread_id is the thread
    it ran on (for tests)."""

    def __init__(self, number, function, *args):
        self.number, self.function, self.args = number, function, args
        self.thread_id = None
        self.future = None

    def run(self):
        self.thread_id = threading.get_ident()
        return self.function(*self.args)


class JobRunner(QObject):
    """Runs BackgroundJobs one after another on a thread of its own; finished(job
    number, result) or failed(job number, message) is emitted on the GUI thread."""

    finished = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        collect_on_gui_thread()   # the job's thread must never run the collector
        self._executor = ThreadPoolExecutor(max_workers=1)
        self._running = []
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._collect)

    def start(self, job):
        job.future = self._executor.submit(job.run)
        self._running.append(job)
        self._timer.start()

    def clear(self):
        """Drop the jobs that have not started; one that runs ends unheard."""
        for job in self._running:
            job.future.cancel()
        self._running = []
        self._timer.stop()

    @Slot()
    def _collect(self):
        done = [job for job in self._running if job.future.done()]
        self._running = [job for job in self._running if not job.future.done()]
        if not self._running:
            self._timer.stop()
        for job in done:
            if job.future.cancelled():
                continue
            error = job.future.exception()
            if error is None:
                self.finished.emit(job.number, job.future.result())
            elif isinstance(error, (ArithmeticError, ValueError, MemoryError)):
                self.failed.emit(job.number, str(error))
            else:
                raise error
