"""WorkerThread: the one place that starts the worker, wires it and joins it."""
import sys
import threading

from PySide6.QtCore import Qt

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from gui.controller import TrainingController
from gui.worker_thread import GIL_SWITCH_INTERVAL_S, WorkerThread

WAIT_MS = 10_000


def test_worker_signals_reach_the_controller_on_the_gui_thread(qtbot):
    controller = TrainingController()
    on_gui_thread = []

    def note(*_):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())

    # Direct: note runs in whichever thread the controller's slot re-emitted from.
    for relay in (controller.session_started, controller.snapshot_received,
                  controller.playing_changed):
        relay.connect(note, Qt.ConnectionType.DirectConnection)
    training = WorkerThread(controller)
    try:
        data = load_dataset("moons", n=100, seed=0)
        training.worker.build(data, make_model_config((2, 4, 1), "tanh", "xavier", 0),
                              make_train_config(0.5, 0.0, 0))
        training.worker.play()
        qtbot.waitUntil(lambda: controller.playing, timeout=WAIT_MS)
        training.worker.pause()
        qtbot.waitUntil(lambda: not controller.playing, timeout=WAIT_MS)
    finally:
        assert training.stop()
        controller.stop()
    assert len(on_gui_thread) >= 4 and all(on_gui_thread)


def test_stop_joins_the_thread_and_gives_back_the_switch_interval(qtbot):
    before = sys.getswitchinterval()
    controller = TrainingController()
    training = WorkerThread(controller)
    assert sys.getswitchinterval() == GIL_SWITCH_INTERVAL_S
    assert training.stop() and training.stop()    # the second call has nothing to do
    assert not training.thread.isRunning()
    assert sys.getswitchinterval() == before
    controller.stop()
