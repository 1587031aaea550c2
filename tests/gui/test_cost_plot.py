"""CostPlot: every update's cost drawn (old ones as min/max bands), nothing non-finite
drawn, epoch ticks, log toggle."""
import dataclasses
from types import SimpleNamespace

import numpy as np
import pytest
from on_screen import new_view, show_at
from pixels import Painted, rgb
from PySide6.QtCore import Qt

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import SnapshotStream, make_session_info
from engine.trainer import Trainer
from gui import theme
from gui.plots.cost_plot import LOG_FLOOR, MAX_EPOCH_MARKS, CostPlot, nice_stride
from gui.training_history import TrainingHistory


def train(batch_size=32, test_ratio=0.25, rounds=12, per_round=7):
    """A real trainer run fed into a TrainingHistory; returns (session, history, snapshots)."""
    data = load_dataset("moons", n=120, seed=3, test_ratio=test_ratio)
    trainer = Trainer(data, make_model_config((2, 8, 8, 1), "tanh"),
                      make_train_config(0.5, 0.0, batch_size))
    session = make_session_info(trainer, resolution=10)
    history = TrainingHistory(3)
    stream = SnapshotStream(trainer, session)
    snapshots = []
    for _ in range(rounds):
        trainer.run(per_round)
        snap = stream.take(with_boundary=False)
        assert history.add(snap)
        snapshots.append(snap)
    return session, history, snapshots


@pytest.fixture
def plot(qtbot):
    return new_view(qtbot, CostPlot)


def shown(item):
    """What an item was given to draw: (x, y), empty when nothing."""
    x, y = item.getData()
    return (np.empty(0), np.empty(0)) if x is None else (np.asarray(x), np.asarray(y))


def test_every_update_is_drawn_and_test_cost_is_finite(plot):
    session, history, snaps = train()
    plot.set_session(session)
    for snap in snaps:
        plot.show_snapshot(snap, history)
    x, y = shown(plot.train_curve)
    assert len(y) == snaps[-1].update == 84
    np.testing.assert_array_equal(x, np.arange(1, 85))
    np.testing.assert_array_equal(y, history.costs.exact_values())
    tx, ty = shown(plot.test_curve)
    assert len(ty) == len(snaps) and np.all(np.isfinite(ty))
    np.testing.assert_array_equal(tx, history.test_costs.exact_x())


def test_epoch_marks_sit_on_the_curve_at_epoch_ends(plot):
    session, history, snaps = train(batch_size=32)   # 90 training examples: 3 updates/epoch
    assert session.updates_per_epoch == 3
    plot.set_session(session)
    plot.show_snapshot(snaps[-1], history)
    x, y = shown(plot.epoch_marks)
    ends = history.epoch_ends.since(0)
    stride = nice_stride(len(ends), MAX_EPOCH_MARKS)
    np.testing.assert_array_equal(x, ends[stride - 1::stride])
    np.testing.assert_array_equal(y, history.costs.exact_values()[x.astype(int) - 1])
    assert 0 < len(x) <= MAX_EPOCH_MARKS


def test_full_batch_shows_no_epoch_marks(plot):
    session, history, snaps = train(batch_size=0)
    plot.set_session(session)
    plot.show_snapshot(snaps[-1], history)
    assert len(history.epoch_ends) == snaps[-1].update
    assert len(shown(plot.train_curve)[0]) == snaps[-1].update
    assert len(shown(plot.epoch_marks)[0]) == 0
    assert all(sample.item is not plot.epoch_marks for sample, _ in plot.legend.items)


def test_thousands_of_epochs_are_thinned():
    assert nice_stride(10, 40) == 1
    assert nice_stride(41, 40) == 2
    assert nice_stride(150, 40) == 5
    assert nice_stride(10**6, 40) == 50000


def test_log_toggle_switches_axis_and_data(plot):
    session, history, snaps = train()
    plot.set_session(session)
    plot.show_snapshot(snaps[-1], history)
    plot.log_check.setChecked(True)
    assert plot.is_log_y() and plot.plot.getAxis("left").logMode
    _, y = shown(plot.train_curve)
    np.testing.assert_allclose(y, np.log10(history.costs.exact_values()), rtol=1e-12)
    plot.set_log_y(False)
    assert not plot.log_check.isChecked() and not plot.plot.getAxis("left").logMode
    np.testing.assert_array_equal(shown(plot.train_curve)[1], history.costs.exact_values())


