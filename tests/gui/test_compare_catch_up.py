"""A fork made long after the start catches up a slice at a time: the worker answers a
command that comes meanwhile, and the fork goes on catching up later (gui/worker_forks.py).

The worker is driven on the test's thread, its commands run by hand, so that what waits
in its queue is known exactly."""
import re

import numpy as np
import pytest

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.fork_change import L2, ForkChange
from gui.worker import TrainingWorker

AHEAD = 20_000   # updates the main run has done when the fork is added


@pytest.fixture
def worker(qtbot):
    worker = TrainingWorker()
    worker.sent = []
    worker.snapshot_ready.connect(worker.sent.append)
    worker._build(load_dataset("moons", n=200, noise=0.2, seed=0),
                  make_model_config((2, 8, 8, 1), "tanh", "xavier", 0),
                  make_train_config(0.5, 0.0, 10), None)
    worker._trainer.run(AHEAD)
    worker.sent.clear()
    return worker


def fork_costs(worker):
    """Every cost the snapshots sent for the one fork, in update order."""
    costs = {}
    for snapshot in worker.sent:
        if snapshot.forks is not None:
            for fork in snapshot.forks.forks:
                for i, cost in enumerate(fork.new_costs):
                    costs[fork.first_update + i] = cost
    return np.array([costs[u] for u in sorted(costs)])


def run_queued(worker):
    """Run the commands waiting in the worker's queue, as its loop would."""
    while not worker._commands.empty():
        worker._commands.get_nowait().run()


def test_a_command_waiting_stops_the_catching_up_and_the_fork_goes_on_later(worker):
    worker.pause()                     # queued before the fork is added: Pause waits
    worker._add_fork(ForkChange(L2, 1e-15))
    report = worker.sent[-1].forks
    (fork,) = report.forks
    assert fork.update < AHEAD
    assert report.message == (f"Added the run with λ = 1e-15. The run with λ = 1e-15 is "
                              f"at update "
                              f"{fork.update:,} of {AHEAD:,} and catches up as the main "
                              f"run goes on.")
    run_queued(worker)                 # the pause, and its snapshot: a slice more
    while worker.sent[-1].forks.forks[0].update < AHEAD:
        worker._emit_snapshot()
    main = np.array(worker._trainer.costs.since(0))
    # lambda = 1e-15 over 20,000 updates moves the costs by a few 1e-8 at most
    np.testing.assert_allclose(fork_costs(worker), main, rtol=0, atol=1e-6)


def test_a_long_catch_up_says_how_far_it_has_come(worker):
    worker._add_fork(ForkChange(L2, 1e-15))
    messages = [s.forks.message for s in worker.sent if s.forks is not None]
    assert messages[-1] == "Added the run with λ = 1e-15."
    assert len(messages) > 2
    for message in messages[:-1]:
        assert re.fullmatch("Bringing the run with λ = 1e-15 up to the main run: "
                            r"update [0-9,]+ of 20,000…", message)
    assert worker.sent[-1].forks.forks[0].update == AHEAD


def test_undo_remakes_the_forks_without_holding_up_a_command_that_waits(worker):
    worker._add_fork(ForkChange(L2, 1e-15))
    worker.runs.add_training_time(worker._trainer, 60.0)   # a run worth keeping
    worker._reset()
    worker.pause()
    worker._undo()                     # the long run back: its fork is made again
    report = worker.sent[-1].forks
    (fork,) = report.forks
    assert fork.update < AHEAD and report.message.endswith(
        f"is at update {fork.update:,} of {AHEAD:,} and catches up as the main run goes on.")
    run_queued(worker)
    while worker.sent[-1].forks.forks[0].update < AHEAD:
        worker._emit_snapshot()
