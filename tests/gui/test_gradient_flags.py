"""Honest gradient flags: nets built to have dead, vanishing and exploding gradients are
flagged on screen (not only in a tooltip), and a healthy net is not."""
import dataclasses

import numpy as np
import pytest
from on_screen import new_view, show_at
from PySide6.QtCore import Qt

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import SnapshotStream, make_session_info
from engine.trainer import Trainer
from gui.plots.gradient_flags import (
    CONVERGED_COST,
    EXPLODING_ABSOLUTE,
    VANISHING_ABSOLUTE,
)
from gui.plots.gradient_plot import GradientPlot
from gui.training_history import TrainingHistory


def shown_after(qtbot, data, sizes, activation, init="xavier", updates=5, scale=None,
                learning_rate=0.5):
    """A GradientPlot showing a real run; scale multiplies every initial weight."""
    trainer = Trainer(load_dataset(data), make_model_config(sizes, activation, init),
                      make_train_config(learning_rate))
    if scale is not None:
        for l in range(1, trainer.network.L + 1):
            trainer.network.W[l] *= scale
    session = make_session_info(trainer, resolution=10)
    history = TrainingHistory(len(sizes) - 1)
    stream = SnapshotStream(trainer, session)
    trainer.run(updates)
    snapshot = stream.take(with_boundary=False)
    history.add(snapshot)
    plot = new_view(qtbot, GradientPlot)
    plot.set_session(session)
    show_at(plot, qtbot, 420, 420)       # a narrow dock: the flags must still fit
    plot.show_snapshot(snapshot, history)
    return plot, snapshot.metrics.dW_norms, snapshot.metrics.train_cost


def on_screen(plot):
    """The flag line as it reads on screen, and whether all of it fits the label."""
    label = plot.ratio_label
    document = label._document
    document.setTextWidth(label.width() - 4)
    fits = document.size().height() <= label.height()
    return label.toPlainText(), fits and label.isVisible()


def test_zeros_init_with_tanh_is_dead(qtbot):
    plot, norms, _ = shown_after(qtbot, "xor", (2, 3, 1), "tanh", init="zeros")
    assert np.all(norms == 0)
    assert plot.flags.dead == (1, 2)
    text, fits = on_screen(plot)
    assert "dead (dW = 0): layers 1, 2" in text and fits
    assert len(plot.bars.opts["x"]) == 0                  # no bar pretends to a value
    assert list(plot.zero_marks.getData()[0]) == [1, 2]


def test_deep_sigmoid_net_vanishes_in_its_first_layers(qtbot):
    sizes = (2,) + (8,) * 8 + (1,)
    plot, norms, _ = shown_after(qtbot, "circles", sizes, "sigmoid")
    assert norms[0] < 1e-3 * norms[-1]                    # the engine's numbers
    assert 1 in plot.flags.vanishing and 9 not in plot.flags.vanishing
    text, fits = on_screen(plot)
    assert "vanishing: layers 1," in text and fits
    assert "exploding" not in text and "dead" not in text and "converged" not in text


def test_a_net_whose_every_layer_is_tiny_is_flagged_as_stalled(qtbot):
    plot, norms, cost = shown_after(qtbot, "xor", (2, 8, 8, 8, 8, 1), "tanh", init="small")
    assert np.all(norms < VANISHING_ABSOLUTE)
    # Relative to one another they are alike: only the absolute threshold catches it.
    assert norms.min() > 1e-3 * norms.max()
    assert cost == pytest.approx(np.log(2), abs=0.01)     # it has learned nothing
    assert plot.flags.all_vanishing and not plot.flags.converged
    text, fits = on_screen(plot)
    assert "every layer < 1e-05 (stalled)" in text and fits
    assert "converged" not in text


@pytest.mark.parametrize("sizes, activation, updates",
                         [((2, 1), "sigmoid", 20_000), ((2, 4, 1), "tanh", 8_000)],
                         ids=["logistic_regression", "small_net"])
def test_a_net_trained_to_almost_no_cost_is_converged_not_vanishing(qtbot, sizes, activation,
                                                                    updates):
    """Separable blobs learned to a cost near 0: every gradient is tiny because every
    guess is right, and the plot says so instead of calling the net stalled."""
    plot, norms, cost = shown_after(qtbot, "blobs", sizes, activation, updates=updates,
                                    learning_rate=10.0)
    assert np.all(norms < VANISHING_ABSOLUTE) and cost < CONVERGED_COST
    assert plot.flags.converged and not plot.flags.all_vanishing
    assert plot.flags.vanishing == () and not plot.flags.any
    text, fits = on_screen(plot)
    assert "converged: every ||dW|| < 1e-05 because the cost is small" in text and fits
    assert "vanishing" not in text and "stalled" not in text
    styles = {brush.style() for brush in plot.bars.opts["brushes"]}
    assert Qt.BrushStyle.BDiagPattern not in styles       # no bar hatched as vanishing


def test_huge_weights_explode(qtbot):
    plot, norms, _ = shown_after(qtbot, "moons", (2, 16, 16, 16, 1), "relu", updates=0,
                              scale=20.0)
    assert np.all(norms > EXPLODING_ABSOLUTE)
    assert plot.flags.exploding == (1, 2, 3, 4)
    text, fits = on_screen(plot)
    assert "exploding (> 100): layers 1, 2, 3, 4" in text and fits
    styles = {brush.style() for brush in plot.bars.opts["brushes"]}
    assert styles == {Qt.BrushStyle.DiagCrossPattern}     # cross-hatched, not plain bars


@pytest.mark.parametrize("data, sizes", [("moons", (2, 8, 8, 1)), ("breast_cancer", (30, 16, 1))])
def test_healthy_nets_are_not_flagged(qtbot, data, sizes):
    plot, _, _ = shown_after(qtbot, data, sizes, "tanh", updates=50)
    assert not plot.flags.any
    text, _ = on_screen(plot)
    assert "smallest / largest" in text
    for word in ("dead", "vanishing", "exploding"):
        assert word not in text


def test_every_flag_at_once_fits_a_narrow_dock(qtbot):
    """Dead, vanishing and exploding layers together: the text takes the lines it needs."""
    sizes = (2, 4, 4, 4, 4, 4, 1)
    plot, _, _ = shown_after(qtbot, "moons", sizes, "tanh", updates=1)
    plot.resize(300, 420)
    qtbot.waitUntil(lambda: plot.width() == 300)
    session = make_session_info(Trainer(load_dataset("moons"), make_model_config(sizes, "tanh"),
                                        make_train_config(0.5)), resolution=10)
    history = TrainingHistory(len(sizes) - 1)
    stream = SnapshotStream(Trainer(load_dataset("moons"), make_model_config(sizes, "tanh"),
                                    make_train_config(0.5)), session)
    snapshot = stream.take(with_boundary=False)
    norms = np.array([0.0, 3e-9, 1.0, 500.0, np.inf, 0.9])
    snapshot = dataclasses.replace(
        snapshot, update=7, metrics=dataclasses.replace(snapshot.metrics, dW_norms=norms))
    history.add(snapshot)
    plot.set_session(session)
    plot.show_snapshot(snapshot, history)
    flags = plot.flags
    assert (flags.dead, flags.vanishing, flags.exploding) == ((1,), (2,), (4, 5))
    text, fits = on_screen(plot)
    for word in ("dead", "vanishing", "exploding"):
        assert word in text
    assert fits
