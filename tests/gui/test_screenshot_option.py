"""python main.py --screenshot FILE --updates N: trains, saves the window, exits."""
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def test_screenshot_after_n_updates(tmp_path):
    shot = tmp_path / "slide.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "main.py", "--screenshot", str(shot),
                             "--updates", "300", "--size", "1400x900"],
                            cwd=ROOT, env=env, check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1400, 900)
    colours = {image.pixel(x, y) for x in range(0, 1400, 20) for y in range(0, 900, 20)}
    assert len(colours) > 50


def test_bad_size_is_refused_with_a_message():
    result = subprocess.run([sys.executable, "main.py", "--size", "huge"], cwd=ROOT,
                            check=False, capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 2
    assert "--size must look like 1600x1000" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_slide_of_one_phase_in_the_step_layout(tmp_path):
    """--layout step --phases K: the stepper after K phases of the update after N."""
    shot = tmp_path / "phase.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "main.py", "--screenshot", str(shot),
                             "--layout", "step", "--updates", "10", "--phases", "5",
                             "--size", "1366x768"],
                            cwd=ROOT, env=env, check=False, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    # The default net is 2-8-8-1: phase 5 of 8 is the backward pass of the output layer.
    assert "after 10 updates and 5 of 8 phases (Backward, layer 3)" in result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1366, 768)


def test_negative_phases_are_refused_with_a_message():
    result = subprocess.run([sys.executable, "main.py", "--screenshot", "x.png",
                             "--phases", "-1"], cwd=ROOT, check=False, capture_output=True,
                            text=True, timeout=60, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 2
    assert "--phases must be 0 or more, got -1" in result.stderr


def test_phases_alone_are_the_phases_of_the_first_update():
    from gui.app import parse_options
    assert parse_options(["--screenshot", "x.png", "--phases", "3"]).updates == 0
    assert parse_options(["--screenshot", "x.png"]).updates == 500
    assert parse_options(["--screenshot", "x.png", "--phases", "3", "--updates", "7"]).updates == 7
