"""Everything the GUI has received since the last reset, kept in growing arrays."""
import numpy as np

from engine.history import GrowingArray


class TrainingHistory:
    """The curves over updates, built up from Snapshots on the GUI thread.

    costs: J of every update (update k has cost costs[k - 1]): nothing is skipped.
    test_updates / test_costs / train_eval_costs: sampled once per snapshot.
    grad_updates and grad_norms[l - 1]: ||dW[l]||_F sampled once per snapshot.
    """

    def __init__(self, n_layers=1):
        self.reset(n_layers)

    def reset(self, n_layers):
        self.costs = GrowingArray()
        self.epoch_ends = GrowingArray(dtype=np.float32)
        self.test_updates = GrowingArray()
        self.test_costs = GrowingArray()
        self.train_eval_costs = GrowingArray()
        self.grad_updates = GrowingArray()
        self.grad_norms = [GrowingArray() for _ in range(n_layers)]
        self.last_update = 0

    def add(self, snapshot):
        """Take in a Snapshot. Returns False (and keeps nothing) for an old one."""
        if snapshot.update < self.last_update:
            return False
        k = len(snapshot.new_costs)
        first = snapshot.update - k + 1
        if k and first == len(self.costs) + 1:
            self.costs.extend(snapshot.new_costs)
        self.epoch_ends.extend(snapshot.new_epoch_ends)
        if snapshot.update != self.last_update or len(self.test_updates) == 0:
            m = snapshot.metrics
            self.test_updates.append(snapshot.update)
            self.test_costs.append(m.test_cost)
            self.train_eval_costs.append(m.train_cost)
            self.grad_updates.append(snapshot.update)
            for series, value in zip(self.grad_norms, m.dW_norms):
                series.append(value)
        self.last_update = snapshot.update
        return True

    def cost_curve(self):
        """(x, y) read-only views: update numbers 1..n and their costs."""
        y = self.costs.view()
        x = np.arange(1, len(y) + 1, dtype=np.float64)
        return x, y
