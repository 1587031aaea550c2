"""The updates at which epochs ended, in memory that does not grow with the run.

An epoch takes the same number of updates as the one before it until the batch size
changes, so the ends are kept as runs: `count` epochs of `length` updates each. With full
batch every update ends an epoch, and a run of ten million of them is two integers.
"""
import numpy as np


class EpochEnds:
    """Epoch ends (update numbers, increasing), as runs of epochs of equal length.

    Run r holds counts[r] epochs of lengths[r] updates each, the first of them starting
    where the run before ended (or at update 0). A new run starts only when an epoch's
    length differs from the one before, that is when the batch size changes.
    """

    def __init__(self):
        self._lengths = []
        self._counts = []
        self._last = 0      # the newest end; 0 before the first
        self._total = 0

    def __len__(self):
        return self._total

    def last(self):
        """The update at which the newest epoch ended, 0 when none has."""
        return self._last

    def append(self, update):
        """An epoch ended at `update` (after the newest end). O(1)."""
        length = update - self._last
        if self._lengths and length == self._lengths[-1]:
            self._counts[-1] += 1
        elif length > 0:
            self._lengths.append(length)
            self._counts.append(1)
        else:
            raise ValueError(f"an epoch cannot end at update {update}: the last one "
                             f"ended at {self._last}")
        self._last = update
        self._total += 1

    def extend(self, updates):
        """Epochs ended at these updates, in order. Ends not after the newest one are
        left out: they are already here (sent again after an update was undone)."""
        updates = np.asarray(updates, dtype=np.int64).ravel()
        updates = updates[np.searchsorted(updates, self._last, side="right"):]
        if len(updates) == 0:
            return
        lengths = np.diff(updates, prepend=self._last)
        starts = np.concatenate(([0], np.flatnonzero(lengths[1:] != lengths[:-1]) + 1))
        counts = np.diff(np.append(starts, len(updates)))
        for length, count in zip(lengths[starts].tolist(), counts.tolist()):
            if self._lengths and length == self._lengths[-1]:
                self._counts[-1] += count
            else:
                self._lengths.append(length)
                self._counts.append(count)
        self._last = int(updates[-1])
        self._total += len(updates)

    def pop(self):
        """Take back the newest end (its update was undone); returns it."""
        if not self._total:
            raise IndexError("pop from empty EpochEnds")
        ended = self._last
        self._last -= self._lengths[-1]
        self._counts[-1] -= 1
        if self._counts[-1] == 0:
            self._lengths.pop()
            self._counts.pop()
        self._total -= 1
        return ended

    def count(self, longer_than=0):
        """How many epochs took more than `longer_than` updates."""
        lengths, counts = np.array(self._lengths), np.array(self._counts, dtype=np.int64)
        return int(counts[lengths > longer_than].sum()) if len(counts) else 0

    def at(self, indices, longer_than=0):
        """The update at which each epoch ended, by its 0-based index among the epochs
        that took more than `longer_than` updates (int64 array)."""
        indices = np.asarray(indices, dtype=np.int64)
        lengths = np.array(self._lengths, dtype=np.int64)
        counts = np.array(self._counts, dtype=np.int64)
        run_starts = np.cumsum(lengths * counts) - lengths * counts
        chosen = lengths > longer_than
        lengths, counts, run_starts = lengths[chosen], counts[chosen], run_starts[chosen]
        ends_through = np.cumsum(counts)
        if len(indices) and (indices.min() < 0 or indices.max() >= (
                ends_through[-1] if len(ends_through) else 0)):
            raise IndexError(f"epoch index out of range 0 .. {self.count(longer_than) - 1}")
        run = np.searchsorted(ends_through, indices, side="right")
        within = indices - (ends_through[run] - counts[run])
        return run_starts[run] + (within + 1) * lengths[run]

    def since(self, first):
        """The ends from the one with index `first` (0-based) on, as an int64 array."""
        return self.at(np.arange(first, self._total))
