"""The worker thread and the GUI-thread controller, without the window.

Tests wait on the controller's signals (GUI thread), never on the worker's directly.
"""
import numpy as np
import pytest
from signal_recorder import record

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from gui.controller import TrainingController
from gui.view import View
from gui.worker_thread import WorkerThread

WAIT_MS = 10_000


class RecordingView(View):
    """A stand-in view that remembers what it was asked to paint, and says it drew."""

    def __init__(self):
        self.sessions, self.snapshots = [], []

    def set_session(self, session):
        self.sessions.append(session)

    def show_snapshot(self, snapshot, history):
        self.snapshots.append(snapshot)
        return True


def build(worker, qtbot, controller, lr=0.5, batch=0, sizes=(2, 8, 8, 1), activation="tanh"):
    data = load_dataset("moons", n=200, noise=0.2, seed=0)
    with qtbot.waitSignal(controller.snapshot_received, timeout=WAIT_MS):
        worker.build(data, make_model_config(sizes, activation, "xavier", 0),
                     make_train_config(lr, 0.0, batch))
    return data


def run_updates(controller, qtbot, worker, n):
    """Train n updates; they arrive as several snapshots, the last at update n."""
    target = controller.latest.update + n
    worker.run_updates(n)
    qtbot.waitUntil(lambda: controller.latest.update == target, timeout=WAIT_MS)


def latest(controller, qtbot, command, *args):
    """Call a command method of the worker; the snapshot that comes back."""
    with qtbot.waitSignal(controller.snapshot_received, timeout=WAIT_MS) as signal:
        command(*args)
    return signal.args[0]


def test_play_moves_the_counter_and_pause_stops_it(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller)
    worker.play()
    qtbot.waitUntil(lambda: controller.latest.update > 200, timeout=WAIT_MS)
    paused = latest(controller, qtbot, worker.pause)
    assert not controller.latest.playing
    qtbot.wait(300)
    assert controller.latest.update == paused.update
    # The history holds the cost of every update, none skipped.
    assert len(controller.history.costs) == paused.update
    assert np.all(np.isfinite(controller.history.costs.exact_values()))


@pytest.mark.parametrize("k", [1, 7])
def test_k_steps_advance_exactly_k_updates(worker_rig, qtbot, k):
    worker, controller = worker_rig
    build(worker, qtbot, controller)
    for _ in range(k):
        snapshot = latest(controller, qtbot, worker.step_update)
    assert snapshot.update == k
    assert len(controller.history.costs) == k


def test_phase_steps_walk_through_one_update(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller)
    kinds = []
    for _ in range(8):  # 2L + 2 for L = 3
        kinds.append(latest(controller, qtbot, worker.step_phase).last_phase.kind)
    assert kinds == ["forward"] * 3 + ["cost"] + ["backward"] * 3 + ["update"]
    assert controller.latest.update == 1


def test_reset_restores_the_initial_weights(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller)
    start = controller.latest.W
    run_updates(controller, qtbot, worker, 50)
    assert not np.array_equal(controller.latest.W[0], start[0])
    with qtbot.waitSignal(controller.session_started, timeout=WAIT_MS):
        worker.reset()
    qtbot.waitUntil(lambda: controller.latest is not None and controller.latest.update == 0,
                    timeout=WAIT_MS)
    assert all(np.array_equal(a, b) for a, b in zip(controller.latest.W, start))
    assert len(controller.history.costs) == 0


def test_a_live_learning_rate_change_takes_effect(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller, lr=0.5)
    run_updates(controller, qtbot, worker, 5)
    after = latest(controller, qtbot, worker.set_learning_rate, 0.001)
    assert after.learning_rate == 0.001
    for _ in range(8):
        record = latest(controller, qtbot, worker.step_phase).last_phase
    assert record.kind == "update" and record.learning_rate == 0.001


def test_divergence_pauses_with_a_message_and_finite_state(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller, lr=3.0, sizes=(2, 16, 16, 1), activation="linear")
    with qtbot.waitSignal(controller.diverged, timeout=WAIT_MS) as signal:
        worker.play()
    assert "smaller learning rate" in signal.args[0]
    qtbot.waitUntil(lambda: not controller.playing, timeout=WAIT_MS)
    snap = controller.latest
    assert all(np.all(np.isfinite(w)) for w in snap.W)
    assert np.all(np.isfinite(controller.history.costs.exact_values()))


