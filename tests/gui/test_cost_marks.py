"""Marks on the cost curve: where a setting changed (with its new value) and where a
divergence paused training; kept through folding, moved by a step back, cleared by a
reset; and the rejected point of a divergence neither drawn nor counted."""
import dataclasses
from types import SimpleNamespace

import numpy as np
import pytest
from on_screen import new_view
from test_worker import WAIT_MS, build, latest

from engine.folded_history import RECENT
from gui.cost_marks import BATCH_SIZE, DIVERGED, L2, LEARNING_RATE, MAX_MARKS, CostMarks
from gui.plots.cost_plot import CostPlot
from gui.status_line import format_status
from gui.training_history import TrainingHistory


@dataclasses.dataclass
class Step:
    """What a Snapshot tells the history, for `update` with no new costs."""

    update: int
    learning_rate: float = 0.5
    l2: float = 0.0
    batch_size: int = 0
    diverged_update: int | None = None


def marks_of(marks):
    return [(m.update, m.kind, m.text) for m in marks.marks]


def test_a_changed_setting_is_marked_at_its_update_with_its_new_value():
    marks = CostMarks()
    for step in (Step(0), Step(10), Step(10, learning_rate=0.1),
                 Step(25, learning_rate=0.1, l2=0.01),
                 Step(40, learning_rate=0.1, l2=0.01, batch_size=32),
                 Step(41, learning_rate=0.1, l2=0.01, batch_size=32), Step(50, l2=0.01)):
        marks.see(step)
    assert marks_of(marks) == [(10, LEARNING_RATE, "α = 0.1"), (25, L2, "λ = 0.01"),
                               (40, BATCH_SIZE, "batch = 32"), (50, LEARNING_RATE, "α = 0.5"),
                               (50, BATCH_SIZE, "batch = all")]


def test_changes_at_one_update_leave_one_mark_and_a_change_undone_leaves_none():
    marks = CostMarks()
    for lr in (0.5, 0.2, 0.1, 0.05):
        marks.see(Step(7, learning_rate=lr))
    assert marks_of(marks) == [(7, LEARNING_RATE, "α = 0.05")]
    marks.see(Step(7, learning_rate=0.5))     # back where it was before update 7
    assert marks_of(marks) == []


def test_a_step_back_moves_a_setting_still_in_force_and_drops_a_divergence_undone():
    marks = CostMarks()
    for step in (Step(0), Step(5, learning_rate=0.1), Step(20, learning_rate=0.1, l2=0.1),
                 Step(29, learning_rate=0.1, l2=0.1, diverged_update=30)):
        marks.see(step)
    assert marks_of(marks)[-1] == (29, DIVERGED, "diverged, paused")
    assert "after update 30, so that update was undone" in marks.marks[-1].detail
    marks.go_back_to(12)
    # α = 0.1 is before 12: stays. λ = 0.1 is still in force: it applies from 12 on now.
    assert marks_of(marks) == [(5, LEARNING_RATE, "α = 0.1"), (12, L2, "λ = 0.1")]
    marks.go_back_to(3)
    assert marks_of(marks) == [(3, LEARNING_RATE, "α = 0.1"), (3, L2, "λ = 0.1")]


def test_marks_stay_bounded():
    marks = CostMarks()
    for update in range(MAX_MARKS + 50):
        marks.see(Step(update, learning_rate=0.1 if update % 2 else 0.2))
    assert len(marks) == MAX_MARKS and marks.marks[-1].update == MAX_MARKS + 49


def fed_history(n, change_at):
    """A TrainingHistory of n updates whose learning rate went to 0.05 at change_at."""
    history = TrainingHistory(1)
    costs = np.linspace(1.0, 0.1, n)
    step = 1000
    for end in range(step, n + 1, step):
        settings = Step(end, learning_rate=0.5 if end < change_at else 0.05)
        history.add(SimpleNamespace(
            **vars(settings), new_costs=costs[end - step:end], new_epoch_ends=(),
            metrics=SimpleNamespace(test_cost=0.5, dW_norms=(0.1,))))
    return history


def test_a_mark_outlives_the_folding_of_its_costs_and_a_reset_clears_it(qtbot):
    plot = new_view(qtbot, CostPlot)
    n = 4 * RECENT
    history = fed_history(n, change_at=3000)
    assert history.costs.exact_start > 3000        # the costs around the mark are folded
    plot.show_snapshot(SimpleNamespace(update=n), history)
    assert plot.setting_marks.texts() == [(3000, "α = 0.05")]
    plot.set_session(SimpleNamespace(X_test=np.zeros((2, 5))))
    assert plot.setting_marks.texts() == []
    plot.show_snapshot(SimpleNamespace(update=0), TrainingHistory(1))
    assert plot.setting_marks.texts() == []


def test_a_live_learning_rate_change_is_marked_and_drawn(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller, lr=0.5)
    for _ in range(12):
        latest(controller, qtbot, worker.step_update)
    latest(controller, qtbot, worker.set_learning_rate, 0.1)
    for _ in range(3):
        latest(controller, qtbot, worker.step_update)
    assert marks_of(controller.history.marks) == [(12, LEARNING_RATE, "α = 0.1")]
    plot = new_view(qtbot, CostPlot)
    plot.set_session(controller.session)
    plot.show_snapshot(controller.latest, controller.history)
    assert plot.setting_marks.texts() == [(12, "α = 0.1")]
    # Back across the mark: the rate stays 0.1, so its mark moves to where it now applies.
    for _ in range(5):
        latest(controller, qtbot, worker.step_back_update)
    assert controller.latest.update == 10
    assert marks_of(controller.history.marks) == [(10, LEARNING_RATE, "α = 0.1")]
    assert plot.show_snapshot(controller.latest, controller.history)
    assert plot.setting_marks.texts() == [(10, "α = 0.1")]


@pytest.mark.parametrize("how", ["play", "phases"])
def test_a_divergence_is_marked_and_its_rejected_point_is_neither_drawn_nor_counted(
        worker_rig, qtbot, how):
    worker, controller = worker_rig
    # Update 3 makes the cost blow up; phase play has run it and sent its cost first.
    build(worker, qtbot, controller, lr=10.0, sizes=(2, 16, 16, 1), activation="linear")
    with qtbot.waitSignal(controller.diverged, timeout=WAIT_MS) as signal:
        if how == "play":
            worker.play()
        else:
            worker.set_phase_pace(5.0)
            worker.play_phases()
    qtbot.waitUntil(lambda: not controller.playing, timeout=WAIT_MS)
    snap, history = controller.latest, controller.history
    undone = snap.diverged_update
    assert undone == snap.update + 1 and f"diverged at update {undone}" in signal.args[0]
    # The curve ends where the update count stands: the undone update left nothing.
    assert len(history.costs) == snap.update
    assert np.all(np.isfinite(history.costs.exact_values()))
    assert format_status(snap).startswith(f"update {len(history.costs):,} ")
    assert marks_of(history.marks) == [(snap.update, DIVERGED, "diverged, paused")]
    assert f"after update {undone}, so that update was undone" in history.marks.marks[0].detail
    plot = new_view(qtbot, CostPlot)
    plot.set_session(controller.session)
    plot.show_snapshot(snap, history)
    x, _ = plot.train_curve.getData()
    assert x.max() == snap.update
    assert plot.setting_marks.texts() == [(snap.update, "diverged, paused")]
