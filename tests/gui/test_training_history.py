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
                                    dW_norms=(0.1, 0.01)))
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


def test_old_and_overlapping_snapshots_add_nothing():
    costs = np.linspace(1, 0.1, 100)
    history = TrainingHistory(2)
    first, second = snapshots(costs, [60, 40])
    assert history.add(first) and history.add(second)
    assert not history.add(first)          # older than what it has
    again = SimpleNamespace(**{**vars(second), "new_costs": costs[90:]})
    assert history.add(again)              # the same update: costs already there
    assert len(history.costs) == 100 and history.samples == 2


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
