"""Python's garbage collection on the GUI thread only.

The cyclic collector runs on whichever thread happens to allocate past its threshold.
When that is the training worker or a background job and the garbage holds Qt objects,
they are destroyed off the GUI thread; seen here as a test run that hung for good (a
job thread deleting QObjects while the GUI thread held their mutex and waited for the
GIL). So the automatic collector is switched off and a timer on the GUI thread collects,
generation by generation, as pyqtgraph's GarbageCollector does.
"""
import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

INTERVAL_MS = 500
_collector = None


def collect_on_gui_thread():
    """Switch Python's automatic collector off and collect from a GUI-thread timer
    instead (once per process; needs the QApplication)."""
    global _collector
    if _collector is None:
        _collector = GuiThreadCollector(QCoreApplication.instance())


class GuiThreadCollector(QObject):
    """Collects each generation whose count has passed its threshold, every INTERVAL_MS."""

    def __init__(self, parent):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    @Slot()
    def collect(self):
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return
