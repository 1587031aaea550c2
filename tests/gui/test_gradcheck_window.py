"""The gradient check in the window: G checks the model in use on the worker thread and
shows every array; a broken backprop fails; the window keeps working meanwhile."""
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from engine import backprop
from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from gui import worker as worker_module
from gui.controller import TrainingController
from gui.gradcheck_control import ACTION_TEXT, RUNNING_TEXT
from gui.worker_thread import WorkerThread

WAIT_MS = 15_000


def press(window, key, modifier=Qt.NoModifier):
    """A key press as the window system delivers it (see test_main_window.py)."""
    QTest.keyClick(window.windowHandle(), key, modifier)


def use_model(window, qtbot, data, sizes, activation="tanh", batch=0):
    with qtbot.waitSignal(window.controller.session_started, timeout=WAIT_MS):
        window.worker.build(data, make_model_config(sizes, activation, "xavier", 0),
                            make_train_config(0.5, 0.0, batch))
    qtbot.waitUntil(lambda: window.controller.latest is not None, timeout=WAIT_MS)


def check_by_key(window, qtbot):
    """Press G and wait for the report; returns it."""
    with qtbot.waitSignal(window.controller.gradients_checked, timeout=WAIT_MS) as report:
        press(window, Qt.Key_G)
    return report.args[0]


@pytest.mark.parametrize("sizes", [(2, 3, 1), (2, 4, 3, 1)])
def test_g_passes_the_stock_model_and_shows_every_array(window, qtbot, sizes):
    use_model(window, qtbot, load_dataset("xor", n=200, noise=0.2, seed=0), sizes)
    report = check_by_key(window, qtbot)
    view = window.gradient_check.view
    assert view.isVisible() and not view.isModal()
    names = [f"{p}[{l}]" for l in range(1, len(sizes)) for p in "Wb"]
    assert [a.name for a in report.arrays] == names
    assert [view.table.item(row, 0).text() for row in range(view.table.rowCount())] == names
    assert view.status_texts() == ["\u2714 PASS"] * len(names)
    assert view.verdict.text().startswith("\u2714 PASS")
    assert report.entries_checked == report.parameter_count   # a small net: every entry
    assert view.scatter.point_count() == report.entries_checked
    assert "after 0 updates" in view.scope.text() and "150 training examples" in view.scope.text()
    assert window.gradient_check.action.isEnabled()
    assert window.gradient_check.action.text() == ACTION_TEXT


def test_a_backprop_broken_in_the_test_fails_its_weights(window, qtbot, monkeypatch):
    correct = backprop.layer_gradients

    def one_percent_too_big(dZ, A_prev, W, lambd):
        dW, db = correct(dZ, A_prev, W, lambd)
        return dW * 1.01, db

    use_model(window, qtbot, load_dataset("xor", n=200, noise=0.2, seed=0), (2, 4, 3, 1))
    monkeypatch.setattr(backprop, "layer_gradients", one_percent_too_big)
    report = check_by_key(window, qtbot)
    view = window.gradient_check.view
    assert [a.status for a in report.arrays] == ["FAIL", "PASS"] * 3
    assert view.status_texts() == ["\u2718 FAIL", "\u2714 PASS"] * 3
    assert view.verdict.text().startswith("\u2718 FAIL: W[1], W[2], W[3] differ")
    assert view.scatter.point_count() == report.entries_checked == 31


def test_the_window_stays_responsive_while_a_check_runs(window, qtbot):
    # digits 64-32-16-1: about a thousand entries on 256 examples, most of a second.
    digits = load_dataset("digits")
    use_model(window, qtbot, digits, (64, 32, 16, 1))
    control = window.gradient_check
    ticks = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    reports = []
    window.controller.gradients_checked.connect(reports.append)
    start = time.perf_counter()
    press(window, Qt.Key_G)
    assert control.running and not control.action.isEnabled()
    assert control.action.text() == RUNNING_TEXT
    assert control.view.busy.isVisible() and "Checking" in control.view.verdict.text()
    press(window, Qt.Key_G)              # a second press while it runs does nothing
    control.view.again.click()           # nor does the view's button (disabled)
    qtbot.waitUntil(lambda: bool(reports), timeout=WAIT_MS)
    seconds = time.perf_counter() - start
    timer.stop()
    qtbot.wait(300)
    assert len(reports) == 1
    assert reports[0].seconds > 0.1      # long enough for the count below to mean something
    during = [t for t in ticks if start < t < start + reports[0].seconds]
    # The GUI thread's event loop went on serving the timer while the worker checked.
    assert len(during) >= 5, f"{len(during)} ticks in {seconds:.2f} s"
    assert control.view.scatter.point_count() == reports[0].entries_checked
    assert reports[0].sampled_examples
    assert (f"a seeded sample of 256 of the {digits.m_train:,} training examples"
            in control.view.scope.text())


