"""GradientPlot: per-layer ||dW[l]|| on log axes, bars of the latest, vanishing flagged."""
import dataclasses

import numpy as np
import pytest
from on_screen import new_view, show_at
from pixels import Painted, rgb

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import SnapshotStream, make_session_info
from engine.trainer import Trainer
from gui import theme
from gui.plots.gradient_plot import GradientPlot, decade_exponents, decade_label, log_norms
from gui.training_history import TrainingHistory

SIZES = (2, 8, 8, 1)


def train(rounds=10, per_round=5):
    data = load_dataset("circles", n=120, seed=4)
    trainer = Trainer(data, make_model_config(SIZES, "tanh"), make_train_config(0.5, 0.0, 16))
    session = make_session_info(trainer, resolution=10)
    history = TrainingHistory(len(SIZES) - 1)
    stream = SnapshotStream(trainer, session)
    snaps = []
    for _ in range(rounds):
        trainer.run(per_round)
        snap = stream.take(with_boundary=False)
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
    return new_view(qtbot, GradientPlot)


def test_one_log_curve_per_layer(plot):
    session, history, snaps = train()
    plot.set_session(session)
    for snap in snaps:
        plot.show_snapshot(snap, history)
    assert len(plot.curves) == 3
    assert [label.text for _, label in plot.legend.items] == ["layer 1", "layer 2", "layer 3"]
    for l, curve in enumerate(plot.curves, start=1):
        x, y = curve.getData()
        np.testing.assert_array_equal(x, history.grad_norms[l - 1].exact_x())
        np.testing.assert_allclose(y, np.log10(history.grad_norms[l - 1].exact_values()))
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
    # The zero has no bar (drawn up from the bottom it would look like a value) but a
    # cross at the bottom; the others reach their norms.
    np.testing.assert_array_equal(plot.bars.opts["x"], [1, 3])
    tops = np.asarray(plot.bars.opts["y0"]) + np.asarray(plot.bars.opts["height"])
    np.testing.assert_allclose(tops, np.log10([2e-6, 0.4]))
    x, y = plot.zero_marks.getData()
    np.testing.assert_array_equal(x, [2])
    assert y[0] < np.log10(2e-6) and y[0] > plot.bars.opts["y0"]
    assert np.all(np.isfinite(plot.bars.opts["height"]))
    text = plot.ratio_label.text()
    assert "dead (dW = 0): layer&nbsp;2" in text and "vanishing: layer&nbsp;1" in text
    assert "= <b>0</b>" in text
    brushes = plot.bars.opts["brushes"]
    assert brushes[0].style() != brushes[1].style()
    for curve in plot.curves:
        assert np.all(np.isfinite(curve.getData()[1]))


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
        x, y = curve.getData()
        assert np.all(np.isfinite(x)) and np.all(np.isfinite(y))
    assert len(plot.curves[0].getData()[0]) == history.samples - 1


def test_log_norms_floor_and_nan():
    logs = log_norms([0.0, -1.0, 10.0, np.nan, np.inf])
    np.testing.assert_array_equal(logs[:3], [-12.0, -12.0, 1.0])
    assert np.isnan(logs[3]) and np.isnan(logs[4])


def test_new_session_with_other_depth_rebuilds(plot):
    session, history, snaps = train(rounds=2)
    plot.set_session(session)
    plot.show_snapshot(snaps[-1], history)
    assert all(len(curve.getData()[0]) == len(snaps) for curve in plot.curves)
    deeper = dataclasses.replace(session, layer_sizes=(2, 4, 4, 4, 4, 1))
    plot.set_session(deeper)
    assert len(plot.curves) == 5 and len(plot.value_labels) == 5
    assert all(len(curve.getData()[0]) == 0 for curve in plot.curves)


def test_each_layers_curve_and_bar_are_painted_in_its_colour(plot, qtbot):
    session, history, snaps = train()
    plot.set_session(session)
    show_at(plot, qtbot, 900, 600)
    for snap in snaps:
        plot.show_snapshot(snap, history)
    updates = history.grad_norms[0].exact_x()
    for l, curve in enumerate(plot.curves, start=1):
        # One curve at a time, so that no other layer's curve covers this one.
        for other in plot.curves:
            other.setVisible(other is curve)
        painted = Painted(plot.history_plot.getViewBox())
        for update, norm in zip(updates, history.grad_norms[l - 1].exact_values()):
            assert rgb(theme.layer_color(l)) in painted.colours_near(update, np.log10(norm))
    bars = Painted(plot.bar_plot.getViewBox())
    bottom = plot.bars.opts["y0"]
    for l, norm in enumerate(snaps[-1].metrics.dW_norms, start=1):
        middle = (bottom + np.log10(norm)) / 2
        assert bars.rgb(l, middle) == rgb(theme.layer_color(l))


