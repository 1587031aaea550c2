"""Clicking a training point in the decision-boundary or the sigmoid view picks it
(example_picked with its index); a click on empty space picks nothing; the followed
example is ringed and numbered, and its number stays inside the plot."""
import dataclasses

import numpy as np
import pytest
from on_screen import new_view, show_at
from PySide6.QtCore import QPointF, Qt

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.snapshot import make_session_info, take_snapshot
from engine.trainer import Trainer
from gui.plots.boundary_plot import BoundaryPlot
from gui.plots.sigmoid_plot import SigmoidPlot
from gui.training_history import TrainingHistory


def run(name="moons", sizes=(2, 8, 1), updates=60):
    # 80 moons: on the sigmoid curve many more would pile on one another.
    data = load_dataset(name, n=80) if name == "moons" else load_dataset(name)
    trainer = Trainer(data, make_model_config(sizes, "tanh"),
                      make_train_config(0.5))
    session = make_session_info(trainer, resolution=20)
    trainer.run(updates)
    snapshot = take_snapshot(trainer, session, [], [])
    history = TrainingHistory(len(sizes) - 1)
    history.add(snapshot)
    return session, snapshot, history


def points_of(view, session, snapshot):
    """(view box, x, y) of every training example in the view."""
    if isinstance(view, BoundaryPlot):
        return view._plot.getViewBox(), *session.points_train
    return view.curve_plot.getViewBox(), snapshot.metrics.Z_L[0], snapshot.metrics.A_L[0]


def pixels_of(view_box, x, y):
    canvas = view_box.scene().views()[0]
    return np.array([[canvas.mapFromScene(view_box.mapViewToScene(QPointF(a, b))).x(),
                      canvas.mapFromScene(view_box.mapViewToScene(QPointF(a, b))).y()]
                     for a, b in zip(x, y)], dtype=float)


def click(qtbot, view_box, pixel, button=Qt.MouseButton.LeftButton):
    canvas = view_box.scene().views()[0]
    qtbot.mouseClick(canvas.viewport(), button, pos=QPointF(*pixel).toPoint())


def shown(qtbot, view_class, session, snapshot, history, size=(800, 600)):
    view = new_view(qtbot, view_class)
    view.set_session(session)
    show_at(view, qtbot, *size)
    view.show_snapshot(snapshot, history)
    qtbot.wait(20)
    return view


def isolated(pixels, inside, count=3):
    """Indices of examples whose point is at least 8 px from every other one."""
    found = []
    for k in np.flatnonzero(inside):
        d = np.hypot(*(pixels - pixels[k]).T)
        d[k] = np.inf
        if d.min() >= 8:
            found.append(int(k))
        if len(found) == count:
            break
    return found


@pytest.mark.parametrize("view_class, data, sizes", [
    (BoundaryPlot, "moons", (2, 8, 1)),
    (BoundaryPlot, "breast_cancer", (30, 8, 1)),       # the PCA view
    (BoundaryPlot, "line", (1, 1)),                     # one feature: the curve view
    (SigmoidPlot, "line", (1, 1)),
    (SigmoidPlot, "moons", (2, 8, 1)),
])
def test_clicking_a_point_picks_its_example_and_empty_space_nothing(qtbot, view_class, data,
                                                                     sizes):
    session, snapshot, history = run(data, sizes)
    view = shown(qtbot, view_class, session, snapshot, history)
    box, x, y = points_of(view, session, snapshot)
    pixels = pixels_of(box, x, y)
    area = box.scene().views()[0].mapFromScene(box.sceneBoundingRect()).boundingRect()
    inside = np.array([area.adjusted(10, 10, -10, -10).contains(int(c), int(r))
                       for c, r in pixels])
    chosen = isolated(pixels, inside)
    assert len(chosen) == 3
    for k in chosen:
        # A click a little off the centre still picks it (the others are 8 px away).
        with qtbot.waitSignal(view.example_picked, timeout=1000) as picked:
            click(qtbot, box, pixels[k] + (2, -1))
        assert picked.args == [k]
    with qtbot.assertNotEmitted(view.example_picked, wait=100):   # the right button is
        click(qtbot, box, pixels[chosen[0]], Qt.MouseButton.RightButton)   # the menu's
    # The emptiest spot of the plot: nothing there to pick.
    columns = np.arange(area.left() + 10, area.right() - 10, 4)
    rows = np.arange(area.top() + 10, area.bottom() - 10, 4)
    grid = np.array([(c, r) for c in columns for r in rows], dtype=float)
    gaps = np.array([np.hypot(*(pixels - g).T).min() for g in grid])
    empty = grid[int(np.argmax(gaps))]
    assert gaps.max() > 20
    with qtbot.assertNotEmitted(view.example_picked, wait=100):
        click(qtbot, box, empty)


@pytest.mark.parametrize("view_class", [BoundaryPlot, SigmoidPlot])
@pytest.mark.parametrize("data, sizes", [("moons", (2, 8, 1)), ("line", (1, 1))])
def test_the_followed_example_is_ringed_and_numbered_inside_the_plot(qtbot, view_class, data,
                                                                     sizes):
    session, snapshot, history = run(data, sizes)
    view = shown(qtbot, view_class, session, snapshot, history)
    box, x, y = points_of(view, session, snapshot)
    mark = view.selected_mark
    # The examples nearest each edge: their numbers must not be cut off.
    for k in {int(np.argmin(x)), int(np.argmax(x)), int(np.argmin(y)), int(np.argmax(y)), 17}:
        assert view.show_snapshot(dataclasses.replace(snapshot, example_index=k), history)
        qtbot.wait(10)
        assert mark.text == f"#{k}"
        rx, ry = mark.ring.getData()
        assert (rx[0], ry[0]) == (x[k], y[k])
        assert box.sceneBoundingRect().contains(mark.label.sceneBoundingRect()), k
