"""The app as main.py starts it, busy with a long step epoch, for tests/gui/test_window_ways_out.py.

    python tests/gui/long_command_app.py HOW [--size S] [--points N] [--batch B] [--after T]

Trains a 2-S-S-1 tanh net (S = 1024) on N moons (N = 20,000) with batches of B (1:
stochastic, an epoch of 15,000 updates of milliseconds each; 0: full batch, one update
of seconds). It prints, one line each, flushed:
    ready                          the model is built
    busy <time> <done> <status>    the epoch is under way (monotonic time, updates done,
                                   the status line)
    acting <time>                  T seconds after busy, just before it acts by HOW
    stopped <at> <done> <total>    the epoch has ended (updates done when the key was
                                   pressed, updates done in all, the epoch's length)
HOW:
    ctrl+q, close       presses Ctrl+Q / closes the window
    space, escape       presses the key, waits for the epoch to stop, closes the window
    wait                presses E, then nothing: the test ends it (a signal, xdotool)
    idle                does not even press E
    keys-from-outside   does not press E, but reports busy and stopped: the test presses
                        the keys, through the X server
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from gui.app import run_app
from gui.main_window import MainWindow

KEYS = {"ctrl+q": (Qt.Key_Q, Qt.ControlModifier), "space": (Qt.Key_Space, Qt.NoModifier),
        "escape": (Qt.Key_Escape, Qt.NoModifier)}
HOWS = (*KEYS, "close", "wait", "idle", "keys-from-outside")

parser = argparse.ArgumentParser()
parser.add_argument("how", choices=HOWS)
parser.add_argument("--size", type=int, default=1024)
parser.add_argument("--points", type=int, default=20000)
parser.add_argument("--batch", type=int, default=1)
parser.add_argument("--after", type=float, default=0.0)
options = parser.parse_args()

app = QApplication([sys.argv[0]])
data = load_dataset("moons", n=options.points, noise=0.2, seed=0)
done_when_acting = None


def say(*words):
    print(*words, flush=True)


def the_window():
    return next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))


def start():
    window = the_window()
    window.controller.session_started.connect(on_session)
    window.worker.build(
        data, make_model_config((2, options.size, options.size, 1), "tanh", "xavier", 0),
        make_train_config(0.1, 0.0, options.batch))


def on_session(session):
    if session.layer_sizes != (2, options.size, options.size, 1):
        return  # the window's own first model
    say("ready")
    if options.how == "idle":
        return
    if options.how == "keys-from-outside":
        wait_until_busy()
    else:
        press_e()


def press_e():
    window = the_window()
    if not window.isActiveWindow():  # shortcuts go to the active window only
        window.activateWindow()
        QTimer.singleShot(20, press_e)
        return
    press(window, Qt.Key_E)
    wait_until_busy()


def press(window, key, modifier=Qt.NoModifier):
    """A key press as the window system delivers it: to the window, not a widget."""
    QTest.keyClick(window.windowHandle(), key, modifier)


def wait_until_busy():
    window = the_window()
    progress = window.controller.progress
    started = progress is not None and not progress.finished and (
        progress.done > 0 or options.batch == 0)
    if not started:
        QTimer.singleShot(20, wait_until_busy)
        return
    say("busy", time.monotonic(), progress.done, window.status.currentMessage())
    if options.how == "keys-from-outside":
        wait_until_stopped()
    elif options.how != "wait":
        QTimer.singleShot(int(1000 * options.after), act)


def act():
    global done_when_acting
    window = the_window()
    done_when_acting = window.controller.progress.done
    say("acting", time.monotonic())
    if options.how in KEYS:
        press(window, *KEYS[options.how])
    elif options.how == "close":
        window.close()
    if options.how in ("space", "escape"):
        wait_until_stopped()


def wait_until_stopped():
    window = the_window()
    progress = window.controller.progress
    if not progress.finished:
        QTimer.singleShot(20, wait_until_stopped)
        return
    say("stopped", done_when_acting, progress.done, progress.total)
    if options.how != "keys-from-outside":
        window.close()


QTimer.singleShot(0, start)
sys.exit(run_app([]))