def test_escape_stops_a_check_and_says_so(window, qtbot, monkeypatch):
    slow_cost = backprop.cost

    def cost_taking_a_while(*args):
        time.sleep(0.01)
        return slow_cost(*args)

    monkeypatch.setattr(backprop, "cost", cost_taking_a_while)
    failed = []
    window.controller.gradient_check_failed.connect(failed.append)
    press(window, Qt.Key_G)
    qtbot.wait(200)
    press(window, Qt.Key_Escape)
    qtbot.waitUntil(lambda: bool(failed), timeout=WAIT_MS)
    control = window.gradient_check
    assert "stopped before it finished" in control.view.verdict.text()
    assert not control.view.busy.isVisible() and control.action.isEnabled()


def test_an_error_in_the_check_is_a_message_not_a_traceback(window, qtbot, monkeypatch):
    def broken(trainer, keep_going):
        raise FloatingPointError("a test's broken check")

    monkeypatch.setattr(worker_module, "check_trainer", broken)
    with qtbot.waitSignal(window.controller.gradient_check_failed, timeout=WAIT_MS):
        press(window, Qt.Key_G)
    text = window.gradient_check.view.verdict.text()
    assert text == ("The gradient check could not finish: FloatingPointError: "
                    "a test's broken check")
    assert "Traceback" not in text and window.gradient_check.action.isEnabled()
    monkeypatch.undo()
    assert check_by_key(window, qtbot).verdict == "PASS"   # the worker carried on


def test_the_view_says_when_the_weights_have_moved_on(window, qtbot):
    check_by_key(window, qtbot)
    view = window.gradient_check.view
    assert not view.stale.isVisible()
    # The report's window may have taken the focus; the keys below go to the main one.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    with qtbot.waitSignal(window.controller.snapshot_received, timeout=WAIT_MS):
        press(window, Qt.Key_Right)
    assert view.stale.isVisible()
    assert "after update 0; now 1" in view.stale.text()
    with qtbot.waitSignal(window.controller.session_started, timeout=WAIT_MS):
        press(window, Qt.Key_R)
    assert "replaced" in view.stale.text()
    check_by_key(window, qtbot)
    assert not view.stale.isVisible()


def test_the_main_windows_keys_work_in_the_check_window_too(window, qtbot):
    check_by_key(window, qtbot)
    view = window.gradient_check.view
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=WAIT_MS)
    with qtbot.waitSignal(window.controller.snapshot_received, timeout=WAIT_MS):
        QTest.keyClick(view.windowHandle(), Qt.Key_Right)
    assert window.controller.latest.update == 1
    with qtbot.waitSignal(window.controller.gradients_checked, timeout=WAIT_MS) as report:
        QTest.keyClick(view.windowHandle(), Qt.Key_G)
    assert report.args[0].update_count == 1


def test_without_a_model_the_check_says_there_is_none(qtbot):
    controller = TrainingController()
    thread = WorkerThread(controller)
    try:
        with qtbot.waitSignal(controller.gradient_check_failed, timeout=WAIT_MS) as failed:
            thread.worker.check_gradients()
        assert failed.args[0].startswith("There is no model to check yet")
    finally:
        thread.stop()
        controller.stop()


def test_quitting_during_a_check_stops_it_between_two_entries(window, qtbot, monkeypatch):
    slow_cost = backprop.cost

    def cost_taking_a_while(*args):
        time.sleep(0.01)
        return slow_cost(*args)

    monkeypatch.setattr(backprop, "cost", cost_taking_a_while)
    press(window, Qt.Key_G)   # 105 entries x 4 costs x 10 ms: four seconds unless stopped
    qtbot.wait(200)
    assert window.gradient_check.running
    assert window.shut_down()   # the worker's thread ended within QUIT_WAIT_MS
