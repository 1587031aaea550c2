"""The loss-surface view: heatmap, contours and path painted; the path follows steps
back; the surface is computed off the GUI thread; the comparison overlays three
distinguishable paths; other models get a plain message."""
import threading

import numpy as np
import pyqtgraph as pg
import pytest
from on_screen import new_view, show_at
from pixels import Painted
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from two_parameter_run import shown, two_parameter_run

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.loss_surface import costs_at, surface_values
from engine.snapshot import SnapshotStream, make_session_info
from engine.trainer import Trainer
from gui.plots.loss_surface_view import POINT_COLOUR, LossSurfaceView
from gui.plots.mode_paths import STYLES
from gui.training_history import TrainingHistory

WAIT_MS = 20_000


@pytest.fixture
def view(qtbot):
    return new_view(qtbot, LossSurfaceView)


def trained(view, qtbot, rounds=10, per_round=4, **run):
    trainer, session, stream, history = two_parameter_run(**run)
    view.set_session(session)
    shown(view, trainer, stream, history)
    for _ in range(rounds):
        trainer.run(per_round)
        shown(view, trainer, stream, history)
    qtbot.waitUntil(view.surface_ready, timeout=WAIT_MS)
    return trainer, session, stream, history


def test_heatmap_contours_and_path_are_painted(view, qtbot):
    show_at(view, qtbot, 900, 650)
    _trainer, session, *_ = trained(view, qtbot)
    qtbot.wait(50)
    picture = view.picture
    b_values, w_values = picture.region.axes(picture.J.shape[0])
    np.testing.assert_allclose(picture.J, surface_values(session.X_train, session.Y_train,
                                                         b_values, w_values), rtol=1e-6)
    assert len(picture.contour_levels) >= 8 and np.isnan(picture.contours).any()
    painted = Painted(view.plot.getViewBox())
    region = view.region
    # two places far from the path: painted the colour of their J on the colour bar
    low, high = picture.levels
    for share in (0.03, 0.97):
        b = region.b_min + share * (region.b_max - region.b_min)
        w = region.w_min + 0.03 * (region.w_max - region.w_min)
        J = costs_at(session.X_train, session.Y_train, [[b, w]])[0]
        expected = pg.colormap.get("viridis").map(np.clip((J - low) / (high - low), 0, 1),
                                                   mode="byte")[:3]
        assert np.abs(np.subtract(painted.rgb(b, w), expected)).max() <= 12
    updates, points = view.path_points()
    np.testing.assert_array_equal(updates, np.arange(41))
    middle = (points[2] + points[3]) / 2      # on the line between two early updates
    assert (255, 255, 255) in painted.colours_near(*middle, radius=2)
    b, w = points[-1]
    point = QColor(POINT_COLOUR)
    assert any(abs(r - point.red()) + abs(g - point.green()) + abs(bl - point.blue()) < 40
               for r, g, bl in painted.colours_near(b, w, radius=3))
    assert view.step_head.isVisible() and "drawn" in view.readout.text()


def test_the_path_drops_points_on_step_back_and_takes_the_new_ones(view, qtbot):
    trainer, _session, stream, history = trained(view, qtbot, rounds=3, per_round=5)
    for _ in range(4):
        trainer.step_back_update()
    shown(view, trainer, stream, history)
    updates, points = view.path_points()
    np.testing.assert_array_equal(updates, np.arange(12))
    trainer.run(7)
    shown(view, trainer, stream, history)
    updates, points = view.path_points()
    np.testing.assert_array_equal(updates, np.arange(19))
    np.testing.assert_array_equal(points, trainer.path.exact_points())


