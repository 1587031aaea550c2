"""Settings shared by every test.

Qt defaults to the headless "offscreen" platform so the suite runs the same on a
desktop, over SSH and in CI, and no windows flash up while it runs. A test that
needs a real X11 window sets QT_QPA_PLATFORM=xcb in its own subprocess. An
explicit QT_QPA_PLATFORM in the environment is respected.
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The app's remembered settings (gui/app_settings.py) go to a file of this test run,
# never to the settings of the person running the tests; subprocesses inherit it.
import tempfile

os.environ["BACKPROP_LAB_SETTINGS"] = os.path.join(
    tempfile.mkdtemp(prefix="backprop-lab-test-settings-"), "settings.ini")
