"""A run's values in memory that stays bounded however long the run.

The newest values are kept exactly. Older ones are folded, oldest first, into blocks of
`width` consecutive values that keep only their lowest and highest value and their mean:
all that a curve of the whole run needs, since a plot has a few thousand pixel columns
at most. When the blocks fill their arrays, neighbours merge in pairs and the width
doubles, so a run of 10^9 values takes the memory of one of 10^5.
"""
import math

import numpy as np

RECENT = 1 << 15       # at least this many of the newest values are kept exactly
MAX_BLOCKS = 1 << 12   # folded blocks at most; then pairs merge and the width doubles


class FoldedHistory:
    """Values y_1, y_2, ... appended in order, each at an x: x_i = i (for costs, the
    update number) unless sampled=True, when each value comes with its own increasing x.

    Values with index exact_start (0-based) and later are kept exactly: at least the
    newest `recent`, and every value from a hold on (hold_from), however many. Those
    before are folded: block j covers the values with index j*width to (j+1)*width - 1
    and keeps the lowest and highest finite value among them, their sum and how many
    were finite; values folded after the last whole block wait in a partial block.
    Non-finite values are kept as they are while exact and left out of blocks, low and
    high. Memory: O(recent + max_blocks) floats, whatever the length of the run.

    append costs about what writing one array element does; folding happens once per
    recent/2 appends, in NumPy, so the cost per value stays a few nanoseconds.
    """

    def __init__(self, sampled=False, recent=RECENT, max_blocks=MAX_BLOCKS):
        if recent < 1 or max_blocks < 2 or max_blocks % 2:
            raise ValueError(f"recent must be at least 1 and max_blocks even and at least "
                             f"2, got recent={recent}, max_blocks={max_blocks}")
        self.sampled = bool(sampled)
        self._recent = int(recent)
        self._slack = max(self._recent // 2, 1)   # values folded at a time
        self._base_capacity = self._recent + self._slack
        self._capacity = self._base_capacity
        self._y = np.empty(self._capacity)
        self._x = np.empty(self._capacity) if self.sampled else None
        self._filled = 0            # exact values, in _y[:_filled]
        self.exact_start = 0        # the index of the value in _y[0]
        self._hold = None           # values from this index on are never folded
        # Slots 0 .. _blocks - 1 are whole blocks; slot _blocks is the partial block,
        # which holds _partial values.
        self._max_blocks = int(max_blocks)
        slots = self._max_blocks + 1
        self._lo = np.empty(slots)
        self._hi = np.empty(slots)
        self._sum = np.empty(slots)
        self._finite = np.empty(slots, dtype=np.int64)
        self._x0 = np.empty(slots) if self.sampled else None
        self._x1 = np.empty(slots) if self.sampled else None
        self._blocks = 0
        self._partial = 0
        self.width = 1
        # The extremes of every finite value, brought up to date when asked.
        self._low = math.inf
        self._high = -math.inf
        self._scanned = 0           # values before this index have been looked at

    def __len__(self):
        return self.exact_start + self._filled

    @property
    def nbytes(self):
        """Bytes held by the arrays: O(recent + max_blocks), whatever the length."""
        arrays = (self._y, self._x, self._lo, self._hi, self._sum, self._finite,
                  self._x0, self._x1)
        return sum(a.nbytes for a in arrays if a is not None)

    # --- adding and taking back ------------------------------------------------------

    def append(self, y):
        """Add the next value (x = its number, counting from 1). O(1)."""
        if self._x is not None:
            raise TypeError("a sampled history needs an x for every value: use append_at")
        if self._filled == self._capacity:
            self._make_room()
        self._y[self._filled] = y
        self._filled += 1

    def extend(self, y):
        """Add values in order; the same as appending them one by one."""
        if self.sampled:
            raise TypeError("a sampled history needs an x for every value: use extend_at")
        self._extend(None, y)

    def append_at(self, x, y):
        """Add the next value of a sampled history, at x (larger than every x before)."""
        if self._x is None:
            raise TypeError("this history numbers its values itself: use append")
        if self._filled == self._capacity:
            self._make_room()
        self._x[self._filled] = x
        self._y[self._filled] = y
        self._filled += 1

    def extend_at(self, x, y):
        """Add values of a sampled history at increasing x."""
        if not self.sampled:
            raise TypeError("this history numbers its values itself: use extend")
        self._extend(x, y)

    def pop(self):
        """Take back the newest value and return it (it must still be exact)."""
        if self._filled == 0:
            raise IndexError("no exact value to take back" if len(self) else
                             "pop from an empty history")
        self._filled -= 1
        value = float(self._y[self._filled])
        n = len(self)
        if self._hold is not None and self._hold > n:
            self._hold = n
        self._scanned = min(self._scanned, n)
        if value <= self._low or value >= self._high:  # false for nan
            self._rescan_extremes()
        return value

    def hold_from(self, index):
        """Keep every value from `index` (0-based) on exact until the hold moves on, so
        that a reader who has taken the values before it misses none; None lets go."""
        if index is not None and index < self.exact_start:
            raise ValueError(f"values before index {self.exact_start} are already folded; "
                             f"cannot hold from {index}")
        self._hold = index
        if self._capacity > self._base_capacity and self._filled > self._recent:
            self._make_room()   # give back the memory the hold took

    # --- reading --------------------------------------------------------------------

    def since(self, start):
        """The values from index `start` (0-based) on, as a read-only view that the next
        append may change: copy it to keep it. They must not have been folded yet."""
        if start < self.exact_start:
            raise ValueError(f"the values before index {self.exact_start} have been folded "
                             f"into blocks; asked for those from {start}")
        view = self._y[start - self.exact_start:self._filled]
        view.flags.writeable = False
        return view

    def exact_values(self):
        """The values kept exactly (index exact_start on), read-only; see since()."""
        return self.since(self.exact_start)

    def exact_x(self, start=0, stop=None):
        """The x of the exact values exact_values()[start:stop], float64, read-only."""
        start, stop, _ = slice(start, stop).indices(self._filled)
        if self.sampled:
            x = self._x[start:stop]
        else:
            x = np.arange(self.exact_start + 1 + start, self.exact_start + 1 + max(stop, start),
                          dtype=np.float64)
        x.flags.writeable = False
        return x

    def exact_x_at(self, indices):
        """The x of the exact values with these indices (into exact_values()), float64."""
        if self.sampled:
            return self._x[indices]
        return np.asarray(indices, dtype=np.float64) + (self.exact_start + 1)

    def exact_index(self, x, side="left"):
        """Where x falls among the exact values' x, as numpy.searchsorted(exact_x(), x,
        side) would say, without making exact_x() when the values are numbered."""
        if self.sampled:
            return np.searchsorted(self._x[:self._filled], x, side=side)
        offset = np.asarray(x, dtype=np.float64) - (self.exact_start + 1)
        index = np.ceil(offset) if side == "left" else np.floor(offset) + 1
        return np.clip(index, 0, self._filled).astype(np.int64)

    def blocks(self):
        """(x_first, x_last, lowest, highest, finite_count) of each folded block, oldest
        first, the partial block last (when it holds values); copies. A block with no
        finite value has lowest = inf and highest = -inf."""
        n = self._blocks + (1 if self._partial else 0)
        if self.sampled:
            x_first, x_last = self._x0[:n].copy(), self._x1[:n].copy()
        else:
            x_first = np.arange(n, dtype=np.float64) * self.width + 1
            x_last = np.minimum(x_first + (self.width - 1), self.exact_start)
        return (x_first, x_last, self._lo[:n].copy(), self._hi[:n].copy(),
                self._finite[:n].copy())

    def value_at(self, indices):
        """The value with each index (0-based): exact where kept, else the mean of the
        finite values of its block (nan if it has none)."""
        indices = np.asarray(indices, dtype=np.int64)
        if indices.size and (indices.min() < 0 or indices.max() >= len(self)):
            raise IndexError(f"index out of range 0 .. {len(self) - 1}")
        out = np.empty(indices.shape)
        exact = indices >= self.exact_start
        out[exact] = self._y[indices[exact] - self.exact_start]
        block = indices[~exact] // self.width
        count = self._finite[block]
        with np.errstate(invalid="ignore", divide="ignore"):
            out[~exact] = np.where(count > 0, self._sum[block] / count, np.nan)
        return out

    def last_x(self):
        """The x of the newest value (0 when there is none)."""
        if self._filled:
            return float(self._x[self._filled - 1]) if self.sampled else float(len(self))
        return 0.0

    @property
    def low(self):
        """The smallest finite value ever added (and not taken back); inf if none."""
        self._scan()
        return self._low

    @property
    def high(self):
        """The largest finite value ever added (and not taken back); -inf if none."""
        self._scan()
        return self._high

    # --- folding ---------------------------------------------------------------------

    def _extend(self, x, y):
        y = np.asarray(y, dtype=np.float64).ravel()
        if x is not None:
            x = np.asarray(x, dtype=np.float64).ravel()
            if len(x) != len(y):
                raise ValueError(f"{len(x)} x values for {len(y)} values")
        done, n = 0, len(y)
        while done < n:
            # Room is made exactly when append would make it, so that a history filled
            # in chunks is the same, bit for bit, as one filled value by value.
            if self._filled == self._capacity:
                self._make_room()
            k = min(self._capacity - self._filled, n - done)
            self._y[self._filled:self._filled + k] = y[done:done + k]
            if x is not None:
                self._x[self._filled:self._filled + k] = x[done:done + k]
            self._filled += k
            done += k

    def _make_room(self):
        """Fold the oldest exact values beyond the newest `recent` (and before any hold)
        into blocks; if a hold keeps them, grow the buffer instead."""
        foldable = self._filled - self._recent
        if self._hold is not None:
            foldable = min(foldable, self._hold - self.exact_start)
        foldable = max(foldable, 0)
        if foldable:
            self._fold(foldable)
        keep = self._filled - foldable
        capacity = self._base_capacity
        while capacity < keep + self._slack:
            capacity *= 2
        if capacity != self._capacity:
            self._y = self._moved(self._y, foldable, keep, capacity)
            if self.sampled:
                self._x = self._moved(self._x, foldable, keep, capacity)
            self._capacity = capacity
        else:
            self._y[:keep] = self._y[foldable:self._filled]
            if self.sampled:
                self._x[:keep] = self._x[foldable:self._filled]
        self.exact_start += foldable
        self._filled = keep

    @staticmethod
    def _moved(array, start, count, capacity):
        bigger = np.empty(capacity, dtype=array.dtype)
        bigger[:count] = array[start:start + count]
        return bigger

    def _fold(self, k):
        """Fold the k oldest exact values, in order, into the blocks."""
        y = self._y[:k]
        x = self._x[:k] if self.sampled else None
        done = 0
        while done < k:
            w, b = self.width, self._blocks
            if self._partial == 0 and k - done >= w:
                n = min((k - done) // w, self._max_blocks - b)
                part = slice(done, done + n * w)
                self._set_blocks(b, y[part].reshape(n, w),
                                 None if x is None else x[part].reshape(n, w))
                self._blocks += n
                done += n * w
            else:
                take = min(w - self._partial, k - done)
                part = slice(done, done + take)
                self._add_to_partial(y[part], None if x is None else x[part])
                self._partial += take
                done += take
                if self._partial == w:
                    self._blocks += 1
                    self._partial = 0
            if self._blocks == self._max_blocks:
                self._merge_pairs()

    def _set_blocks(self, first, values, xs):
        """Whole blocks from the rows of values (n, width), into slots first, first+1, ..."""
        finite = np.isfinite(values)
        if finite.all():
            lo, hi, total = values.min(1), values.max(1), values.sum(1)
            count = values.shape[1]
        else:
            lo = np.where(finite, values, np.inf).min(1)
            hi = np.where(finite, values, -np.inf).max(1)
            total = np.where(finite, values, 0.0).sum(1)
            count = finite.sum(1)
        slots = slice(first, first + len(values))
        self._lo[slots], self._hi[slots], self._sum[slots] = lo, hi, total
        self._finite[slots] = count
        if xs is not None:
            self._x0[slots], self._x1[slots] = xs[:, 0], xs[:, -1]
        self._low = min(self._low, float(lo.min()))
        self._high = max(self._high, float(hi.max()))

    def _add_to_partial(self, values, xs):
        slot = self._blocks
        if self._partial == 0:
            self._lo[slot], self._hi[slot] = np.inf, -np.inf
            self._sum[slot], self._finite[slot] = 0.0, 0
            if xs is not None:
                self._x0[slot] = xs[0]
        finite = values[np.isfinite(values)]
        if len(finite):
            lo, hi = float(finite.min()), float(finite.max())
            self._lo[slot] = min(self._lo[slot], lo)
            self._hi[slot] = max(self._hi[slot], hi)
            self._sum[slot] += finite.sum()
            self._finite[slot] += len(finite)
            self._low, self._high = min(self._low, lo), max(self._high, hi)
        if xs is not None:
            self._x1[slot] = xs[-1]

    def _merge_pairs(self):
        """Every block is full: merge neighbours in pairs, and double the width."""
        b = self._blocks
        half = b // 2
        even, odd = slice(0, b, 2), slice(1, b, 2)
        self._lo[:half] = np.minimum(self._lo[even], self._lo[odd])
        self._hi[:half] = np.maximum(self._hi[even], self._hi[odd])
        self._sum[:half] = self._sum[even] + self._sum[odd]
        self._finite[:half] = self._finite[even] + self._finite[odd]
        if self.sampled:
            self._x0[:half] = self._x0[even].copy()
            self._x1[:half] = self._x1[odd].copy()
        self._blocks = half
        self.width *= 2

    # --- extremes -----------------------------------------------------------------------

    def _scan(self):
        """Fold the values added since the last look into low and high. Values folded in
        the meantime were counted when their blocks were made."""
        n = len(self)
        if self._scanned >= n:
            return
        start = max(self._scanned, self.exact_start) - self.exact_start
        self._include(self._y[start:self._filled])
        self._scanned = n

    def _include(self, values):
        finite = np.isfinite(values)
        if not finite.all():
            values = values[finite]
        if len(values):
            self._low = min(self._low, float(values.min()))
            self._high = max(self._high, float(values.max()))

    def _rescan_extremes(self):
        """After the smallest or largest value was taken back: look at everything kept."""
        n = self._blocks + (1 if self._partial else 0)
        has_values = self._finite[:n] > 0
        self._low = float(self._lo[:n][has_values].min()) if has_values.any() else math.inf
        self._high = float(self._hi[:n][has_values].max()) if has_values.any() else -math.inf
        self._include(self._y[:self._filled])
        self._scanned = len(self)
