"""One real X11 window under Xvfb: it trains, it is not blank, Ctrl+Q exits 0."""
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "xdotool", "import")

missing = [t for t in TOOLS if shutil.which(t) is None]
if missing and not os.environ.get("CI"):
    pytest.skip(f"needs {', '.join(missing)} (CI installs them)", allow_module_level=True)


def wait_for(predicate, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def run(display, *args):
    return subprocess.run(list(args), env=dict(os.environ, DISPLAY=display),
                          check=False, capture_output=True, text=True, timeout=30)


def test_real_window_trains_shows_something_and_quits_on_ctrl_q(tmp_path):
    assert not missing, f"CI must install {missing}"
    display = f":{random.randint(200, 400)}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: run(display, "xdotool", "getdisplaygeometry").returncode == 0,
                        10), "Xvfb did not start"
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        app = subprocess.Popen([sys.executable, "main.py"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        window_ids = []

        def window_shown():
            found = run(display, "xdotool", "search", "--onlyvisible", "--name",
                        "Backprop Lab").stdout.split()
            window_ids[:] = found
            return bool(found)

        # Generous: start-up (imports, first layout) has taken over 20 s on a busy machine.
        assert wait_for(window_shown, 45), "no window appeared"
        win = window_ids[0]
        run(display, "xdotool", "windowactivate", "--sync", win)
        run(display, "xdotool", "windowfocus", "--sync", win)
        run(display, "xdotool", "key", "--window", win, "space")  # Play
        time.sleep(3)
        shot = tmp_path / "window.png"
        assert run(display, "import", "-window", "root", str(shot)).returncode == 0
        image = QImage(str(shot))
        assert not image.isNull()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 25)
                   for y in range(0, image.height(), 25)}
        assert len(colours) > 50, "the screenshot is (nearly) blank"
        run(display, "xdotool", "key", "--window", win, "ctrl+q")
        quit_at = time.monotonic()
        try:
            _, err = app.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
            app.communicate()
            pytest.fail("Ctrl+Q did not close the app")
        status = app.returncode
        assert status == 0, err
        assert time.monotonic() - quit_at < 2.5
        assert err.strip() == "", err  # no Qt warning, no traceback
    finally:
        xvfb.terminate()
        xvfb.wait(5)
