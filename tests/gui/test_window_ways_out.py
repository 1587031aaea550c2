"""Every way out of the window is quick and quiet, whatever the worker is doing.

Each test runs the app in its own process (tests/gui/long_command_app.py) busy with a
long step epoch, ends it the way a user would (a key, a real signal, the X server
destroying its window) and checks: exit status 0, gone within QUIT_S seconds, nothing
on stderr (no Qt warning such as "QThread: Destroyed while thread is still running", no
traceback).
"""
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = Path(__file__).with_name("long_command_app.py")
# The promise is 2 s: quitting waits at most 1 s for the worker, then ends the process
# (measured 0.2-1.1 s by hand in Xvfb). The bound here is twice that, so that a busy
# shared machine tells a hang from a slow moment; a timed test must not flake.
QUIT_S = 4.0
STARTUP_S = 120     # generous: building a large model's first pictures on a busy machine
# The offscreen platform plugin says this whenever a dock widget is laid out; it is not
# about our code and does not appear on a real display (test_real_window checks that).
OFFSCREEN_PLUGIN_NOTE = "This plugin does not support propagateSizeHints()"
X11_TOOLS = ("Xvfb", "xdotool")


class RunningApp:
    """long_command_app.py in a subprocess, its stdout read line by line."""

    def __init__(self, how, *options, env=None):
        env = dict(env or os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        self.process = subprocess.Popen(
            [sys.executable, str(APP), how, *options], cwd=ROOT, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self._lines = queue.Queue()
        self._stderr = []
        self._readers = [threading.Thread(target=self._read_stdout, daemon=True),
                         threading.Thread(target=self._read_stderr, daemon=True)]
        for reader in self._readers:
            reader.start()

    def _read_stdout(self):
        for line in self.process.stdout:
            self._lines.put(line.split())
        self._lines.put(None)

    def _read_stderr(self):
        self._stderr.extend(self.process.stderr)

    def expect(self, word, timeout=STARTUP_S):
        """The words of the next line that starts with `word` (others are passed over)."""
        end = time.monotonic() + timeout
        while True:
            try:
                words = self._lines.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"no '{word}' line from the app within {timeout} s")
            assert words is not None, f"the app ended before '{word}': {self.stderr()}"
            if words[0] == word:
                return words

    def end(self, timeout=60):
        """Wait for the process to end; (exit status, monotonic time it was seen ended)."""
        try:
            status = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the app was still running {timeout} s later")
        ended = time.monotonic()
        self._close_pipes()
        return status, ended

    def _close_pipes(self):
        for reader in self._readers:
            reader.join(10)
        self.process.stdout.close()
        self.process.stderr.close()

    def stderr(self):
        """stderr's lines but the offscreen plugin's note."""
        return [line.rstrip("\n") for line in self._stderr
                if line.strip() not in ("", OFFSCREEN_PLUGIN_NOTE)]

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        if not self.process.stdout.closed:
            self._close_pipes()


@pytest.fixture
def running():
    apps = []

    def start(how, *options, env=None):
        apps.append(RunningApp(how, *options, env=env))
        return apps[-1]

    yield start
    for app in apps:
        app.kill()


def assert_quick_and_quiet(app, asked_at):
    status, ended = app.end()
    assert status == 0, app.stderr()
    assert app.stderr() == []
    assert ended - asked_at < QUIT_S


# --- keys and closing, offscreen ------------------------------------------------------

@pytest.mark.parametrize("how, size", [("ctrl+q", "1024"), ("close", "256")])
def test_quitting_during_a_long_step_epoch_exits_0_at_once(running, how, size):
    """The issue's case: 20,000 points, two hidden layers of 1024, stochastic, E, quit
    (before: "QThread: Destroyed while thread is still running", exit 134)."""
    app = running(how, "--size", size, "--after", "1")
    words = app.expect("busy")
    assert "step epoch" in " ".join(words)   # the status line shows the epoch going on
    acting_at = float(app.expect("acting")[1])
    assert_quick_and_quiet(app, acting_at)


def test_quitting_during_one_update_of_seconds_exits_0_at_once(running):
    """Full batch on a large model: one update is a few NumPy calls of seconds each, which
    nothing can interrupt; the process ends without waiting for them."""
    app = running("close", "--size", "1024", "--batch", "0", "--after", "0.5")
    app.expect("busy")
    acting_at = float(app.expect("acting")[1])
    assert_quick_and_quiet(app, acting_at)


# --- signals ----------------------------------------------------------------------------

@pytest.mark.parametrize("busy", [True, False], ids=["during a step epoch", "idle"])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_sigint_and_sigterm_close_the_window_and_exit_0(running, signum, busy):
    """Ctrl+C in the terminal and `kill` (before: a KeyboardInterrupt traceback and the
    app running on; SIGTERM: exit 143 without stopping the worker)."""
    app = running("wait" if busy else "idle", "--size", "256")
    app.expect("ready")
    if busy:
        app.expect("busy")
    sent_at = time.monotonic()
    app.process.send_signal(signum)
    assert_quick_and_quiet(app, sent_at)


# --- a real X11 window --------------------------------------------------------------------

x11_missing = [tool for tool in X11_TOOLS if shutil.which(tool) is None]
needs_x11 = pytest.mark.skipif(bool(x11_missing) and not os.environ.get("CI"),
                               reason=f"needs {', '.join(x11_missing)} (CI installs them)")


@pytest.fixture
def x_display():
    """A new Xvfb display; its name, e.g. ':231'."""
    assert not x11_missing, f"CI must install {x11_missing}"
    display = f":{random.randint(200, 400)}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten",
                               "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        end = time.monotonic() + 20
        while xdotool(display, "getdisplaygeometry").returncode != 0:
            assert time.monotonic() < end, "Xvfb did not start"
            time.sleep(0.1)
        yield display
    finally:
        server.terminate()
        server.wait(10)


def xdotool(display, *args):
    return subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=display),
                          check=False, capture_output=True, text=True, timeout=30)


def start_in_x11(running, display):
    """The app in a real window on `display`, its step epoch started with the E key;
    returns (app, X window id)."""
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    app = running("keys-from-outside", "--size", "256", env=env)
    app.expect("ready")
    window = xdotool(display, "search", "--onlyvisible", "--name", "Backprop Lab").stdout.split()
    assert window, "no window on the display"
    xdotool(display, "windowactivate", "--sync", window[0])
    xdotool(display, "windowfocus", "--sync", window[0])
    xdotool(display, "key", "--window", window[0], "e")
    app.expect("busy")
    return app, window[0]


@needs_x11
@pytest.mark.parametrize("how", ["windowclose", "ctrl+q"])
def test_in_a_real_window_quitting_during_a_step_epoch_exits_0_at_once(running, x_display,
                                                                       how):
    """`xdotool windowclose` destroys the X11 window without asking (before: the app went
    on training, invisible, at full CPU); Ctrl+Q as a user presses it."""
    app, window = start_in_x11(running, x_display)
    asked_at = time.monotonic()
    if how == "windowclose":
        xdotool(x_display, "windowclose", window)
    else:
        xdotool(x_display, "key", "--window", window, "ctrl+q")
    assert_quick_and_quiet(app, asked_at)


@needs_x11
def test_in_a_real_window_escape_stops_a_step_epoch(running, x_display):
    app, window = start_in_x11(running, x_display)
    xdotool(x_display, "key", "--window", window, "Escape")
    _, _, done, total = app.expect("stopped", timeout=30)
    assert int(done) < int(total) // 2
    xdotool(x_display, "key", "--window", window, "ctrl+q")
    assert app.end()[0] == 0
    assert app.stderr() == []