def test_no_test_set_draws_no_test_line(plot):
    with_test, _, _ = train()
    plot.set_session(with_test)
    assert any(sample.item is plot.test_curve for sample, _ in plot.legend.items)
    session, history, snaps = train(test_ratio=0.0)
    assert session.X_test.shape[1] == 0
    plot.set_session(session)
    for snap in snaps:
        plot.show_snapshot(snap, history)
    assert np.all(np.isnan(history.test_costs.exact_values()))
    assert len(shown(plot.train_curve)[0]) == snaps[-1].update
    assert len(shown(plot.test_curve)[0]) == 0
    assert all(sample.item is not plot.test_curve for sample, _ in plot.legend.items)


def test_non_finite_costs_never_reach_the_items(plot):
    session, history, snaps = train(rounds=2)
    bad = np.array([np.inf, 0.3, np.nan, -np.inf, 0.0, 0.2])
    last = snaps[-1]
    metrics = dataclasses.replace(last.metrics, test_cost=np.inf)
    snap = dataclasses.replace(last, update=last.update + len(bad), new_costs=bad,
                               new_epoch_ends=(last.update + 3,), metrics=metrics)
    assert history.add(snap)
    plot.set_session(session)
    plot.show_snapshot(snap, history)
    for log in (False, True):
        plot.set_log_y(log)
        for item in (plot.train_curve, plot.test_curve, plot.epoch_marks):
            x, y = shown(item)
            assert np.all(np.isfinite(x)) and np.all(np.isfinite(y))
        assert len(shown(plot.train_curve)[1]) == last.update + 3
    # a zero cost sits at the floor on the log axis instead of vanishing
    assert shown(plot.train_curve)[1].min() == pytest.approx(np.log10(LOG_FLOOR))
    low, high = plot.view_box.viewRange()[1]
    assert np.isfinite(low) and np.isfinite(high)


def test_unchanged_snapshot_is_skipped_and_new_session_clears(plot):
    session, history, snaps = train(rounds=3)
    plot.set_session(session)
    plot.show_snapshot(snaps[-1], history)
    before = plot.train_curve.getData()[1]
    assert len(before) == snaps[-1].update
    plot.show_snapshot(snaps[-1], history)
    assert plot.train_curve.getData()[1] is before
    plot.set_session(session)
    assert len(shown(plot.train_curve)[1]) == 0


def test_history_reset_is_noticed(plot):
    session, history, snaps = train(rounds=3)
    plot.set_session(session)
    plot.show_snapshot(snaps[-1], history)
    history.reset(3)
    assert history.add(snaps[0])
    plot.show_snapshot(snaps[0], history)
    assert len(shown(plot.train_curve)[1]) == snaps[0].update


@pytest.mark.parametrize("log", [False, True])
def test_the_curve_is_painted_through_every_cost(plot, qtbot, log):
    # Full batch and no test set: no epoch marks or test line are drawn over the curve.
    session, history, snaps = train(batch_size=0, test_ratio=0.0)
    plot.set_session(session)
    show_at(plot, qtbot, 900, 600)
    plot.set_log_y(log)
    for snap in snaps:
        plot.show_snapshot(snap, history)
    costs = history.costs.exact_values()
    painted = Painted(plot.view_box)
    for update, cost in enumerate(np.log10(costs) if log else costs, start=1):
        assert rgb(theme.TRAIN_COLOR) in painted.colours_near(update, cost), update


# What a snapshot-like step says of the settings: the same in every one, so no marks.
UNCHANGED_SETTINGS = {"learning_rate": 0.5, "l2": 0.0, "batch_size": 0,
                      "diverged_update": None}


def long_history(n, noisy):
    """A TrainingHistory of n updates fed in 100 snapshot-like steps (no trainer needed)."""
    rng = np.random.default_rng(4)
    u = np.arange(1, n + 1)
    costs = 0.05 + 0.7 / np.sqrt(u / 50 + 1) * (1 + (0.3 * rng.standard_normal(n) if noisy
                                                     else 0))
    history = TrainingHistory(3)
    step = n // 100
    for end in range(step, n + 1, step):
        new = costs[end - step:end]
        metrics = SimpleNamespace(test_cost=float(new[-1]), train_cost=float(new[-1]),
                                  dW_norms=(0.1, 0.1, 0.1))
        history.add(SimpleNamespace(update=end, new_costs=new,
                                    new_epoch_ends=tuple(range(end - step + 25, end + 1, 25)),
                                    metrics=metrics, **UNCHANGED_SETTINGS))
    return history, costs, SimpleNamespace(update=n)


