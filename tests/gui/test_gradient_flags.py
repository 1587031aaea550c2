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
    EXPLODING_ABSOLUTE,
    VANISHING_ABSOLUTE,
)
from gui.plots.gradient_plot import GradientPlot
from gui.training_history import TrainingHistory


def shown_after(qtbot, data, sizes, activation, init="xavier", updates=5, scale=None):
    """A GradientPlot showing a real run; scale multiplies every initial weight."""
    trainer = Trainer(load_dataset(data), make_model_config(sizes, activation, init),
                      make_train_config(0.5))
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
    return plot, snapshot.metrics.dW_norms


def on_screen(plot):
    """The flag line as it reads on screen, and whether all of it fits the label."""
    label = plot.ratio_label
    document = label._document
    document.setTextWidth(label.width() - 4)
    fits = document.size().height() <= label.height()
    return label.toPlainText(), fits and label.isVisible()


def test_zeros_init_with_tanh_is_dead(qtbot):
    plot, norms = shown_after(qtbot, "xor", (2, 3, 1), "tanh", init="zeros")
    assert np.all(norms == 0)
    assert plot.flags.dead == (1, 2)
    text, fits = on_screen(plot)
    assert "dead (dW = 0): layers 1, 2" in text and fits
    assert len(plot.bars.opts["x"]) == 0                  # no bar pretends to a value
    assert list(plot.zero_marks.getData()[0]) == [1, 2]


def test_deep_sigmoid_net_vanishes_in_its_first_layers(qtbot):
    sizes = (2,) + (8,) * 8 + (1,)
    plot, norms = shown_after(qtbot, "circles", sizes, "sigmoid")
    assert norms[0] < 1e-3 * norms[-1]                    # the engine's numbers
    assert 1 in plot.flags.vanishing and 9 not in plot.flags.vanishing
    text, fits = on_screen(plot)
    assert "vanishing: layers 1," in text and fits
    assert "exploding" not in text and "dead" not in text


def test_a_net_whose_every_layer_is_tiny_is_flagged_as_stalled(qtbot):
    plot, norms = shown_after(qtbot, "xor", (2, 8, 8, 8, 8, 1), "tanh", init="small")
    assert np.all(norms < VANISHING_ABSOLUTE)
    # Relative to one another they are alike: only the absolute threshold catches it.
    assert norms.min() > 1e-3 * norms.max()
    assert plot.flags.all_vanishing
    text, fits = on_screen(plot)
    assert "every layer < 1e-05 (stalled)" in text and fits


def test_huge_weights_explode(qtbot):
    plot, norms = shown_after(qtbot, "moons", (2, 16, 16, 16, 1), "relu", updates=0,
                              scale=20.0)
    assert np.all(norms > EXPLODING_ABSOLUTE)
    assert plot.flags.exploding == (1, 2, 3, 4)
    text, fits = on_screen(plot)
    assert "exploding (> 100): layers 1, 2, 3, 4" in text and fits
    styles = {brush.style() for brush in plot.bars.opts["brushes"]}
    assert styles == {Qt.BrushStyle.DiagCrossPattern}     # cross-hatched, not plain bars


@pytest.mark.parametrize("data, sizes", [("moons", (2, 8, 8, 1)), ("breast_cancer", (30, 16, 1))])
def test_healthy_nets_are_not_flagged(qtbot, data, sizes):
    plot, _ = shown_after(qtbot, data, sizes, "tanh", updates=50)
    assert not plot.flags.any
    text, _ = on_screen(plot)
    assert "smallest / largest" in text
    for word in ("dead", "vanishing", "exploding"):
        assert word not in text


def test_every_flag_at_once_fits_a_narrow_dock(qtbot):
    """Dead, vanishing and exploding layers together: the text takes the lines it needs."""
    sizes = (2, 4, 4, 4, 4, 4, 1)
    plot, _ = shown_after(qtbot, "moons", sizes, "tanh", updates=1)
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