def test_an_unexpected_error_is_reported_and_the_worker_lives_on(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller)
    with qtbot.waitSignal(controller.failed, timeout=WAIT_MS) as signal:
        worker.set_learning_rate("fast")
    assert "learning rate must be a number" in signal.args[0]
    assert latest(controller, qtbot, worker.step_update).update == 1


def test_throttled_speed_sends_every_update(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller)
    worker.set_speed(50.0)
    worker.play()
    qtbot.waitUntil(lambda: controller.latest.update >= 10, timeout=WAIT_MS)
    worker.pause()
    qtbot.waitUntil(lambda: not controller.playing, timeout=WAIT_MS)
    assert controller.latest.update < 40  # about 50 per second, not thousands


def test_controller_paints_only_new_snapshots(worker_rig, qtbot):
    worker, controller = worker_rig
    view = RecordingView()
    controller.add_view(view, max_hz=1000, is_visible=lambda: True)
    build(worker, qtbot, controller)
    qtbot.waitUntil(lambda: len(view.snapshots) == 1, timeout=WAIT_MS)
    qtbot.wait(200)
    assert len(view.snapshots) == 1  # nothing new, nothing painted
    latest(controller, qtbot, worker.step_update)
    qtbot.waitUntil(lambda: len(view.snapshots) == 2, timeout=WAIT_MS)
    assert view.snapshots[-1].update == 1 and len(view.sessions) == 1


def test_hidden_views_are_not_painted(worker_rig, qtbot):
    worker, controller = worker_rig
    view = RecordingView()
    controller.add_view(view, max_hz=1000, is_visible=lambda: False)
    build(worker, qtbot, controller)
    latest(controller, qtbot, worker.step_update)
    qtbot.wait(150)
    assert view.snapshots == []


def test_a_view_with_nothing_new_does_not_use_up_a_frame(worker_rig, qtbot):
    worker, controller = worker_rig

    class Unchanged(RecordingView):
        def show_snapshot(self, snapshot, history):
            super().show_snapshot(snapshot, history)
            return False

    idle, busy = Unchanged(), RecordingView()
    controller.add_view(idle, max_hz=1000, is_visible=lambda: True)
    controller.add_view(busy, max_hz=1000, is_visible=lambda: True)
    build(worker, qtbot, controller)
    qtbot.waitUntil(lambda: len(busy.snapshots) == 1, timeout=WAIT_MS)
    frames = controller.frames
    assert len(idle.snapshots) == 1  # asked first, said False, so busy was painted too
    latest(controller, qtbot, worker.step_update)
    qtbot.waitUntil(lambda: len(busy.snapshots) == 2, timeout=WAIT_MS)
    assert controller.frames == frames + 1


def test_run_updates_sends_snapshots_along_the_way(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller)
    seen = []
    controller.snapshot_received.connect(seen.append)
    run_updates(controller, qtbot, worker, 300)
    assert len(seen) >= 50 and seen[-1].update == 300
    assert len(controller.history.test_costs) > 50  # a curve for the test cost


def test_commands_before_the_first_build_are_ignored(worker_rig, qtbot):
    worker, controller = worker_rig
    failures = record(controller.failed)
    worker.play()
    worker.step_update()
    worker.reset()
    worker.set_l2(0.1)
    build(worker, qtbot, controller)
    qtbot.wait(200)
    assert controller.latest.update == 0 and not controller.playing
    assert controller.latest.l2 == 0.0 and failures == []


def test_live_l2_and_batch_size_changes_reach_the_trainer(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller)
    assert latest(controller, qtbot, worker.set_l2, 0.1).l2 == 0.1
    assert latest(controller, qtbot, worker.set_batch_size, 10).batch_size == 10


