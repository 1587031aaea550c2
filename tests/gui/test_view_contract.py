"""Every view the window paints honours the View contract of gui/view.py.

The classes come from the window's own VIEWS table, and one test checks that the running
window paints exactly those, so a view added elsewhere cannot escape the contract.
"""
import pytest
from on_screen import new_view

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import SnapshotStream, make_session_info
from engine.trainer import Trainer
from gui.main_window import VIEWS, MainWindow
from gui.plots.loss_surface_view import LossSurfaceView
from gui.training_history import TrainingHistory
from gui.view import View

VIEW_CLASSES = [cls for _, cls, _ in VIEWS]
WAIT_MS = 15_000


def first_and_later(dataset_name, hidden=(8, 8)):
    """A session and two of its snapshots: at update 0, and 200 updates later."""
    data = load_dataset(dataset_name, n=120, seed=0)
    sizes = (data.n_x, *hidden, 1)
    trainer = Trainer(data, make_model_config(sizes, "tanh", "xavier", 0),
                      make_train_config(0.5, 0.0, 0))
    session = make_session_info(trainer, resolution=20)
    stream = SnapshotStream(trainer, session)
    first = stream.take()
    trainer.run(200)
    return session, first, stream.take()


def history_of(session, *snapshots):
    """A TrainingHistory as the controller keeps it, holding these snapshots."""
    history = TrainingHistory(len(session.layer_sizes) - 1)
    for snapshot in snapshots:
        history.add(snapshot)
    return history


def test_the_window_paints_exactly_the_views_of_its_table(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    try:
        painted = [type(view) for view in window.controller.views]
    finally:
        window.shut_down()
    assert sorted(painted, key=str) == sorted(VIEW_CLASSES, key=str)


@pytest.mark.parametrize("dataset_name", ["moons", "breast_cancer", "line"])
@pytest.mark.parametrize("view_class", VIEW_CLASSES, ids=lambda cls: cls.__name__)
def test_a_view_says_true_only_when_it_drew_something(qtbot, view_class, dataset_name):
    # The loss surface draws a model of two parameters (logistic regression on the one
    # feature of line); for any other it says so once, and then has nothing new to draw.
    surface = view_class is LossSurfaceView
    two_parameters = surface and dataset_name == "line"
    session, first, later = first_and_later(dataset_name, () if two_parameters else (8, 8))
    view = new_view(qtbot, view_class)
    assert isinstance(view, View)

    view.set_session(session)
    history = history_of(session, first)
    assert view.show_snapshot(first, history) is True
    assert view.show_snapshot(first, history) is False     # the very same: nothing new
    history.add(later)
    assert view.show_snapshot(later, history) is (two_parameters or not surface)  # 200 on
    assert view.show_snapshot(later, history) is False

    view.set_session(session)                              # a reset forgets what was drawn
    assert view.show_snapshot(first, history_of(session, first)) is True
