"""Memory and time of the run's history over 10^8 updates: it must not grow with the run.

    python benchmarks/bench_history.py [--updates 100000000] [--per-snapshot 2500]
                                       [--appends 100000000]

Two parts, each measured as growth of this process's resident memory (VmRSS) and time:
the GUI's TrainingHistory taking snapshot-like batches of costs (--per-snapshot costs,
an epoch end every 25 updates, a test cost and three gradient norms each, as the window
receives them at ~50,000 updates/s), and the trainer's side: one FoldedHistory.append
and one EpochEnds.append per update (full batch: every update ends an epoch), one
value at a time as Trainer._end_update does, with the hold a SnapshotStream sets moved
on every --per-snapshot updates. Nothing is asserted; the goal is < 100 MB growth.
"""
import argparse
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from resident_memory import resident_mb

from engine.epoch_ends import EpochEnds
from engine.folded_history import FoldedHistory
from gui.training_history import TrainingHistory

GOAL_MB = 100
POOL = 1 << 20   # distinct costs, reused with an offset, so making them costs nothing


def gui_side(updates, per_snapshot):
    """TrainingHistory.add of snapshot-like objects; returns (MB before, after, seconds)."""
    rng = np.random.default_rng(0)
    pool = 0.05 + 0.3 * rng.random(POOL)
    history = TrainingHistory(3)
    before = resident_mb()
    start = time.perf_counter()
    done = 0
    while done < updates:
        k = min(per_snapshot, updates - done)
        offset = done % (POOL - k)
        costs = pool[offset:offset + k] / (1 + done * 1e-7)
        end = done + k
        first_end = (done // 25 + 1) * 25
        history.add(SimpleNamespace(
            update=end, new_costs=costs, new_epoch_ends=tuple(range(first_end, end + 1, 25)),
            metrics=SimpleNamespace(test_cost=float(costs[-1]) * 1.1,
                                    dW_norms=(0.1, 0.02, 0.003))))
        done = end
    seconds = time.perf_counter() - start
    return before, resident_mb(), seconds, history


def trainer_side(appends, per_snapshot):
    """One append per update, as Trainer._end_update makes them."""
    rng = np.random.default_rng(1)
    pool = (0.05 + 0.3 * rng.random(POOL)).tolist()
    costs, ends = FoldedHistory(), EpochEnds()
    costs.hold_from(0)
    before = resident_mb()
    start = time.perf_counter()
    update = 0
    while update < appends:
        offset, k = update % (POOL - per_snapshot), min(per_snapshot, appends - update)
        for cost in pool[offset:offset + k]:
            update += 1
            costs.append(cost)
            ends.append(update)
        costs.hold_from(update)   # what SnapshotStream.take does after sending
    seconds = time.perf_counter() - start
    return before, resident_mb(), seconds, costs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=100_000_000)
    parser.add_argument("--per-snapshot", type=int, default=2500)
    parser.add_argument("--appends", type=int, default=100_000_000,
                        help="updates on the trainer's side, appended one at a time")
    options = parser.parse_args()

    before, after, seconds, history = gui_side(options.updates, options.per_snapshot)
    kept = sum(h.nbytes for h in (history.costs, history.test_costs, *history.grad_norms))
    print(f"GUI history: {options.updates:,} updates in {options.updates // options.per_snapshot:,} "
          f"snapshots of {options.per_snapshot:,}: {seconds:.1f} s "
          f"({seconds / options.updates * 1e9:.1f} ns per update); resident memory "
          f"{before:.0f} MB -> {after:.0f} MB (+{after - before:.1f} MB, goal < {GOAL_MB} MB); "
          f"the history's arrays hold {kept / 1e6:.2f} MB, costs in blocks of "
          f"{history.costs.width:,}; {len(history.epoch_ends):,} epoch ends in "
          f"{len(history.epoch_ends._lengths)} run(s)")
    del history

    before, after, seconds, costs = trainer_side(options.appends, options.per_snapshot)
    print(f"trainer side: {options.appends:,} updates, one cost and one epoch end appended "
          f"at a time: {seconds:.1f} s ({seconds / options.appends * 1e9:.0f} ns per update, "
          f"Python loop included); resident memory {before:.0f} MB -> {after:.0f} MB "
          f"(+{after - before:.1f} MB); the cost history holds {costs.nbytes / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
