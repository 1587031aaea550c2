"""A float array that grows by doubling, so appending a value costs O(1) on average."""
import numpy as np


class GrowingArray:
    """Append-only 1-D array (float64 unless told); `view()` is a read-only window on
    what is filled, and indexing or slicing reads from that window."""

    def __init__(self, capacity=1024, dtype=np.float64):
        self._data = np.empty(max(1, int(capacity)), dtype=dtype)
        self._size = 0

    def __len__(self):
        return self._size

    def __getitem__(self, index):
        return self.view()[index]

    def append(self, value):
        if self._size == len(self._data):
            self._grow(self._size + 1)
        self._data[self._size] = value
        self._size += 1

    def extend(self, values):
        values = np.asarray(values, dtype=self._data.dtype).ravel()
        end = self._size + len(values)
        if end > len(self._data):
            self._grow(end)
        self._data[self._size:end] = values
        self._size = end

    def pop(self):
        """Remove the last value and return it."""
        if not self._size:
            raise IndexError("pop from an empty GrowingArray")
        self._size -= 1
        return self._data[self._size]

    def clear(self):
        self._size = 0

    def view(self):
        """The filled part, read-only. It shares memory: copy it before sending it away."""
        v = self._data[:self._size]
        v.flags.writeable = False
        return v

    def _grow(self, needed):
        capacity = len(self._data)
        while capacity < needed:
            capacity *= 2
        bigger = np.empty(capacity, dtype=self._data.dtype)
        bigger[:self._size] = self._data[:self._size]
        self._data = bigger