def show_laid_out(plot, qtbot, width, height):
    show_at(plot, qtbot, width, height)
    qtbot.waitUntil(lambda: plot.plots.width() > 0 and plot.history_widget.height() > 0)


def test_tall_widget_stacks_the_plots_and_wide_puts_them_side_by_side(plot, qtbot):
    session, history, snaps = train(rounds=3)
    plot.set_session(session)
    curves = list(plot.curves)
    show_laid_out(plot, qtbot, 300, 400)
    qtbot.waitUntil(lambda: plot.bar_widget.y() > plot.history_widget.y())
    assert plot.plots.is_stacked()
    plot.resize(1200, 600)
    qtbot.waitUntil(lambda: plot.bar_widget.x() > plot.history_widget.x())
    assert not plot.plots.is_stacked()
    assert plot.bar_widget.y() == plot.history_widget.y()
    assert plot.curves == curves
    for snap in snaps:
        plot.show_snapshot(snap, history)
    assert all(len(curve.getData()[0]) for curve in plot.curves)


def tick_labels(axis):
    """Every (value, label) the axis would draw at its current range and length."""
    levels = axis.tickValues(*axis.range, axis.height())
    drawn = []
    for spacing, values in levels:
        drawn += zip(values, axis.tickStrings(values, axis.autoSIPrefixScale, spacing))
    return drawn


@pytest.mark.parametrize("size", [(300, 400), (1200, 800)])
def test_log_axes_label_powers_of_ten_only(plot, qtbot, size):
    session, history, snaps = train()
    plot.set_session(session)
    show_laid_out(plot, qtbot, *size)
    snap = with_norms(snaps[-1], history, [3e-6, 2e-3, 0.4])
    for s in snaps + [snap]:
        plot.show_snapshot(s, history)
    qtbot.wait(10)
    for axis in (plot.history_plot.getAxis("left"), plot.bar_plot.getAxis("left")):
        low, high = axis.range
        assert low <= np.log10(3e-6) and high >= np.log10(0.4)   # all the norms are in view
        drawn = tick_labels(axis)
        assert len(drawn) >= (1 if size[0] < 400 else 4)   # 7 decades in view
        for value, label in drawn:
            assert value == round(value)
            assert label == decade_label(round(value))
        # Neighbouring labels are far enough apart not to overlap.
        values = sorted(value for value, _ in drawn)
        px_per_decade = axis.height() / (axis.range[1] - axis.range[0])
        assert np.all(np.diff(values) * px_per_decade >= 20)


def test_decade_labels_and_thinning():
    assert [decade_label(e) for e in (2, 0, -1, -3, -4, -12)] == [
        "100", "1", "0.1", "0.001", "10\u207b\u2074", "10\u207b\u00b9\u00b2"]
    assert decade_exponents(-3.5, 0.5, 400, 20) == [-3, -2, -1, 0]
    # 12 decades in 100 px: every third one keeps them 25 px apart; 1 and 10^-12 sit
    # too close to the ends for their labels to be drawn.
    assert decade_exponents(-12.2, 0.2, 100, 20) == [-9, -6, -3]
    assert decade_exponents(-0.9, -0.1, 300, 20) == []   # no power of ten in view
    # 7 decades in 60 px: no two multiples of 3 fit, so the two outermost that do.
    assert decade_exponents(-6.5, 0.5, 60, 22) == [-5, -1]
    # 7 decades in 25 px: one label, in the middle.
    assert decade_exponents(-6.5, 0.5, 25, 20) == [-3]


def test_value_labels_and_legend_only_where_they_fit(plot, qtbot):
    session, _, _ = train(rounds=2)
    plot.set_session(dataclasses.replace(session, layer_sizes=(2, 4, 4, 4, 4, 1)))
    show_laid_out(plot, qtbot, 300, 400)
    qtbot.waitUntil(lambda: plot.legend.columnCount < 5)
    assert not any(label.isVisible() for label in plot.value_labels)
    plot.resize(1400, 900)
    qtbot.waitUntil(lambda: plot.legend.columnCount == 5)
    qtbot.waitUntil(lambda: all(label.isVisible() for label in plot.value_labels))
