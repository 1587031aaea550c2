"""How far a long command of the worker (step epoch, run N updates) has got."""
from dataclasses import dataclass

STEP_EPOCH = "epoch"
RUN_UPDATES = "run"
LABELS = {STEP_EPOCH: "step epoch", RUN_UPDATES: "run"}


@dataclass(frozen=True)
class CommandProgress:
    """Sent by the worker when a long command starts, as it goes and when it ends.

    ticket: the number the worker's command method returned, so the window knows which
    of the commands it asked for this is. kind: STEP_EPOCH or RUN_UPDATES.
    done, total: updates run so far and updates the command set out to run.
    finished: the command has ended, complete or stopped.
    """

    ticket: int
    kind: str
    done: int
    total: int
    finished: bool = False

    @property
    def percent(self):
        """Whole percent done, 0 to 100 (100 for a command with nothing to do)."""
        if self.total <= 0:
            return 100
        return min(100, 100 * self.done // self.total)

    def describe(self):
        """'step epoch 37% (4,012 of 11,250 updates)' or 'run 24% (1,200 of 5,000 updates)'."""
        return f"{LABELS[self.kind]} {self.percent}% ({self.done:,} of {self.total:,} updates)"
