"""Everything the GUI has received since the last reset, in memory that stays bounded
however long the run: the one history the views draw from (they keep no copies)."""
from engine.epoch_ends import EpochEnds
from engine.folded_history import FoldedHistory

from .cost_marks import CostMarks
from .fork_histories import ForkHistories


class TrainingHistory:
    """The curves over updates, built up from Snapshots on the GUI thread.

    costs: J of every update (update k has index k - 1); nothing is skipped, the newest
    kept exactly and older ones as min/max blocks (engine/folded_history.py).
    epoch_ends: where epochs ended (engine/epoch_ends.py).
    test_costs and grad_norms[l - 1] (||dW[l]||_F): sampled once per snapshot, at the
    snapshot's update number; `samples` counts the snapshots sampled.
    marks: where a setting changed and where training diverged (gui/cost_marks.py).
    forks: the curves of the same-start comparisons (gui/fork_histories.py).
    """

    def __init__(self, n_layers=1):
        self.reset(n_layers)

    def reset(self, n_layers):
        self.costs = FoldedHistory()
        self.epoch_ends = EpochEnds()
        self.test_costs = FoldedHistory(sampled=True)
        self.grad_norms = [FoldedHistory(sampled=True) for _ in range(n_layers)]
        self.marks = CostMarks()
        self.last_update = 0
        self.forks = ForkHistories()   # the same-start comparisons

    @property
    def samples(self):
        return len(self.test_costs)

    def add(self, snapshot):
        """Take in a Snapshot. One for an earlier update than the last follows a rollback
        (an update made the cost blow up and was undone): what that update sent is taken
        back first, so the curves go on from where the trainer now stands."""
        k = len(snapshot.new_costs)
        if snapshot.update < self.last_update:
            self._take_back(costs_after=snapshot.update - k, samples_from=snapshot.update)
            self.marks.go_back_to(snapshot.update)
        first = snapshot.update - k + 1
        if k and first == len(self.costs) + 1:
            self.costs.extend(snapshot.new_costs)
        self.epoch_ends.extend(snapshot.new_epoch_ends)
        if snapshot.update != self.last_update or self.samples == 0:
            m = snapshot.metrics
            self.test_costs.append_at(snapshot.update, m.test_cost)
            for series, value in zip(self.grad_norms, m.dW_norms):
                series.append_at(snapshot.update, value)
        self.marks.see(snapshot)
        self.last_update = snapshot.update
        self.forks.add(getattr(snapshot, "forks", None))
        return True

    def _take_back(self, costs_after, samples_from):
        """Forget the costs and epoch ends of the updates after `costs_after` and the samples
        taken at `samples_from` or later (all of them exact: only the newest are undone)."""
        while len(self.costs) > costs_after:
            self.costs.pop()
        while self.epoch_ends.last() > costs_after:
            self.epoch_ends.pop()
        for series in (self.test_costs, *self.grad_norms):
            while len(series) and series.last_x() >= samples_from:
                series.pop()
