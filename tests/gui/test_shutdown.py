"""Closing the window at any moment stops and joins the worker: exit 0, quiet stderr."""
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The offscreen platform plugin itself says this whenever a dock widget is laid out; it is
# not about our code and does not appear on a real display (test_real_window checks that).
OFFSCREEN_PLUGIN_NOTE = "This plugin does not support propagateSizeHints()"

CLOSE_AFTER = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from gui.main_window import MainWindow
    app = QApplication(sys.argv)
    window = MainWindow()
    window.show()
    mode = sys.argv[1]
    def act():
        if mode == "playing":
            window.toggle_play()
        elif mode == "stepping":
            for _ in range(200):
                window.step_phase()
    def close():
        print(f"closing {time.monotonic()}", flush=True)
        window.close()
    QTimer.singleShot(1500, act)
    QTimer.singleShot(3000, close)
    sys.exit(app.exec())
""")


@pytest.mark.parametrize("mode", ["playing", "paused", "stepping"])
def test_closing_exits_zero_quickly_without_qt_warnings(mode):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", CLOSE_AFTER, mode], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate(timeout=60)
    ended = time.monotonic()
    assert proc.returncode == 0, err
    closing = float(out.split("closing ")[1].split()[0])
    assert ended - closing < 2.0
    assert "QThread: Destroyed while thread is still running" not in err
    # Nothing else on stderr: no Qt warning, no traceback.
    lines = [line for line in err.splitlines() if line.strip() not in ("", OFFSCREEN_PLUGIN_NOTE)]
    assert lines == [], err