@pytest.mark.parametrize("noisy", [False, True])
def test_a_million_updates_are_drawn_as_the_peaks_of_each_pixel_column(plot, qtbot, noisy):
    history, costs, snap = long_history(1_000_000, noisy)
    assert history.costs.exact_start > 0    # most of the run is folded into blocks
    plot.set_session(SimpleNamespace(X_test=np.zeros((2, 50))))
    show_at(plot, qtbot, 600, 400)
    plot.show_snapshot(snap, history)
    x, y = shown(plot.train_curve)
    columns = plot.view_box.width()   # one highest and lowest per pixel column
    assert len(x) <= 2 * columns + 8
    assert y.max() == costs.max() and y.min() == costs.min()
    assert np.all(np.isin(y, costs))               # only costs that were there
    assert x[-1] == 1_000_000 and y[-1] == costs[-1]
    # Zoomed in by hand on the recent updates, the curve is drawn point by point.
    plot.view_box.setXRange(999_000, 999_100, padding=0)
    x, y = shown(plot.train_curve)
    np.testing.assert_array_equal(x, np.arange(998_999, 999_102))
    np.testing.assert_array_equal(y, costs[998_998:999_101])


def test_zoomed_into_the_folded_past_the_curve_is_the_band_of_its_blocks(plot, qtbot):
    history, costs, snap = long_history(1_000_000, noisy=True)
    plot.set_session(SimpleNamespace(X_test=np.zeros((2, 50))))
    show_at(plot, qtbot, 600, 400)
    plot.show_snapshot(snap, history)
    width = history.costs.width
    low, high = 500_000, 500_000 + 20 * width    # twenty blocks on ~500 columns
    plot.view_box.setXRange(low, high, padding=0)
    x, y = shown(plot.train_curve)
    column = (high - low) / plot.view_box.width()
    # Each block spans many columns: a stroke from its lowest to its highest cost in
    # each, so the line fills the band between them (columns a block shares with its
    # neighbour show both).
    for block in range(500_000 // width, 500_000 // width + 20):
        covered = costs[block * width:(block + 1) * width]
        inside = (x > block * width + column) & (x < (block + 1) * width - column)
        assert inside.sum() >= 2 * 10
        assert set(y[inside]) == {covered.min(), covered.max()}
def test_epoch_marks_are_added_not_redrawn_while_the_thinning_stays(plot):
    session, history, snaps = train(batch_size=32, rounds=40)
    plot.set_session(session)
    calls = []
    original = plot.epoch_marks.setData
    plot.epoch_marks.setData = lambda *a, **k: (calls.append(1), original(*a, **k))
    strides = []
    for snap in snaps:
        plot.show_snapshot(snap, history)
        strides.append(nice_stride(len(history.epoch_ends), MAX_EPOCH_MARKS))
    assert len(calls) < len(snaps) / 2   # only when the thinning changed
    x, y = shown(plot.epoch_marks)
    ends = history.epoch_ends.since(0)
    np.testing.assert_array_equal(x, ends[strides[-1] - 1::strides[-1]])
    np.testing.assert_array_equal(y, history.costs.exact_values()[x.astype(int) - 1])


def test_the_test_cost_legend_entry_shows_and_hides_line_and_dots(plot):
    session, history, snaps = train()
    plot.set_session(session)
    plot.show_snapshot(snaps[-1], history)
    sample = next(s for s, _ in plot.legend.items if s.item is plot.test_curve)
    assert len(shown(plot.test_dots)[0]) == len(snaps)   # a dot per test cost
    click = SimpleNamespace(button=lambda: Qt.MouseButton.LeftButton, accept=lambda: None)
    sample.mouseClickEvent(click)
    assert not plot.test_curve.isVisible() and not plot.test_dots.isVisible()
    sample.mouseClickEvent(click)
    assert plot.test_curve.isVisible() and plot.test_dots.isVisible()
