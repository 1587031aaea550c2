"""Under Qt's own QT_SCALE_FACTOR the window stays laid out: on a 1920x1080 screen scaled
1.25, 1.5 and 2 (a logical screen of 1536x864, 1280x720 and 960x540) every view of both
layouts can be seen and no view or plot is squeezed (the limits of test_window_layouts)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gui.window_layouts import STEP, TRAIN

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


@pytest.mark.parametrize("layout", [TRAIN, STEP])
@pytest.mark.parametrize("scale, logical", [("1.25", "1536x864"), ("1.5", "1280x720"),
                                            ("2", "960x540")])
def test_scaled_window_keeps_every_view_usable(tmp_path, scale, logical, layout):
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [
        {"name": "projector", "x": 0, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_SCALE_FACTOR=scale,
               QT_QPA_PLATFORM=f"offscreen:configfile={screens}",
               PYTHONPATH=os.pathsep.join([str(ROOT), str(HERE)]))
    result = subprocess.run([sys.executable, str(HERE / "scaled_window_check.py"), layout],
                            check=False, cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert f"screen {logical}" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0, f"at {scale}x, {layout}: {result.stderr.strip()[-800:]}"
