"""Settings shared by every test.

Qt defaults to the headless "offscreen" platform so the suite runs the same on a
desktop, over SSH and in CI, and no windows flash up while it runs. A test that
needs a real X11 window sets QT_QPA_PLATFORM=xcb in its own subprocess. An
explicit QT_QPA_PLATFORM in the environment is respected.

The app's remembered settings (gui/app_settings.py) go to files of this test run, never
to the settings of the person running the tests; subprocesses inherit the variable.
Each test starts from none, and from a zoom of 1: a zoom one test left must not enlarge
the next one's window.
"""

import os
import sys
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SETTINGS_FOLDER = tempfile.mkdtemp(prefix="backprop-lab-test-settings-")
os.environ["BACKPROP_LAB_SETTINGS"] = os.path.join(SETTINGS_FOLDER, "settings.ini")


@pytest.fixture(autouse=True)
def own_settings(monkeypatch, request):
    name = "".join(c if c.isalnum() else "_" for c in request.node.nodeid)[-150:]
    monkeypatch.setenv("BACKPROP_LAB_SETTINGS", os.path.join(SETTINGS_FOLDER, f"{name}.ini"))
    if "gui.theme" in sys.modules:
        sys.modules["gui.theme"].set_zoom_level(1.0)
