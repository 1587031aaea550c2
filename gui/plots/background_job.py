"""A function run on a thread pool, its result handed back to the GUI thread.

The relay is a QObject made on the GUI thread; the job emits its signals from the pool
thread, so Qt queues them to the relay's receivers (bound methods of GUI-thread objects)
and they run on the GUI thread. The job keeps the relay alive while it runs, so a view
closed meanwhile is simply no longer told.
"""
import threading

from PySide6.QtCore import QObject, QRunnable, Signal


class JobRelay(QObject):
    """finished(job number, result) or failed(job number, message)."""

    finished = Signal(int, object)
    failed = Signal(int, str)


class BackgroundJob(QRunnable):
    """Runs function(*args) once; thread_id is the thread it ran on (for tests)."""

    def __init__(self, relay, number, function, *args):
        super().__init__()
        self.relay, self.number = relay, number
        self.function, self.args = function, args
        self.thread_id = None

    def run(self):
        self.thread_id = threading.get_ident()
        try:
            result = self.function(*self.args)
        except (ArithmeticError, ValueError, MemoryError) as error:
            self.relay.failed.emit(self.number, str(error))
            return
        self.relay.finished.emit(self.number, result)
