"""GradientPlot: per-layer ||dW[l]|| on log axes, bars of the latest, vanishing flagged."""
import dataclasses

import numpy as np
import pytest

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import make_session_info, take_snapshot
from engine.trainer import Trainer
from gui import theme
from gui.plots.gradient_plot import FLOOR, GradientPlot, log_norms
from gui.training_history import TrainingHistory

SIZES = (2, 8, 8, 1)


def train(rounds=10, per_round=5):
    data = load_dataset("circles", n=120, seed=4)
    trainer = Trainer(data, make_model_config(SIZES, "tanh"), make_train_config(0.5, 0.0, 16))
    session = make_session_info(trainer, resolution=10)
    history = TrainingHistory(len(SIZES) - 1)
    snaps, seen, ends = [], 0, 0
    for _ in range(rounds):
        trainer.run(per_round)
        snap = take_snapshot(trainer, session, trainer.costs.view()[seen:],
                             trainer.epoch_ends[ends:], with_boundary=False)
        seen, ends = len(trainer.costs), len(trainer.epoch_ends)
        history.add(snap)
        snaps.append(snap)
    return session, history, snaps


def with_norms(snap, history, norms):
    """A later snapshot whose latest ||dW[l]|| are `norms`, added to history."""
    metrics = dataclasses.replace(snap.metrics, dW_norms=np.array(norms, dtype=float))
    later = dataclasses.replace(snap, update=snap.update + 1, new_costs=np.array([0.3]),
                                new_epoch_ends=(), metrics=metrics)
    assert history.add(later)
    return later


@pytest.fixture
def plot(qtbot):
    theme.configure_pyqtgraph()
    widget = GradientPlot()
    qtbot.addWidget(widget)
    return widget


def test_one_log_curve_per_layer(plot):
    session, history, snaps = train()
    plot.set_session(session)
    for snap in snaps:
        plot.show_snapshot(snap, history)
    assert len(plot.curves) == 3
    assert [label.text for _, label in plot.legend.items] == ["layer 1", "layer 2", "layer 3"]
    for l, curve in enumerate(plot.curves, start=1):
        x, y = curve.getOriginalDataset()
        np.testing.assert_array_equal(x, history.grad_updates.view())
        np.testing.assert_allclose(y, np.log10(history.grad_norms[l - 1].view()))
        assert curve.opts["pen"].color().name() == theme.layer_color(l)
    assert plot.history_plot.getAxis("left").logMode


def test_bars_match_the_latest_norms(plot):
    session, history, snaps = train()
    plot.set_session(session)
    plot.show_snapshot(snaps[-1], history)
    opts = plot.bars.opts
    np.testing.assert_array_equal(opts["x"], [1, 2, 3])
    tops = np.asarray(opts["y0"]) + np.asarray(opts["height"])
    np.testing.assert_allclose(10 ** tops, snaps[-1].metrics.dW_norms)
    assert np.all(np.asarray(opts["height"]) > 0)
    assert "smallest / largest" in plot.ratio_label.text()


def test_vanishing_layer_is_flagged_and_zero_does_not_break_the_log(plot):
    session, history, snaps = train(rounds=2)
    plot.set_session(session)
    snap = with_norms(snaps[-1], history, [2e-6, 0.0, 0.4])
    plot.show_snapshot(snap, history)
    tops = np.asarray(plot.bars.opts["y0"]) + np.asarray(plot.bars.opts["height"])
    np.testing.assert_allclose(tops, np.log10([2e-6, FLOOR, 0.4]))
    assert np.all(np.isfinite(plot.bars.opts["height"]))
    text = plot.ratio_label.text()
    assert "vanishing? layer 1, 2" in text and "= <b>0</b>" in text
    brushes = plot.bars.opts["brushes"]
    assert brushes[0].style() != brushes[2].style()
    for curve in plot.curves:
        assert np.all(np.isfinite(curve.getOriginalDataset()[1]))


def test_healthy_gradients_are_not_flagged(plot):
    session, history, snaps = train(rounds=2)
    plot.set_session(session)
    plot.show_snapshot(with_norms(snaps[-1], history, [0.01, 0.05, 0.2]), history)
    assert "vanishing" not in plot.ratio_label.text()
    assert "0.05" in plot.ratio_label.text()   # ratio 0.01 / 0.2


def test_non_finite_norms_are_skipped(plot):
    session, history, snaps = train(rounds=2)
    plot.set_session(session)
    snap = with_norms(snaps[-1], history, [np.nan, np.inf, 0.2])
    plot.show_snapshot(snap, history)
    np.testing.assert_array_equal(plot.bars.opts["x"], [3])
    for curve in plot.curves:
        x, y = curve.getOriginalDataset()
        assert np.all(np.isfinite(x)) and np.all(np.isfinite(y))
    assert len(plot.curves[0].getOriginalDataset()[0]) == len(history.grad_updates) - 1


def test_log_norms_floor_and_nan():
    logs = log_norms([0.0, -1.0, 10.0, np.nan, np.inf])
    np.testing.assert_array_equal(logs[:3], [-12.0, -12.0, 1.0])
    assert np.isnan(logs[3]) and np.isnan(logs[4])


def test_new_session_with_other_depth_rebuilds(plot):
    session, history, snaps = train(rounds=2)
    plot.set_session(session)
    plot.show_snapshot(snaps[-1], history)
    deeper = dataclasses.replace(session, layer_sizes=(2, 4, 4, 4, 4, 1))
    plot.set_session(deeper)
    assert len(plot.curves) == 5 and len(plot.value_labels) == 5
    assert all(curve.getOriginalDataset()[0] is None for curve in plot.curves)


def test_renders_offscreen(plot, qtbot, tmp_path):
    session, history, snaps = train()
    plot.set_session(session)
    plot.resize(900, 600)
    plot.show()
    qtbot.waitExposed(plot)
    for snap in snaps:
        plot.show_snapshot(snap, history)
    path = tmp_path / "gradients.png"
    assert plot.grab().save(str(path))
    assert path.stat().st_size > 1000
