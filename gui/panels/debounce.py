"""A single-shot timer that turns a burst of control changes into one action."""

from PySide6.QtCore import QTimer

DEBOUNCE_MS = 300


def make_debouncer(parent, slot, interval_ms=DEBOUNCE_MS):
    """Return a QTimer that calls ``slot`` once, ``interval_ms`` after its last ``start()``.

    Call ``start()`` on every change: each call restarts the countdown, so typing "250"
    or holding an arrow key gives one call to ``slot``, not one per step.
    """
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
