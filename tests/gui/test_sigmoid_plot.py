"""SigmoidPlot: examples on the sigmoid, per-class histograms, accuracy and confusion matrix."""
import dataclasses

import numpy as np
import pytest
from on_screen import new_view, show_at
from pixels import Painted, over_white

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import make_session_info, take_snapshot
from engine.trainer import Trainer
from gui import theme
from gui.plots.sigmoid_plot import (
    MIN_Z_HALF_WIDTH,
    N_BINS,
    SigmoidPlot,
    class_names,
    confusion_counts,
    sigmoid,
)
from gui.training_history import TrainingHistory


def trained(test_ratio=0.25, updates=40):
    data = load_dataset("moons", n=160, seed=2, test_ratio=test_ratio)
    trainer = Trainer(data, make_model_config((2, 8, 8, 1), "tanh"), make_train_config(0.5))
    session = make_session_info(trainer, resolution=10)
    trainer.run(updates)
    snap = take_snapshot(trainer, session, trainer.costs.exact_values(), trainer.epoch_ends.since(0),
                         with_boundary=False)
    history = TrainingHistory(3)
    history.add(snap)
    return session, history, snap


@pytest.fixture
def plot(qtbot):
    return new_view(qtbot, SigmoidPlot)


def test_every_example_sits_on_the_curve_in_its_class(plot):
    session, history, snap = trained()
    plot.set_session(session)
    plot.show_snapshot(snap, history)
    Y = session.Y_train[0]
    Z = snap.metrics.Z_L[0]
    for c in (0, 1):
        x, y = plot.points[c].getData()
        assert len(x) == np.count_nonzero(Y == c)
        np.testing.assert_array_equal(np.sort(x), np.sort(Z[Y == c]))
        np.testing.assert_allclose(y, sigmoid(np.asarray(x)), atol=1e-12)
    low, high = plot.curve_plot.getViewBox().viewRange()[0]
    assert low <= Z.min() and high >= Z.max()
    np.testing.assert_allclose(plot.sigmoid_curve.getData()[1],
                               sigmoid(plot.sigmoid_curve.getData()[0]))


def test_histograms_count_every_example_of_each_class(plot):
    session, history, snap = trained()
    plot.set_session(session)
    plot.show_snapshot(snap, history)
    Y, A = session.Y_train[0], snap.metrics.A_L[0]
    for c in (0, 1):
        edges, counts = plot.histograms[c].getData()
        assert len(edges) == N_BINS + 1 and edges[0] == 0.0 and edges[-1] == 1.0
        assert counts.sum() == np.count_nonzero(Y == c)
        expected, _ = np.histogram(A[Y == c], bins=edges)
        np.testing.assert_array_equal(counts, expected)
    low, high = plot.hist_plot.getViewBox().viewRange()[0]
    assert low < 0.0 and high > 1.0


def test_confusion_matrix_and_accuracies_match_numpy(plot):
    session, history, snap = trained(updates=3)
    plot.set_session(session)
    plot.show_snapshot(snap, history)
    predicted = snap.metrics.A_L[0] > 0.5
    actual = session.Y_train[0] == 1
    tp, fp, fn, tn = confusion_counts(snap.metrics.A_L, session.Y_train)
    assert tp == np.sum(predicted & actual) and tn == np.sum(~predicted & ~actual)
    assert fp == np.sum(predicted & ~actual) and fn == np.sum(~predicted & actual)
    assert tp + fp + fn + tn == len(actual)
    text = plot.summary.text()
    for name, value in (("TP", tp), ("FP", fp), ("FN", fn), ("TN", tn)):
        assert f"{name} {value}<" in text
    assert f"{100 * snap.metrics.train_accuracy:.1f} %" in text
    assert f"{100 * snap.metrics.test_accuracy:.1f} %" in text
    assert (tp + tn) / len(actual) == pytest.approx(snap.metrics.train_accuracy)


def test_no_test_set_says_so(plot):
    session, history, snap = trained(test_ratio=0.0)
    plot.set_session(session)
    plot.show_snapshot(snap, history)
    assert "no test set" in plot.summary.text()


def test_non_finite_outputs_are_not_drawn(plot):
    session, history, snap = trained()
    Z = np.array(snap.metrics.Z_L)
    A = np.array(snap.metrics.A_L)
    Z[0, :3] = [np.inf, -np.inf, np.nan]
    A[0, :3] = [1.0, 0.0, np.nan]
    metrics = dataclasses.replace(snap.metrics, Z_L=Z, A_L=A)
    plot.set_session(session)
    plot.show_snapshot(dataclasses.replace(snap, metrics=metrics), history)
    total = 0
    for c in (0, 1):
        x, y = plot.points[c].getData()
        assert np.all(np.isfinite(x)) and np.all(np.isfinite(y))
        total += len(x)
        assert np.all(np.isfinite(plot.histograms[c].getData()[1]))
    assert total == Z.shape[1] - 3
    assert np.all(np.isfinite(plot.curve_plot.getViewBox().viewRange()[0]))


def test_class_names_use_the_original_labels():
    assert class_names(None) == ("y = 0", "y = 1")
    assert class_names({"benign": 0, "malignant": 1}) == ("y = 0 (benign)", "y = 1 (malignant)")
    assert class_names({"3": 1, "0": 0, "1": 0}) == ("y = 0 (the rest)", "y = 1 (3)")


