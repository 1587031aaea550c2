"""The curves of the same-start comparisons, built up on the GUI thread from the
ForkReports the snapshots carry (engine/run_group.py), bounded as the main run's are."""
from engine.folded_history import FoldedHistory


class ForkHistory:
    """One fork: J of every update it made, ||dW[l]||_F sampled per snapshot, and its
    newest ForkSnapshot (label, update, test cost, why it stopped)."""

    def __init__(self, n_layers):
        self.costs = FoldedHistory()
        self.grad_norms = [FoldedHistory(sampled=True) for _ in range(n_layers)]
        self.latest = None

    @property
    def label(self):
        return self.latest.label

    @property
    def stopped(self):
        return self.latest.stopped

    def add(self, fork):
        """Take in a ForkSnapshot: its costs replace any of the same updates (the main
        run stepped back) and extend the rest."""
        keep = fork.first_update - 1
        while len(self.costs) > keep:
            self.costs.pop()
        if len(self.costs) == keep:
            self.costs.extend(fork.new_costs)
        for series, norm in zip(self.grad_norms, fork.dW_norms):
            while len(series) and series.last_x() > fork.update:
                series.pop()
            if not len(series) or series.last_x() < fork.update:
                series.append_at(fork.update, norm)
        self.latest = fork


class ForkHistories:
    """Every fork there is now, in the order they were made. `changes` counts the reports
    that changed anything, so a view can tell whether it has drawn the newest."""

    def __init__(self):
        self.runs = ()
        self.changes = 0
        self._by_key = {}

    def __len__(self):
        return len(self.runs)

    def __iter__(self):
        return iter(self.runs)

    def add(self, report):
        """Take in a snapshot's ForkReport (None: there are no forks)."""
        forks = report.forks if report is not None else ()
        if not forks and not self.runs:
            return
        by_key = {}
        for fork in forks:
            run = self._by_key.get(fork.key) or ForkHistory(len(fork.dW_norms))
            run.add(fork)
            by_key[fork.key] = run
        self._by_key = by_key
        self.runs = tuple(by_key.values())
        self.changes += 1
