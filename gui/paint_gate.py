"""Lets the GUI thread have the GIL to itself while it paints.

pyqtgraph paints in Python. With a NumPy training thread running beside it, every time
the painting thread hands the GIL over (each call into Qt may do so) it waits up to the
interpreter's switch interval to get it back, so one paint of a few milliseconds can
stretch to a hundred. The worker therefore asks the gate before every update and
waits at it while the GUI thread paints.
"""
import threading
from contextlib import contextmanager

LONGEST_HOLD = 0.25  # seconds: the worker never waits longer than this for one paint


class PaintGate:
    """Closed while any painting is under way; the worker waits for it to open."""

    def __init__(self):
        self._lock = threading.Lock()
        self._painters = 0
        self._open = threading.Event()
        self._open.set()

    @contextmanager
    def painting(self):
        with self._lock:
            self._painters += 1
            self._open.clear()
        try:
            yield
        finally:
            with self._lock:
                self._painters -= 1
                if self._painters == 0:
                    self._open.set()

    def is_open(self):
        return self._open.is_set()

    def wait_until_open(self):
        """Called by the worker between slices of training."""
        self._open.wait(LONGEST_HOLD)
