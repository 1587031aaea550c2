"""Fixtures shared by the GUI tests."""
import pytest
from on_screen import open_main_window

from gui.controller import TrainingController
from gui.worker_thread import WorkerThread

OPEN_WAIT_MS = 15_000


@pytest.fixture
def window(qtbot):
    """The whole window, shown, with its first snapshot in; shut down afterwards. A test
    file that needs the window opened otherwise defines its own `window`."""
    w = open_main_window(qtbot, OPEN_WAIT_MS)
    yield w
    w.shut_down()


@pytest.fixture
def worker_rig(qtbot):
    """(worker, controller): the worker on its thread, wired to a controller as the window
    wires them, without the window; stopped afterwards."""
    controller = TrainingController()
    training = WorkerThread(controller)
    yield training.worker, controller
    assert training.stop()
    controller.stop()
