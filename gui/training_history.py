"""Everything the GUI has received since the last reset, in memory that stays bounded
however long the run: the one history the views draw from (they keep no copies)."""
from engine.epoch_ends import EpochEnds
from engine.folded_history import FoldedHistory


class TrainingHistory:
    """The curves over updates, built up from Snapshots on the GUI thread.

    costs: J of every update (update k has index k - 1); nothing is skipped, the newest
    kept exactly and older ones as min/max blocks (engine/folded_history.py).
    epoch_ends: where epochs ended (engine/epoch_ends.py).
    test_costs and grad_norms[l - 1] (||dW[l]||_F): sampled once per snapshot, at the
    snapshot's update number; `samples` counts the snapshots sampled.
    """

    def __init__(self, n_layers=1):
        self.reset(n_layers)

    def reset(self, n_layers):
        self.costs = FoldedHistory()
        self.epoch_ends = EpochEnds()
        self.test_costs = FoldedHistory(sampled=True)
        self.grad_norms = [FoldedHistory(sampled=True) for _ in range(n_layers)]
        self.last_update = 0

    @property
    def samples(self):
        return len(self.test_costs)

    def add(self, snapshot):
        """Take in a Snapshot. Returns False (and keeps nothing) for an old one."""
        if snapshot.update < self.last_update:
            return False
        k = len(snapshot.new_costs)
        first = snapshot.update - k + 1
        if k and first == len(self.costs) + 1:
            self.costs.extend(snapshot.new_costs)
        self.epoch_ends.extend(snapshot.new_epoch_ends)
        if snapshot.update != self.last_update or self.samples == 0:
            m = snapshot.metrics
            self.test_costs.append_at(snapshot.update, m.test_cost)
            for series, value in zip(self.grad_norms, m.dW_norms):
                series.append_at(snapshot.update, value)
        self.last_update = snapshot.update
        return True
