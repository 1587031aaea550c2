"""A single-shot timer that turns a burst of control changes into one action."""

from PySide6.QtCore import Qt, QTimer, Slot

DEBOUNCE_MS = 300


class Debouncer(QTimer):
    """A single-shot QTimer whose ``restart`` slot can take any signal's arguments.

    Connect a control's valueChanged to ``restart``, never to ``start``: QTimer.start(int)
    would take the new value as its interval, so typing 20000 would wait 20 seconds.
    """

    @Slot()
    def restart(self, *_ignored):
        """Count the interval again from now, whatever the signal carried."""
        self.start()


def make_debouncer(parent, slot, interval_ms=DEBOUNCE_MS):
    """Return a Debouncer that calls ``slot`` once, ``interval_ms`` after its last restart.

    Restart it on every change: each call restarts the countdown, so typing "250" or
    holding an arrow key gives one call to ``slot``, not one per step.
    """
    timer = Debouncer(parent)
    timer.setTimerType(Qt.TimerType.PreciseTimer)   # 300 ms, not "about 300 ms"
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