def test_step_epoch_runs_to_the_end_of_the_epoch(worker_rig, qtbot):
    worker, controller = worker_rig
    data = build(worker, qtbot, controller, batch=10)
    snapshot = latest(controller, qtbot, worker.step_epoch)
    assert snapshot.epoch == 1
    assert snapshot.update == -(-data.m_train // 10)   # batches of 10, the last maybe short


def test_a_misspelt_command_fails_where_it_is_called(worker_rig):
    worker, _ = worker_rig
    with pytest.raises(AttributeError):
        worker.step_updates()
    with pytest.raises(TypeError):
        worker.run_updates()


# --- long commands: progress, interrupting, stopping ----------------------------------

def long_epoch(worker, qtbot, controller):
    """Stochastic descent on 20,000 points with hidden layers of 64: an epoch of 15,000
    updates, several seconds even on a fast machine."""
    data = load_dataset("moons", n=20000, noise=0.2, seed=0)
    with qtbot.waitSignal(controller.snapshot_received, timeout=WAIT_MS):
        worker.build(data, make_model_config((2, 64, 64, 1), "tanh", "xavier", 0),
                     make_train_config(0.1, 0.0, 1))
    return data


def test_step_epoch_reports_progress_and_stops_between_updates_when_interrupted(worker_rig, qtbot):
    worker, controller = worker_rig
    data = long_epoch(worker, qtbot, controller)
    progress = record(controller.progress_changed)
    ticket = worker.step_epoch()
    qtbot.waitUntil(lambda: controller.progress is not None and controller.progress.done >= 100,
                    timeout=WAIT_MS)
    assert controller.progress.ticket == ticket and not controller.progress.finished
    assert controller.progress.total == data.m_train
    worker.interrupt()
    interrupted_at = controller.progress.done  # the worker is a little further on already
    qtbot.waitUntil(lambda: controller.progress.finished, timeout=WAIT_MS)
    done = controller.progress.done
    # Stopped between two updates, long before the epoch's end.
    assert interrupted_at <= done < data.m_train // 2
    qtbot.waitUntil(lambda: controller.latest.update == done, timeout=WAIT_MS)
    assert controller.latest.epoch == 0
    assert len(controller.history.costs) == done   # no update lost or counted twice
    counts = [p.done for p in progress]
    assert counts == sorted(counts) and len(counts) >= 3  # it showed how far it had got
    # Interrupted, the worker takes commands again at once.
    assert latest(controller, qtbot, worker.step_update).update == done + 1


def test_interrupt_skips_long_commands_queued_before_it_but_not_after(worker_rig, qtbot):
    worker, controller = worker_rig
    long_epoch(worker, qtbot, controller)
    first, second = worker.step_epoch(), worker.run_updates(100_000)
    worker.interrupt()
    third = worker.run_updates(5)
    finished = []
    controller.progress_changed.connect(
        lambda p: finished.append((p.ticket, p.done)) if p.finished else None)
    qtbot.waitUntil(lambda: len(finished) == 3, timeout=WAIT_MS)
    assert [t for t, _ in finished] == [first, second, third]
    skipped = sum(done for t, done in finished if t != third)
    # The worker may have run a few updates of the first before interrupt() was called.
    assert skipped < 1000
    assert dict(finished)[third] == 5


def test_reset_and_a_new_model_do_not_wait_for_a_long_command(worker_rig, qtbot):
    worker, controller = worker_rig
    long_epoch(worker, qtbot, controller)
    worker.step_epoch()
    qtbot.waitUntil(lambda: controller.progress is not None and controller.progress.done > 0,
                    timeout=WAIT_MS)
    with qtbot.waitSignal(controller.session_started, timeout=WAIT_MS):
        worker.reset()
    assert controller.progress.finished
    worker.run_updates(10**9)
    qtbot.waitUntil(lambda: controller.progress.done > 0, timeout=WAIT_MS)
    with qtbot.waitSignal(controller.session_started, timeout=WAIT_MS) as signal:
        worker.build(load_dataset("moons", n=200, seed=0),
                     make_model_config((2, 8, 8, 1), "tanh", "xavier", 0),
                     make_train_config(0.5, 0.0, 0))
    assert signal.args[0].layer_sizes == (2, 8, 8, 1)
    assert controller.progress.finished


def test_stop_ends_a_long_command_between_updates(qtbot):
    controller = TrainingController()
    training = WorkerThread(controller)
    try:
        long_epoch(training.worker, qtbot, controller)
        training.worker.step_epoch()
        qtbot.waitUntil(lambda: controller.progress is not None and
                        controller.progress.done > 0, timeout=WAIT_MS)
    finally:
        stopped = training.stop()
        controller.stop()
    assert stopped
