"""The trainer as it stood at the start of each of the last few updates, for stepping back.

Stepping back one phase goes to the start of the update and runs the phases before it
again: the trainer is deterministic, so the same functions on the same numbers give the
same numbers, bit for bit. What has to be kept is therefore only what an update starts
from: the parameters, the counters and how the epoch's batch order was drawn.
"""
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

KEEP_UPDATES = 100            # how many updates back one can go, at most
MEMORY_BUDGET = 64 * 2 ** 20  # bytes of parameter copies; big models keep fewer


class EpochRecipe(NamedTuple):
    """How an epoch's batch order was made: the batch length and the random generator's
    state before the shuffle. Drawing again from that state gives the same order, so a
    kept start holds this, not the order (nor a copy of the data in that order)."""

    size: int
    rng_before: dict


@dataclass(frozen=True)
class Epoch:
    """One epoch's batch order: order[j] is the training example in column j of the
    epoch's rows (None: the examples in order); starts: the first column of each batch."""

    recipe: EpochRecipe
    order: np.ndarray | None
    starts: range

    @property
    def size(self):
        """The batch length."""
        return self.recipe.size


class Start(NamedTuple):
    """What the trainer needs to begin update `update + 1` again (update_count == update)."""

    update: int
    epoch_count: int
    batch_index: int
    batch_size: int
    epoch: EpochRecipe


class UpdateStarts:
    """A ring of the last `capacity` update starts and their parameters.

    save() costs one copy of the parameters; for a model of p parameters the ring keeps
    min(KEEP_UPDATES, MEMORY_BUDGET / 8p) of them, at least two."""

    def __init__(self, parameter_count):
        self.capacity = int(min(KEEP_UPDATES + 1,
                                max(2, MEMORY_BUDGET // (8 * max(parameter_count, 1)))))
        self._theta = np.empty((self.capacity, parameter_count))
        self._starts = [None] * self.capacity
        self._newest = -1   # the update number of the newest start kept

    def save(self, theta, *start):
        """Keep a copy of the parameters theta and the Start made of `start` (its fields,
        in order); later starts are forgotten. Called after every update: it keeps the
        fields as a plain tuple, which is made faster than a Start."""
        update = start[0]
        slot = update % self.capacity
        np.copyto(self._theta[slot], theta)
        self._starts[slot] = start
        self._newest = update

    def oldest(self):
        """The earliest update number whose start is kept, or None if none is."""
        if self._newest < 0:
            return None
        oldest = self._newest
        while self._newest - oldest + 1 < self.capacity and self._kept(oldest - 1):
            oldest -= 1
        return oldest

    def restore(self, update, theta):
        """Write the parameters at the start of `update` into theta and return its Start;
        the starts after it are forgotten (the run will go on from here)."""
        if not (self._kept(update) and update <= self._newest):
            raise IndexError(f"the start of update {update + 1} is no longer kept")
        slot = update % self.capacity
        np.copyto(theta, self._theta[slot])
        self._newest = update
        return Start(*self._starts[slot])

    def _kept(self, update):
        start = self._starts[update % self.capacity]
        return update >= 0 and start is not None and start[0] == update
