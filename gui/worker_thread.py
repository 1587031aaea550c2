"""The training worker on its own thread, wired to the GUI thread: written once, for the
window, the tests and the benchmarks."""
import sys

from PySide6.QtCore import QThread

from .worker import TrainingWorker

# How long the worker may keep the GIL once the GUI thread asks for it (Python's default
# is 5 ms). Training is NumPy calls too short to let go of the GIL on their own, so with
# the default every slot, event and paint the GUI thread starts in Python may first wait
# that long, and a paint waits again each time a call into Qt lets the worker in before
# it has stopped at the paint gate. Measured with benchmarks/bench_gui.py: 1 ms keeps
# less of the training speed than 0.5 ms, and 0.2 ms switches so often that it costs more.
GIL_SWITCH_INTERVAL_S = 0.0005
STOP_TIMEOUT_MS = 5000


class WorkerThread:
    """A TrainingWorker running on a new QThread, reporting to a TrainingController.

    Create it on the GUI thread, where the controller lives. Give commands through
    `worker` (its methods only queue them); call stop() before the controller goes.
    """

    def __init__(self, controller):
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
        self.worker = TrainingWorker(controller.paint_gate)
        self.thread = QThread()
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Bound methods of the controller, a GUI-thread object, so Qt queues every signal
        # over to the GUI thread. A lambda or plain function would run on the worker's,
        # and so (PySide6 6.11) would a slot that a subclass of the controller overrides.
        self.worker.session_ready.connect(controller.on_session)
        self.worker.snapshot_ready.connect(controller.on_snapshot)
        self.worker.diverged.connect(controller.on_diverged)
        self.worker.failed.connect(controller.on_failed)
        self.worker.playing_changed.connect(controller.on_playing_changed)
        self.worker.progress.connect(controller.on_progress)
        self.worker.undo_offer_changed.connect(controller.on_undo_offer)
        self.worker.run_restored.connect(controller.on_run_restored)
        self.worker.gradients_checked.connect(controller.on_gradients_checked)
        self.worker.gradient_check_failed.connect(controller.on_gradient_check_failed)
        self.thread.start()

    def stop(self, timeout_ms=STOP_TIMEOUT_MS):
        """Stop the worker once its current command or slice is done, wait for its thread
        and give back the GIL switch interval. True if the thread has ended; safe to call
        more than once."""
        if self.thread.isRunning():
            self.worker.request_stop()
            self.thread.wait(timeout_ms)
        if self._switch_interval is not None:
            sys.setswitchinterval(self._switch_interval)
            self._switch_interval = None
        return self.thread.isFinished()
