"""Guard against the PySide6 release that aborts the interpreter.

PySide6-Essentials 6.12.0 on Python < 3.12 corrupts reference counts when a
signal emitted in a worker thread is delivered to the GUI thread: after a few
hundred emits (or at interpreter exit) the process dies with
"Fatal Python error: bool_dealloc" or "none_dealloc". Backprop Lab's trainer
lives on exactly such a worker thread, so pyproject.toml pins PySide6 below
6.12 for those Python versions. These tests keep the pin honest.
"""

import os
import subprocess
import sys
import textwrap

import pytest

N_EMITS = 10_000

# Runs in a fresh interpreter so that an abort kills the child, not pytest.
# The shape mirrors the app: a QObject moved to a QThread emits Python objects;
# a bound method of a GUI-thread object receives them through a queued connection.
CROSS_THREAD_SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

    N = int(sys.argv[1])


    class Worker(QObject):
        item = Signal(object)
        done = Signal()

        @Slot()
        def run(self):
            for i in range(N):
                self.item.emit((i, i * 0.5))
            self.done.emit()


    class Receiver(QObject):
        def __init__(self, thread):
            super().__init__()
            self.thread = thread
            self.count = 0
            self.in_order = True

        def on_item(self, payload):
            i, x = payload
            if i != self.count or x != i * 0.5:
                self.in_order = False
            self.count += 1

        def on_done(self):
            # Queued delivery keeps order, so every item has arrived by now.
            self.thread.quit()
            self.thread.wait()
            QCoreApplication.quit()


    app = QCoreApplication([])
    thread = QThread()
    worker = Worker()
    worker.moveToThread(thread)
    receiver = Receiver(thread)
    worker.item.connect(receiver.on_item)
    worker.done.connect(receiver.on_done)
    thread.started.connect(worker.run)
    QTimer.singleShot(60_000, lambda: app.exit(3))  # a hang must not look like a pass
    thread.start()
    code = app.exec()
    print(f"received={receiver.count} in_order={receiver.in_order}", flush=True)
    sys.exit(code)
    """
)


def test_cross_thread_signals_do_not_abort_the_interpreter():
    """10,000 queued cross-thread emits arrive in order and the process exits cleanly."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CROSS_THREAD_SCRIPT, str(N_EMITS)],
        env=env,
        check=False, capture_output=True,
        text=True,
        timeout=120,
    )
    details = f"exit code {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "Fatal Python error" not in result.stderr, details
    assert result.returncode == 0, details
    assert f"received={N_EMITS} in_order=True" in result.stdout, details


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="6.12 is only broken on Python < 3.12")
def test_installed_pyside6_is_not_the_aborting_release():
    """On Python < 3.12 the installed PySide6 must not be a 6.12.x release."""
    import PySide6

    major_minor = tuple(int(part) for part in PySide6.__version__.split(".")[:2])
    assert major_minor != (6, 12), (
        f"PySide6 {PySide6.__version__} is installed on Python "
        f"{sys.version_info.major}.{sys.version_info.minor}. PySide6 6.12 aborts the "
        "interpreter ('Fatal Python error: bool_dealloc' / 'none_dealloc') after cross-thread "
        "signal emits on Python < 3.12, which is how the training worker talks to the GUI. "
        "Install a version below 6.12 (pyproject.toml pins it), or use Python 3.12+."
    )
