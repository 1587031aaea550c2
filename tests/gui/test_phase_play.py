"""Phase play: one phase per tick at a lecture pace, each with its snapshot, paused at
once; and Play at a lecture speed shown phase by phase. Counted, never timed."""
import itertools

import pytest
from PySide6.QtCore import Qt
from signal_recorder import record
from test_worker import WAIT_MS, build, latest

from engine.config import ConfigError
from gui.phase_pace import PACES, check_phase_pace, shows_phases_at


def position(snapshot):
    """Phases run since the start of the run."""
    return snapshot.update * snapshot.phases_per_update + snapshot.phase


def test_each_tick_runs_exactly_one_phase_and_sends_it(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller, sizes=(2, 4, 3, 1))     # 8 phases an update
    seen = record(controller.snapshot_received)
    worker.set_phase_pace(5.0)
    worker.play_phases()
    # Into a second update, so that a tick across the update's end is counted too.
    qtbot.waitUntil(lambda: len(seen) >= 11, timeout=WAIT_MS)
    paused = latest(controller, qtbot, worker.pause)
    played = [s for s in seen if s.playing]
    assert len(played) >= 11 and all(s.phase_by_phase and s.phase_pace == 5.0
                                     for s in played)
    # One snapshot per tick, each one phase further on, with the record of that phase.
    for before, after in itertools.pairwise(played):
        assert position(after) == position(before) + 1
        assert after.last_phase.spec.index == (position(after) - 1) % 8
    assert position(played[0]) == 1 and position(paused) == len(played)
    assert paused.update >= 1 and len(controller.history.costs) == paused.update
    # Paused means paused: nothing more runs.
    qtbot.wait(700)
    assert controller.latest is paused and not paused.playing


def test_a_step_pauses_phase_play_and_steps_one_phase(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller)
    worker.set_phase_pace(5.0)
    worker.play_phases()
    qtbot.waitUntil(lambda: controller.latest.playing, timeout=WAIT_MS)
    worker.pause()
    qtbot.waitUntil(lambda: not controller.playing, timeout=WAIT_MS)
    before = controller.latest
    stepped = latest(controller, qtbot, worker.step_phase)
    assert not stepped.playing and position(stepped) == position(before) + 1


def test_play_at_a_lecture_speed_is_played_as_phases(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller, sizes=(2, 3, 1))     # 6 phases an update
    seen = record(controller.snapshot_received)
    worker.set_speed(2.0)      # 12 phases a second
    worker.play()
    qtbot.waitUntil(lambda: len([s for s in seen if s.playing]) >= 8, timeout=WAIT_MS)
    latest(controller, qtbot, worker.pause)
    played = [s for s in seen if s.playing]
    assert all(s.phase_by_phase and s.shows_phases and s.phase_pace == 0 and
               s.updates_per_second == 2.0 for s in played)
    assert [position(s) for s in played] == list(range(1, len(played) + 1))
    assert {s.last_phase.kind for s in played} >= {"forward", "cost", "backward", "update"}


def test_play_at_five_updates_a_second_or_more_is_played_as_updates(worker_rig, qtbot):
    worker, controller = worker_rig
    build(worker, qtbot, controller)
    worker.set_speed(30.0)
    worker.play()
    qtbot.waitUntil(lambda: controller.latest.update >= 3, timeout=WAIT_MS)
    assert not controller.latest.phase_by_phase and not controller.latest.shows_phases
    worker.pause()
    assert shows_phases_at(2.0) and not shows_phases_at(5.0) and not shows_phases_at(0.0)


def test_a_pace_outside_the_steps_is_refused_where_it_is_asked(worker_rig):
    worker, _ = worker_rig
    for bad in (0.0, 7.0, "fast", None):
        with pytest.raises(ConfigError, match="phase pace must be one of 0.5, 1, 2, 3, 5"):
            worker.set_phase_pace(bad)
    assert [check_phase_pace(p) for p in PACES] == list(PACES)


def play_until_the_stepper_shows_a_phase(window, qtbot, key):
    """Press `key` and wait for the second phase; the stepper and the network diagram
    must show the phase just run, not "Training…". Returns its snapshot."""
    controller, view = window.controller, window.views["Step through"]
    qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: controller.playing and controller.latest.phase >= 2,
                    timeout=WAIT_MS)
    controller.paint(force=True)
    shown = controller.latest
    assert f"phase {shown.phase} of {shown.phases_per_update}" in view.header_text()
    assert view.shown_record() is shown.last_phase and view.tiles
    assert "Training" not in view.header_text()
    picture = window.views["Network"]._picture
    assert picture is not None and picture.stepping
    return shown


def test_p_plays_phases_the_stepper_shows_each_and_space_pauses(window, qtbot):
    controller = window.controller
    window.phase_play.set_pace(5.0)
    play_until_the_stepper_shows_a_phase(window, qtbot, Qt.Key_P)
    assert "playing phases, 5 phases/s" in window.status.currentMessage()
    qtbot.keyClick(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: not controller.playing and not controller.latest.playing,
                    timeout=WAIT_MS)
    stopped = position(controller.latest)
    qtbot.wait(500)
    assert position(controller.latest) == stopped
    # P again plays on from there; P once more pauses.
    qtbot.keyClick(window, Qt.Key_P)
    qtbot.waitUntil(lambda: position(controller.latest) > stopped, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key_P)
    qtbot.waitUntil(lambda: not controller.playing, timeout=WAIT_MS)


def test_at_one_update_a_second_the_stepper_shows_phases_not_training(window, qtbot):
    window.training_panel.set_speed(1.0)
    window.worker.set_speed(1.0)
    play_until_the_stepper_shows_a_phase(window, qtbot, Qt.Key_Space)
    assert window.status.currentMessage().endswith("  ·  1 update/s")
    qtbot.keyClick(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: not window.controller.playing, timeout=WAIT_MS)