def test_the_region_holds_the_path_and_is_recomputed_only_when_it_grows(view, qtbot):
    trainer, _session, stream, history = trained(view, qtbot, rounds=1, per_round=1,
                                                learning_rate=0.05)
    region, picture = view.region, view.picture
    trainer.run(1)
    shown(view, trainer, stream, history)
    assert view.region is region and view.picture is picture   # nothing recomputed
    trainer.set_learning_rate(2.0)
    for _ in range(20):
        trainer.run(10)
        shown(view, trainer, stream, history)
        assert view.region.contains(view.path_points()[1])
    assert view.region is not region
    assert view.region.b_max - view.region.b_min >= region.b_max - region.b_min
    qtbot.waitUntil(view.surface_ready, timeout=WAIT_MS)


def test_the_surface_is_computed_off_the_gui_thread(view, qtbot):
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))   # a GUI-thread timer
    trainer, session, stream, history = two_parameter_run(m=12_000)
    view.set_session(session)
    timer.start(5)
    shown(view, trainer, stream, history)
    assert view.picture is None                       # not computed while showing
    qtbot.waitUntil(view.surface_ready, timeout=WAIT_MS)
    timer.stop()
    assert view.last_job.thread_id not in (None, threading.get_ident())
    assert len(ticks) >= 3                            # the event loop ran meanwhile


def test_comparison_overlays_three_distinguishable_paths(view, qtbot):
    trainer, *_ = trained(view, qtbot, rounds=2)
    view.examples_box.setValue(1500)
    qtbot.mouseClick(view.compare_button, Qt.MouseButton.LeftButton)
    assert not view.compare_button.isEnabled()
    qtbot.waitUntil(lambda: bool(view.mode_paths.runs), timeout=WAIT_MS)
    runs = view.mode_paths.runs
    m = trainer.dataset.m_train
    assert [r.updates for r in runs] == [1500 // m, 1500 // 10, 1500]
    for run in runs:
        np.testing.assert_array_equal(run.path[0], view.path_points()[1][0])
    assert len({style for _, style, _ in STYLES}) == 3
    assert len({marker for _, _, marker in STYLES}) == 3
    labels = [label.text for _, label in view.mode_paths.legend.items]
    assert len(labels) == 3 and "stochastic" in labels[2] and "1500 updates" in labels[2]
    assert all(view.region.contains(r.path) for r in runs)
    assert view.compare_button.isEnabled() and "1500 examples seen" in view.compare_status.text()


def test_other_models_get_a_message_naming_what_is_needed(view, qtbot):
    data = load_dataset("moons", n=60, seed=1)
    trainer = Trainer(data, make_model_config((2, 4, 1), "tanh"), make_train_config(0.5, 0, 8))
    session = make_session_info(trainer, resolution=4)
    stream = SnapshotStream(trainer, session)
    view.set_session(session)
    assert view.pages.currentWidget() is view.message
    text = view.message.text()
    assert "exactly two parameters" in text and "--dataset line --layers auto,1" in text
    assert "17 parameters" in text
    history = TrainingHistory(2)
    first = stream.take(with_boundary=False)
    assert view.show_snapshot(first, history) is True
    trainer.run(3)
    assert view.show_snapshot(stream.take(with_boundary=False), history) is False
    qtbot.mouseClick(view.compare_button, Qt.MouseButton.LeftButton)   # hidden, harmless
    assert view.mode_paths.runs == ()


def test_a_long_run_is_thinned_in_its_older_part_only(view, qtbot, monkeypatch):
    monkeypatch.setattr("gui.plots.loss_surface_view.KEPT_POINTS", 3000)
    trainer, session, stream, history = two_parameter_run(batch_size=1, learning_rate=0.05)
    view.set_session(session)
    for _ in range(8):
        trainer.run(1000)
        shown(view, trainer, stream, history)
    updates, points = view.path_points()
    assert len(updates) <= 3000 and updates[0] == 0 and updates[-1] == 8000
    assert np.all(np.diff(updates) > 0)
    np.testing.assert_array_equal(updates[-2000:], np.arange(6001, 8001))
    np.testing.assert_array_equal(points[-2000:], trainer.path.exact_points()[-2000:])
    trainer.step_back_update()
    shown(view, trainer, stream, history)
    assert view.path_points()[0][-1] == 7999
