"""TrainingHistory: every cost handed on is kept once, in memory bounded whatever the run."""
from types import SimpleNamespace

import numpy as np

from engine.epoch_ends import EpochEnds
from engine.folded_history import FoldedHistory
from gui.training_history import TrainingHistory


def snapshots(costs, sizes, updates_per_epoch=25):
    """Snapshot-like objects handing on `costs` in chunks of the given sizes."""
    done = 0
    for k in sizes:
        new = costs[done:done + k]
        end = done + len(new)
        yield SimpleNamespace(
            update=end, new_costs=new,
            new_epoch_ends=tuple(range((done // updates_per_epoch + 1) * updates_per_epoch,
                                       end + 1, updates_per_epoch)),
            metrics=SimpleNamespace(test_cost=float(new[-1]) if len(new) else 0.5,
                                    dW_norms=(0.1, 0.01)),
            learning_rate=0.5, l2=0.0, batch_size=0, diverged_update=None)
        done = end


def total_bytes(history):
    return sum(h.nbytes for h in (history.costs, history.test_costs, *history.grad_norms))


def test_every_cost_is_kept_once_as_if_appended_one_by_one():
    rng = np.random.default_rng(5)
    costs = 1 / np.sqrt(np.arange(1, 200_001)) + 0.05 * rng.random(200_000)
    cuts = np.sort(rng.integers(0, 200_000, 60))
    cuts[10] = cuts[11]                    # one snapshot with no new cost
    sizes = np.diff(cuts, prepend=0, append=200_000)
    history = TrainingHistory(2)
    for snap in snapshots(costs, sizes):
        assert history.add(snap)
    reference, ends = FoldedHistory(), EpochEnds()
    for cost in costs:
        reference.append(cost)
    for end in range(25, 200_001, 25):
        ends.append(end)
    assert len(history.costs) == 200_000 and history.costs.exact_start > 0
    np.testing.assert_array_equal(history.costs.exact_values(), reference.exact_values())
    for mine, theirs in zip(history.costs.blocks(), reference.blocks()):
        np.testing.assert_array_equal(mine, theirs)
    np.testing.assert_array_equal(history.epoch_ends.since(0), ends.since(0))
    # One test cost and one gradient norm per layer for each new update number.
    assert history.samples == len(set(np.cumsum(sizes))) == len(history.grad_norms[1])


def test_an_overlapping_snapshot_adds_nothing_and_an_earlier_one_takes_back():
    costs = np.linspace(1, 0.1, 100)
    history = TrainingHistory(2)
    first, second = snapshots(costs, [60, 40])
    assert history.add(first) and history.add(second)
    again = SimpleNamespace(**{**vars(second), "new_costs": costs[90:]})
    assert history.add(again)              # the same update: costs already there
    assert len(history.costs) == 100 and history.samples == 2
    # The trainer undid update 100 (a rollback): its snapshot says update 99, no new cost.
    rolled_back = SimpleNamespace(**{**vars(second), "update": 99, "new_costs": costs[:0],
                                     "new_epoch_ends": ()})
    assert history.add(rolled_back)
    assert len(history.costs) == 99 and history.epoch_ends.last() == 75
    assert history.test_costs.last_x() == 99


def test_a_long_run_takes_no_more_memory_than_a_short_one():
    costs = np.random.default_rng(6).random(2_000_000)
    history = TrainingHistory(2)
    snaps = snapshots(costs, [2500] * 800)
    for snap in snaps:
        history.add(snap)
        if snap.update == 200_000:
            short = total_bytes(history)
    assert len(history.costs) == 2_000_000
    assert total_bytes(history) == short


def test_after_a_rollback_the_curves_go_on_from_where_the_trainer_stands():
    """The issue's exploding net: update 3 is stepped (its cost reaches the window), then
    the next update's cost phase undoes it. The window must take its cost back and keep
    every later one (before, it ignored the rollback snapshot and then every cost after)."""
    import pytest

    from engine.config import make_model_config, make_train_config
    from engine.dataset import load_dataset
    from engine.snapshot import SnapshotStream, make_session_info
    from engine.trainer import Trainer, TrainingDiverged

    data = load_dataset("moons", n=200, noise=0.1, seed=0)
    trainer = Trainer(data, make_model_config((2, 16, 16, 1), "linear", "he", 0),
                      make_train_config(3.0, 0.0, 0))
    stream = SnapshotStream(trainer, make_session_info(trainer, resolution=5))
    history = TrainingHistory(3)
    trainer.run(2)
    history.add(stream.take())
    for _ in range(trainer.phases_per_update):  # update 3, phase by phase
        trainer.step_phase()
    history.add(stream.take())
    assert len(history.costs) == 3
    with pytest.raises(TrainingDiverged):
        trainer.run(1)
    assert history.add(stream.take())
    assert len(history.costs) == trainer.update_count == 2
    assert history.epoch_ends.last() == 2 and history.test_costs.last_x() == 2
    trainer.set_learning_rate(1e-4)
    trainer.run(40)
    history.add(stream.take())
    assert len(history.costs) == trainer.update_count == 42
    assert np.array_equal(history.costs.exact_values(), trainer.costs.exact_values())
    assert history.epoch_ends.last() == 42 and len(history.epoch_ends) == 42