def test_examples_and_histogram_bars_are_painted_in_their_class_colours(plot, qtbot):
    session, history, snap = trained()
    plot.set_session(session)
    show_at(plot, qtbot, 900, 600)
    plot.show_snapshot(snap, history)
    plot.selected_mark.hide()   # its ring and number sit on the pile of points it is in
    Y = session.Y_train[0].astype(int)
    Z, A = snap.metrics.Z_L[0], snap.metrics.A_L[0]
    curve = Painted(plot.curve_plot.getViewBox())
    columns, rows = curve.pixels(Z, A)
    for c in (0, 1):
        checked = 0
        for k in np.flatnonzero(Y == c):
            # A point of the other class drawn over this one would hide its colour.
            if np.hypot(columns[Y != c] - columns[k], rows[Y != c] - rows[k]).min() < 8:
                continue
            # Points of a class pile up, with white outlines, on the dark curve: the hue
            # of the fill is what is sure.
            hues = [b - r if c == 0 else r - b for r, _, b in curve.colours_near(Z[k], A[k], 1)]
            assert max(hues) > 60, (c, k)
            checked += 1
        assert checked >= 20
    hist = Painted(plot.hist_plot.getViewBox())
    edges = np.linspace(0.0, 1.0, N_BINS + 1)
    counts = [np.histogram(A[Y == c], bins=edges)[0] for c in (0, 1)]
    for c in (0, 1):
        alone = np.flatnonzero((counts[c] > 0) & (counts[1 - c] == 0))
        assert len(alone) >= 3
        for b in alone:
            middle = ((edges[b] + edges[b + 1]) / 2, counts[c][b] / 2)
            assert hist.rgb(*middle) == over_white(theme.CLASS_COLORS[c], 70), (c, b)


def show_laid_out(plot, qtbot, width, height):
    show_at(plot, qtbot, width, height)
    qtbot.waitUntil(lambda: plot.plots.width() > 0 and plot.curve_widget.height() > 0)


def test_tall_widget_stacks_the_plots_and_wide_puts_them_side_by_side(plot, qtbot):
    session, history, snap = trained()
    plot.set_session(session)
    curve_plot, hist_plot = plot.curve_plot, plot.hist_plot
    show_laid_out(plot, qtbot, 360, 480)
    plot.show_snapshot(snap, history)
    qtbot.waitUntil(lambda: plot.hist_widget.y() > plot.curve_widget.y())
    assert plot.plots.is_stacked()
    assert plot.hist_widget.x() == plot.curve_widget.x()
    plot.resize(1200, 500)
    qtbot.waitUntil(lambda: plot.hist_widget.x() > plot.curve_widget.x())
    assert not plot.plots.is_stacked()
    assert plot.hist_widget.y() == plot.curve_widget.y()
    # The same plot items, moved rather than rebuilt.
    assert plot.curve_plot is curve_plot and plot.hist_plot is hist_plot
    assert plot.curve_widget.getPlotItem() is curve_plot


def test_the_whole_view_fits_a_narrow_dock(plot, qtbot):
    """Nothing (the confusion matrix included) forces the view wider than 300 px."""
    session, history, snap = trained()
    plot.set_session(session)
    plot.show_snapshot(snap, history)
    counts = zip(("TP", "FP", "FN", "TN"), confusion_counts(snap.metrics.A_L, session.Y_train))
    assert all(f"{name} {n}<" in plot.summary.text() for name, n in counts)
    assert plot.minimumSizeHint().width() <= 300
    show_laid_out(plot, qtbot, 300, 400)
    assert plot.width() == 300
    assert plot.plots.is_stacked()


def test_ranges_grow_with_room_so_they_seldom_change(plot):
    """|z| creeps up all through training: the z range grows past what is needed, so the
    next few frames keep it (a new range re-ticks the axis and repaints the whole plot),
    and histograms whose counts did not change are not handed to pyqtgraph again."""
    session, history, snap = trained()
    # Past the -6..6 that is always shown, so that the range must have grown to hold them.
    Z = 2 * snap.metrics.Z_L
    assert Z.min() < -MIN_Z_HALF_WIDTH and Z.max() > MIN_Z_HALF_WIDTH
    snap = dataclasses.replace(snap, metrics=dataclasses.replace(snap.metrics, Z_L=Z))
    plot.set_session(session)
    plot.show_snapshot(snap, history)
    low, high = plot.curve_plot.getViewBox().viewRange()[0]
    assert low < 1.1 * Z.min() and high > 1.1 * Z.max()    # room beyond the examples
    calls = []
    for item in plot.histograms:
        item.setData = lambda *a, **k: calls.append(1)
    creeping = dataclasses.replace(snap, update=snap.update + 1, metrics=dataclasses.replace(
        snap.metrics, Z_L=Z * 1.05))
    plot.show_snapshot(creeping, history)
    assert np.max(plot.points[1].getData()[0]) == pytest.approx(1.05 * Z.max())
    assert plot.curve_plot.getViewBox().viewRange()[0] == [low, high]
    assert calls == []   # the same A[L], so the same counts
