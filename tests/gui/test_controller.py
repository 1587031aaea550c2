"""TrainingController.paint on its own: one view per frame, painted before paint() returns."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QWidget

from gui.controller import TrainingController
from gui.view import View


class GateWatcher(View):
    """Mixin: records, on every paint, whether the worker's paint gate was open."""

    def watch(self, gate):
        self.gate, self.paints = gate, []

    def set_session(self, session):
        pass

    def paintEvent(self, event):
        self.paints.append(self.gate.is_open())
        super().paintEvent(event)


class PlainView(GateWatcher, QWidget):
    def show_snapshot(self, snapshot, history):
        self.update()
        return True


class PlotView(GateWatcher, pg.PlotWidget):
    def __init__(self):
        super().__init__()
        self.curve = self.plot()

    def show_snapshot(self, snapshot, history):
        self.curve.setData(np.random.default_rng(0).random(50))
        return True


def test_views_are_painted_before_paint_returns_with_the_gate_closed(qtbot):
    controller = TrainingController()
    controller.stop()   # no timer: the test paints by hand
    views = [PlainView(), PlotView()]
    for view in views:
        qtbot.addWidget(view)
        view.watch(controller.paint_gate)
        view.resize(200, 150)
        view.show()
        qtbot.waitExposed(view)
        controller.add_view(view, max_hz=1000, is_visible=lambda: True)
    controller.latest = object()   # any snapshot: the views here do not look inside
    for view in views:
        qtbot.wait(20)             # past the first view's min_interval of 1 ms
        view.paints.clear()
        frames = controller.frames
        controller.paint()         # one view per frame, the one that waited longest
        assert controller.frames == frames + 1
    # Each was painted inside paint(), not later from the event loop, and while the
    # worker was held at the gate: the frame stopped the worker once, not twice.
    assert [view.paints[:1] for view in views] == [[False], [False]]
    assert controller.paint_gate.is_open()


def test_only_a_view_can_be_registered(qtbot):
    controller = TrainingController()
    controller.stop()
    widget = QWidget()
    qtbot.addWidget(widget)
    with pytest.raises(TypeError, match="QWidget is not a View"):
        controller.add_view(widget)
    assert controller.views == ()
