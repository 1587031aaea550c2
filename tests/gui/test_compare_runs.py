"""Same-start comparisons in the window: the Compare dialog adds forks of the main run,
their curves are drawn dashed over its own with a legend naming the difference, they
keep in step with the main run, and bad values or a fifth run change nothing."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from engine.fork_change import ACTIVATION, BATCH_SIZE, LEARNING_RATE
from gui import theme
from gui.plots.fork_overlay import FORK_DASHES, fork_color

WAIT_MS = 15_000


def forks_of(window):
    """The forks of the newest snapshot (none between a reset and its first snapshot)."""
    latest = window.controller.latest
    report = latest.forks if latest is not None else None
    return report.forks if report is not None else ()


def open_dialog(window, qtbot):
    window.compare_control.open()
    dialog = window.compare_control.view
    qtbot.waitExposed(dialog)
    return dialog


def add(window, qtbot, dialog, setting, text, count):
    """Type `text` for `setting`, press Enter and wait for `count` forks to be there."""
    dialog.choose(setting)
    if setting == ACTIVATION:
        dialog.choose(setting, text)
        qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    else:
        qtbot.keyClicks(dialog.value_edit, text)
        qtbot.keyClick(dialog.value_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: len(forks_of(window)) == count, timeout=WAIT_MS)


def step_updates(window, qtbot, n):
    target = window.controller.latest.update + n
    for _ in range(n):
        window.step_update()
    qtbot.waitUntil(lambda: window.controller.latest.update == target and
                    all(f.update == target for f in forks_of(window)), timeout=WAIT_MS)


def legend_texts(legend):
    return [label.text for _, label in legend.items]


def overlapping_entries(legend):
    """Pairs of legend labels drawn over each other."""
    rects = [(label.text, label.sceneBoundingRect()) for _, label in legend.items]
    return [(a, b) for i, (a, ra) in enumerate(rects) for b, rb in rects[i + 1:]
            if ra.intersects(rb)]


def test_a_fork_is_drawn_dashed_over_the_main_run_with_its_legend(window, qtbot):
    step_updates(window, qtbot, 5)
    dialog = open_dialog(window, qtbot)
    add(window, qtbot, dialog, LEARNING_RATE, "0.05", 1)
    (fork,) = forks_of(window)
    assert (fork.label, fork.update) == ("α = 0.05", 5)
    assert dialog.answer.text() == "Added the run with α = 0.05."
    assert dialog.runs_list.item(0).text().startswith("α = 0.05 — update 5, test cost ")
    step_updates(window, qtbot, 7)
    window.controller.paint(force=True)

    cost_plot = window.views["Cost"]
    curve = cost_plot.fork_curves.curves[0]
    x, y = curve.getData()
    history = window.controller.history
    (run,) = history.forks
    np.testing.assert_array_equal(x, np.arange(1, 13))
    np.testing.assert_array_equal(y, run.costs.exact_values())
    main = history.costs.exact_values()
    assert y[0] == main[0] and not np.allclose(y[1:], main[1:])  # same start, other steps
    assert "α = 0.05" in legend_texts(cost_plot.legend)
    pen = curve.opts["pen"]
    assert pen.style() == FORK_DASHES[0] and pen.color().name() == fork_color(0)
    assert fork_color(0) in theme.LAYER_COLORS

    gradient_plot = window.views["Gradient magnitudes"]
    assert "α = 0.05" in legend_texts(gradient_plot.legend)
    assert len(legend_texts(gradient_plot.legend)) == 4
    assert overlapping_entries(gradient_plot.legend) == []
    layer_curves = gradient_plot.fork_curves.curves[0]
    assert len(layer_curves) == 3
    for l, layer_curve in enumerate(layer_curves, start=1):
        assert layer_curve.opts["pen"].color().name() == theme.layer_color(l)
        assert layer_curve.opts["pen"].style() == FORK_DASHES[0]
        assert len(layer_curve.getData()[0]) >= 2
    # An entry taken out of the middle of a legend in columns leaves no entry drawn over
    # another.
    add(window, qtbot, dialog, ACTIVATION, "relu", 2)
    window.worker.remove_fork(fork.key)
    qtbot.waitUntil(lambda: len(forks_of(window)) == 1, timeout=WAIT_MS)
    add(window, qtbot, dialog, BATCH_SIZE, "1", 2)
    window.controller.paint(force=True)
    assert legend_texts(gradient_plot.legend)[3:] == ["ReLU",
                                                      "stochastic (batch 1)"]
    assert overlapping_entries(gradient_plot.legend) == []
    assert overlapping_entries(cost_plot.legend) == []


def test_forks_follow_play_and_reset(window, qtbot):
    dialog = open_dialog(window, qtbot)
    add(window, qtbot, dialog, ACTIVATION, "relu", 1)
    add(window, qtbot, dialog, BATCH_SIZE, "10", 2)
    window.toggle_play()
    qtbot.waitUntil(lambda: window.controller.latest.update > 300, timeout=WAIT_MS)
    window.toggle_play()
    qtbot.waitUntil(lambda: not window.controller.playing, timeout=WAIT_MS)
    latest = window.controller.latest
    qtbot.waitUntil(lambda: all(f.update == latest.update for f in forks_of(window)),
                    timeout=WAIT_MS)
    runs = window.controller.history.forks
    assert [len(run.costs) for run in runs] == [latest.update] * 2
    keys = [f.key for f in forks_of(window)]
    window.reset()
    qtbot.waitUntil(lambda: bool(forks_of(window)) and forks_of(window)[0].key not in keys,
                    timeout=WAIT_MS)
    assert window.controller.latest.update == 0
    assert [f.label for f in forks_of(window)] == ["ReLU", "batch 10"]
    assert [f.update for f in forks_of(window)] == [0, 0]


def test_bad_values_and_a_fifth_run_give_messages_and_keep_the_runs(window, qtbot):
    dialog = open_dialog(window, qtbot)
    dialog.choose(LEARNING_RATE)
    qtbot.keyClicks(dialog.value_edit, "20")
    qtbot.keyClick(dialog.value_edit, Qt.Key_Return)
    assert dialog.message.message() == "learning rate must be between 1e-05 and 10, got 20."
    assert dialog.message.isVisible()
    assert forks_of(window) == ()
    add(window, qtbot, dialog, LEARNING_RATE, "0.1", 1)
    assert not dialog.message.isVisible()
    dialog.choose(LEARNING_RATE, "0.5")   # the main run's own
    dialog.add_run()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT_MS)
    assert dialog.message.message() == ("No new run: the main run already has α = 0.5; "
                                        "choose a different value.")
    dialog.choose(BATCH_SIZE, "1000")
    dialog.add_run()
    assert dialog.message.message() == ("batch size must be at most the 150 training "
                                        "examples (or 0 for all of them), got 1000.")
    add(window, qtbot, dialog, LEARNING_RATE, "0.2", 2)
    add(window, qtbot, dialog, LEARNING_RATE, "1", 3)
    dialog.choose(LEARNING_RATE, "2")
    dialog.add_run()
    assert dialog.message.message().startswith("At most 4 runs are compared")
    assert [f.label for f in forks_of(window)] == ["α = 0.1", "α = 0.2", "α = 1"]

    dialog.runs_list.setCurrentRow(1)
    dialog.runs_list.setFocus()
    qtbot.keyClick(dialog.runs_list, Qt.Key_Delete)
    qtbot.waitUntil(lambda: len(forks_of(window)) == 2, timeout=WAIT_MS)
    assert [f.label for f in forks_of(window)] == ["α = 0.1", "α = 1"]
    assert dialog.runs_list.count() == 2
    dialog.remove_all()
    qtbot.waitUntil(lambda: forks_of(window) == (), timeout=WAIT_MS)
    window.controller.paint(force=True)
    assert dialog.runs_list.count() == 0
    cost_plot = window.views["Cost"]
    assert not any(t.startswith("α") for t in legend_texts(cost_plot.legend))
    assert all(len(c.getData()[0]) == 0 for c in cost_plot.fork_curves.curves)


@pytest.mark.parametrize("key", [Qt.Key_C])
def test_the_compare_key_opens_the_dialog_with_the_setting_in_focus(window, qtbot, key):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: window.compare_control.view is not None and
                    window.compare_control.view.isVisible(), timeout=WAIT_MS)
    dialog = window.compare_control.view
    assert "The main run has α = 0.5." in dialog.hint.text()
    qtbot.waitUntil(dialog.setting_box.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(dialog, Qt.Key_N, Qt.AltModifier)
    qtbot.waitUntil(dialog.value_edit.hasFocus, timeout=WAIT_MS)
    dialog.choose(ACTIVATION)
    qtbot.keyClick(dialog, Qt.Key_N, Qt.AltModifier)
    qtbot.waitUntil(dialog.choice_box.hasFocus, timeout=WAIT_MS)


def test_a_fork_that_diverges_says_so_in_the_legend_and_the_main_run_goes_on(window, qtbot):
    window.model_panel.set_model((8, 8), ("linear", "linear"), "he", 3)
    qtbot.waitUntil(lambda: window.controller.session is not None and
                    window.controller.session.activations[0] == "linear" and
                    window.controller.latest is not None, timeout=WAIT_MS)
    dialog = open_dialog(window, qtbot)
    add(window, qtbot, dialog, LEARNING_RATE, "5", 1)
    for _ in range(10):
        window.step_update()
    qtbot.waitUntil(lambda: window.controller.latest.update == 10, timeout=WAIT_MS)
    (fork,) = forks_of(window)
    assert fork.stopped.startswith("diverged at update ") and fork.update < 10
    window.controller.paint(force=True)
    assert f"α = 5 ({fork.stopped})" in legend_texts(window.views["Cost"].legend)
    assert dialog.runs_list.item(0).text().startswith(f"α = 5 — stopped: {fork.stopped}; ")
