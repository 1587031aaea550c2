"""The whole window, offscreen: controls, keys, views, messages."""
import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from gui.main_window import MainWindow
from gui.worker_thread import GIL_SWITCH_INTERVAL_S

WAIT_MS = 15_000


def test_the_window_opens_with_every_view_painted(window, qtbot):
    assert set(window.views) == {"Cost", "Decision boundary", "Sigmoid outputs",
                                 "Gradient magnitudes", "Network", "Step through",
                                 "Loss surface"}
    qtbot.waitUntil(lambda: window.controller.frames > 0, timeout=WAIT_MS)
    assert "update 0" in window.status.currentMessage()


def test_space_plays_and_pauses(window, qtbot):
    controller = window.controller
    qtbot.keyClick(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: controller.playing and controller.latest.update > 50,
                    timeout=WAIT_MS)
    assert window.play_action.text() == "Pause"
    qtbot.keyClick(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: not controller.playing and not controller.latest.playing,
                    timeout=WAIT_MS)
    stopped_at = controller.latest.update
    qtbot.wait(300)
    assert controller.latest.update == stopped_at
    assert "paused" in window.status.currentMessage()


def test_right_arrow_steps_exactly_one_update_each(window, qtbot):
    controller = window.controller
    for k in range(1, 4):
        with qtbot.waitSignal(controller.snapshot_received, timeout=WAIT_MS):
            qtbot.keyClick(window, Qt.Key_Right)
        assert controller.latest.update == k
    with qtbot.waitSignal(controller.snapshot_received, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key_N)
    assert controller.latest.update == 4


def test_r_resets_to_the_same_initial_weights(window, qtbot):
    controller = window.controller
    start = controller.latest.W
    for _ in range(3):
        with qtbot.waitSignal(controller.snapshot_received, timeout=WAIT_MS):
            qtbot.keyClick(window, Qt.Key_Right)
    assert not np.array_equal(controller.latest.W[0], start[0])
    with qtbot.waitSignal(controller.session_started, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key_R)
    qtbot.waitUntil(lambda: controller.latest is not None and controller.latest.update == 0,
                    timeout=WAIT_MS)
    assert all(np.array_equal(a, b) for a, b in zip(controller.latest.W, start))


@pytest.mark.parametrize("key", [Qt.Key_Space, Qt.Key_Escape])
def test_a_long_step_epoch_shows_its_progress_and_space_or_escape_stops_it(window, qtbot, key):
    controller = window.controller
    # Stochastic descent on 20,000 points: an epoch of 15,000 updates.
    data = load_dataset("moons", n=20000, noise=0.2, seed=0)
    with qtbot.waitSignal(controller.session_started, timeout=WAIT_MS):
        window.worker.build(data, make_model_config((2, 64, 64, 1), "tanh", "xavier", 0),
                            make_train_config(0.1, 0.0, 1))
    press(window, Qt.Key_E)
    qtbot.waitUntil(lambda: controller.progress is not None and controller.progress.done > 0,
                    timeout=WAIT_MS)
    assert window.long_command_running()
    status = window.status.currentMessage()
    assert "step epoch" in status and "of 15,000 updates" in status
    assert "Space or Esc stops" in status
    press(window, key)
    qtbot.waitUntil(lambda: controller.progress.finished, timeout=WAIT_MS)
    assert controller.progress.done < data.m_train // 2 and not controller.playing
    assert not window.long_command_running()
    qtbot.waitUntil(lambda: "paused" in window.status.currentMessage(), timeout=WAIT_MS)
    # Space plays again once the long command has ended.
    press(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: controller.playing, timeout=WAIT_MS)
    press(window, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not controller.playing, timeout=WAIT_MS)


def press(window, key, modifier=Qt.NoModifier):
    """A key press as the window system delivers it: to the window, so that window-wide
    shortcuts (Escape, Ctrl+Q) are looked up as for a real key."""
    QTest.keyClick(window.windowHandle(), key, modifier)


def test_ctrl_q_closes_the_window(window, qtbot):
    press(window, Qt.Key_Q, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)


def test_phase_steps_fill_the_step_through_view(window, qtbot):
    controller = window.controller
    with qtbot.waitSignal(controller.snapshot_received, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key_Period)
    window.controller.paint(force=True)
    view = window.views["Step through"]
    assert "phase 1 of" in view.header_text() and "Forward, layer 1" in view.header_text()
    assert "Z<sup>[1]</sup> = W<sup>[1]</sup> A<sup>[0]</sup> + b<sup>[1]</sup>" in \
        view.equation.text()
    assert {"W[1]", "b[1]", "A[0]", "Z[1]", "A[1]"} == set(view.tiles)
    # The code that ran, read from the engine's functions, beside the equation.
    code = view.code.plain_text()
    assert "# engine/backprop.py" in code and "Z = W @ A_prev + b" in code
    assert "def tanh(Z):" in code


def test_divergence_pauses_and_says_what_to_try(window, qtbot):
    controller = window.controller
    window.training_panel.set_learning_rate(10.0)
    window.model_panel.set_model((16, 16), ("linear", "linear"), "he", 0)
    qtbot.waitUntil(lambda: controller.latest is not None and
                    controller.latest.W[0].shape == (16, 2), timeout=WAIT_MS)
    with qtbot.waitSignal(controller.diverged, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: not controller.playing, timeout=WAIT_MS)
    assert window.banner.isVisible()
    assert "smaller learning rate" in window.banner.text()
    assert np.all(np.isfinite(controller.history.costs.exact_values()))


def test_a_bad_csv_keeps_the_old_data_and_a_good_one_trains(window, qtbot, tmp_path):
    controller = window.controller
    before = controller.session
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,label\n1,2,yes\n3,,no\n5,6,yes\n")
    dialog = window.data_panel.open_csv(str(bad))
    qtbot.waitUntil(lambda: "row 3" in dialog.error_message(), timeout=WAIT_MS)
    assert not dialog.ok_button().isEnabled()
    dialog.accept()
    dialog.reject()
    qtbot.wait(200)
    assert window.data_panel.current_dataset().name == "moons"
    assert controller.session is before

    good = tmp_path / "good.csv"
    rows = [f"{x},{-x},{'yes' if x > 0 else 'no'}" for x in range(-20, 21) if x]
    good.write_text("a,b,label\n" + "\n".join(rows) + "\n")
    dialog = window.data_panel.open_csv(str(good))
    qtbot.waitUntil(dialog.ok_button().isEnabled, timeout=WAIT_MS)
    with qtbot.waitSignal(controller.session_started, timeout=WAIT_MS) as signal:
        dialog.accept()
    assert signal.args[0].dataset_name == "csv"
    assert signal.args[0].X_train.shape[0] == 2


def test_the_gil_changes_hands_quickly_while_the_worker_runs(qtbot):
    """The GUI thread waits for the GIL at most the window's switch interval, not
    Python's 5 ms, while the worker thread lives; closing gives back the old interval."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)   # Python's default, whatever other tests left behind
    w = MainWindow()
    qtbot.addWidget(w)
    assert sys.getswitchinterval() == GIL_SWITCH_INTERVAL_S < 0.005
    w.shut_down()
    assert sys.getswitchinterval() == 0.005
    sys.setswitchinterval(before)
