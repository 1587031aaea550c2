"""Garbage is collected on the GUI thread only: never on a training or job thread."""
import gc
import threading

from gui.gui_thread_gc import collect_on_gui_thread

collected_on = []


class Cycle:
    """Garbage only the cyclic collector frees; says which thread freed it."""

    def __init__(self):
        self.me = self

    def __del__(self):
        collected_on.append(threading.get_ident())


def test_the_collector_runs_from_the_gui_thread_timer(qtbot):
    collect_on_gui_thread()
    assert not gc.isenabled()

    def make_garbage():
        for _ in range(50_000):   # far past generation 0's threshold on this thread
            Cycle()

    worker = threading.Thread(target=make_garbage)
    worker.start()
    worker.join()
    assert not collected_on                       # the worker's allocations collected nothing
    qtbot.waitUntil(lambda: len(collected_on) > 0, timeout=5000)
    assert set(collected_on) == {threading.get_ident()}
