"""SIGINT (Ctrl+C in the terminal) and SIGTERM quit the app the way Ctrl+Q does.

Python runs a signal handler only once the interpreter next gets control, and while
Qt's event loop waits in C++ that can be never; when it does get control, the default
SIGINT handler raises KeyboardInterrupt inside whatever slot or paint happens to run.
So the Python handlers here do nothing but keep the default action away, and
signal.set_wakeup_fd has the C-level handler write the signal's number to a socket
that a QSocketNotifier watches: the event loop wakes up at once and the quit runs as an
ordinary slot, between two events.
"""
import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier, Slot

QUIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _ignore(signum, frame):
    """The Python-level handler: the socket notifier does the work."""


class QuitOnSignals(QObject):
    """Calls on_signal(signum) on the GUI thread when one of `signals` arrives.

    Create it on the main thread (Python only sets handlers there) while the event loop
    is about to run; call uninstall() once it has ended.
    """

    def __init__(self, on_signal, signals=QUIT_SIGNALS, parent=None):
        super().__init__(parent)
        self._on_signal = on_signal
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(),
                                                 warn_on_full_buffer=False)
        self._previous_handlers = {s: signal.signal(s, _ignore) for s in signals}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Read, self)
        self._notifier.activated.connect(self._read_signals)

    @Slot()
    def _read_signals(self):
        try:
            received = self._reader.recv(64)
        except BlockingIOError:
            return
        for signum in received:
            if signum in self._previous_handlers:
                self._on_signal(signum)
                return

    def uninstall(self):
        """Give back the handlers and wakeup fd that were there before."""
        if self._previous_handlers is None:
            return
        self._notifier.setEnabled(False)
        for signum, handler in self._previous_handlers.items():
            signal.signal(signum, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._previous_handlers = None
        self._reader.close()
        self._writer.close()
