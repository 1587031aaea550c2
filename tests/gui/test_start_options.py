"""The window starts with the data, network and training given on the command line."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gui.app import parse_options
from gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
WAIT_MS = 15_000


def test_the_window_opens_with_the_options_given(qtbot):
    options = parse_options(["--dataset", "xor", "--layers", "auto,4,3,1", "--activation",
                             "relu,tanh", "--batch-size", "16", "--lr", "0.2", "--l2", "0.01",
                             "--seed", "7", "--n", "120"])
    window = MainWindow(options.start)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.controller.latest is not None, timeout=WAIT_MS)
        session, snapshot = window.controller.session, window.controller.latest
        assert session.dataset_name == "xor"
        assert session.layer_sizes == (2, 4, 3, 1)
        assert session.activations == ("relu", "tanh", "sigmoid")
        assert session.X_train.shape[1] + session.X_test.shape[1] == 120
        assert (snapshot.batch_size, snapshot.learning_rate, snapshot.l2) == (16, 0.2, 0.01)
        # The panels show what runs, so that changing one control keeps the others.
        assert window.model_panel.current_model().hidden_sizes == (4, 3)
        assert window.data_panel.settings().seed == 7
        values = window.training_panel.values()
        assert (values.batch_size, values.learning_rate, values.l2) == (16, 0.2, 0.01)
    finally:
        window.shut_down()


@pytest.mark.parametrize("args, message", [
    (["--layers", "3,4,1"], "--layers must start with 2, the number of features of moons"),
    (["--activation", "swish"], "unknown activation 'swish'"),
    (["--csv", "data.csv"], "use Open CSV"),
    (["--dataset", "digits", "--noise", "0.3"], "--noise is only for the generated data sets"),
])
def test_options_the_window_cannot_start_with_are_refused_in_one_line(args, message):
    result = subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, check=False,
                            capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
