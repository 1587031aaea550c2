"""The two-plot views (gradient sizes, sigmoid outputs) in docks of the sizes the window
gives them at 1366x768 and 1920x1080: side by side only where both fit, so no title,
axis or bar is cut off at a plot's edge."""
import pytest
from on_screen import new_view, show_at
from PySide6.QtWidgets import QVBoxLayout, QWidget

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import SnapshotStream, make_session_info
from engine.trainer import Trainer
from gui.plots.boundary_plot import BoundaryPlot
from gui.plots.gradient_plot import GradientPlot
from gui.plots.sigmoid_plot import SigmoidPlot
from gui.training_history import TrainingHistory


@pytest.fixture(scope="module")
def deep_run():
    sizes = (30, 8, 8, 8, 8, 8, 8, 1)
    trainer = Trainer(load_dataset("breast_cancer"), make_model_config(sizes, "tanh"),
                      make_train_config(0.5))
    session = make_session_info(trainer, resolution=10)
    history = TrainingHistory(len(sizes) - 1)
    stream = SnapshotStream(trainer, session)
    snapshots = []
    for _ in range(5):
        trainer.run(10)
        snapshots.append(stream.take(with_boundary=False))
        history.add(snapshots[-1])
    return session, history, snapshots


def plots_of(view):
    if isinstance(view, GradientPlot):
        return (view.history_widget, view.history_plot), (view.bar_widget, view.bar_plot)
    return (view.curve_widget, view.curve_plot), (view.hist_widget, view.hist_plot)


@pytest.mark.parametrize("view_class", [GradientPlot, SigmoidPlot])
@pytest.mark.parametrize("size", [(450, 400), (520, 300), (380, 520), (900, 420)])
def test_no_plot_is_cut_off(qtbot, deep_run, view_class, size):
    session, history, snapshots = deep_run
    dock = QWidget()                         # a dock: it gives the view the size it has
    qtbot.addWidget(dock)
    view = new_view(qtbot, view_class)
    QVBoxLayout(dock).addWidget(view)
    view.set_session(session)
    show_at(dock, qtbot, *size)
    for snapshot in snapshots:
        view.show_snapshot(snapshot, history)
    qtbot.wait(50)
    assert view.width() <= max(size[0], view.minimumSizeHint().width())
    for widget, plot in plots_of(view):
        width = widget.viewport().width()
        for item in (plot.titleLabel, plot.getViewBox(), plot.getAxis("bottom")):
            rect = item.sceneBoundingRect()
            assert rect.left() >= -0.5 and rect.right() <= width + 0.5, (item, rect, width)
    if view_class is GradientPlot:
        # Every layer's bar is in view.
        x_low, x_high = view.bar_plot.getViewBox().viewRange()[0]
        assert x_low < 1 and x_high > len(session.layer_sizes) - 1


@pytest.mark.parametrize("data, sizes", [("moons", (2, 8, 1)), ("breast_cancer", (30, 8, 1))])
@pytest.mark.parametrize("width", [300, 420, 700])
def test_the_decision_boundarys_title_and_colour_bar_are_never_cut_off(qtbot, data, sizes,
                                                                       width):
    trainer = Trainer(load_dataset(data), make_model_config(sizes, "tanh"),
                      make_train_config(0.5))
    session = make_session_info(trainer, resolution=10)
    dock = QWidget()
    qtbot.addWidget(dock)
    view = new_view(qtbot, BoundaryPlot)
    QVBoxLayout(dock).addWidget(view)
    view.set_session(session)
    show_at(dock, qtbot, width, 520)
    qtbot.wait(50)
    canvas = view._canvas
    shown = canvas.viewport().rect()
    for item in (view._plot.titleLabel, view._bar, view._plot.getAxis("left")):
        rect = canvas.mapFromScene(item.sceneBoundingRect()).boundingRect()
        assert shown.contains(rect.adjusted(1, 1, -1, -1)), (item, rect, shown)
