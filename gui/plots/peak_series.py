"""A growing curve that draws in time independent of its length.

A curve of a million updates on a plot 400 pixels wide shows at most two values per
pixel column: the highest and the lowest there ("peak" downsampling, which keeps every
spike visible). Computing them afresh on every frame costs time in proportion to the
number of points; PeakSeries keeps the minima and maxima of blocks of 8, 16, 32, ...
points up to date as points arrive, so drawing any x range takes time in proportion to
the number of pixel columns only.
"""
import math

import numpy as np

from engine.history import GrowingArray

BASE_BLOCK = 8   # points in a block of the finest level


class PeakSeries:
    """Points (x, y) appended in increasing x; non-finite y are dropped.

    data() gives every point; drawn(x_low, x_high, columns) gives what a curve needs to
    show the points in [x_low, x_high] on `columns` pixel columns: the points themselves
    while there are at most two per column, else each block's highest and lowest value
    (at the block's first x), never more than two per column. Every value drawn is one
    of the points, and the highest and lowest point in the range are among them.
    low and high are the smallest and largest y ever added.
    """

    def __init__(self, x_dtype=np.float64, y_dtype=np.float32, capacity=1024):
        self._x = GrowingArray(capacity, x_dtype)
        self._y = GrowingArray(capacity, y_dtype)
        # Level k: the min and max of each complete block of BASE_BLOCK * 2**k points.
        self._mins = []
        self._maxs = []
        self.low = math.inf
        self.high = -math.inf

    def __len__(self):
        return len(self._y)

    def extend(self, x, y):
        """Append points; x must continue increasing. Non-finite y are left out."""
        x, y = np.asarray(x), np.asarray(y)
        keep = np.isfinite(y)
        if not keep.all():
            x, y = x[keep], y[keep]
        if len(y) == 0:
            return
        self._x.extend(x)
        self._y.extend(y)
        self.low = min(self.low, float(y.min()))
        self.high = max(self.high, float(y.max()))
        self._update_levels()

    def data(self):
        """(x, y): read-only views of every point kept."""
        return self._x.view(), self._y.view()

    def last_x(self):
        return self._x.view()[-1].item() if len(self) else 0

    def drawn(self, x_low, x_high, columns):
        """(x, y) float64 arrays to draw the points with x_low <= x <= x_high as one line,
        with the nearest point outside on either side, so that the line reaches the edges."""
        x, y = self._x.view(), self._y.view()
        i0 = max(self._index(x_low, "left") - 1, 0)
        i1 = min(self._index(x_high, "right") + 1, len(x))
        count = i1 - i0
        columns = max(int(columns), 1)
        if count <= 2 * columns:
            return x[i0:i1].astype(np.float64), y[i0:i1].astype(np.float64)
        per_column = count / columns
        # The finest level whose blocks hold at least per_column points: at most one
        # block (two values) per column.
        wanted = math.ceil(math.log2(per_column / BASE_BLOCK)) if per_column > BASE_BLOCK else -1
        level = min(wanted, len(self._mins) - 1)
        if level >= 0 and i1 // (BASE_BLOCK << level) <= -(-i0 // (BASE_BLOCK << level)):
            level = -1   # the range lies within one block of that level
        if level < 0:
            # Blocks shorter than the finest level: reduce the points in range directly
            # (fewer than BASE_BLOCK per column, so this stays cheap).
            size = math.ceil(per_column)
            n = count // size
            blocks = y[i0:i0 + n * size].reshape(n, size)
            starts, lows, highs = x[i0:i0 + n * size:size], blocks.min(1), blocks.max(1)
            first, last = i0 + n * size, i1
            head = ()
        else:
            size = BASE_BLOCK << level
            b0, b1 = -(-i0 // size), i1 // size
            starts = x[b0 * size:b1 * size:size]
            lows, highs = self._mins[level].view()[b0:b1], self._maxs[level].view()[b0:b1]
            head = (i0, b0 * size)
            first, last = b1 * size, i1
        parts = []
        if head and head[1] > head[0]:
            parts.append(self._reduced(*head))
        parts.append((starts, lows, highs))
        if last > first:
            parts.append(self._reduced(first, last))
        starts = np.concatenate([p[0] for p in parts])
        lows = np.concatenate([p[1] for p in parts])
        highs = np.concatenate([p[2] for p in parts])
        out_x = np.empty(2 * len(starts) + 1)
        out_y = np.empty(2 * len(starts) + 1)
        out_x[0:-1:2] = out_x[1:-1:2] = starts
        out_y[0:-1:2], out_y[1:-1:2] = highs, lows
        # The curve ends where the data ends, at the newest point's value.
        out_x[-1], out_y[-1] = x[i1 - 1], y[i1 - 1]
        return out_x, out_y

    def _index(self, value, side):
        """searchsorted for one value, in the points' own dtype: a key of another type
        would make NumPy convert the whole array first."""
        x = self._x.view()
        if math.isinf(value):
            return 0 if value < 0 else len(x)
        if x.dtype.kind in "iu":
            info = np.iinfo(x.dtype)
            value = math.ceil(value) if side == "left" else math.floor(value)
            value = min(max(value, info.min), info.max)
        return int(x.searchsorted(x.dtype.type(value), side=side))

    def _reduced(self, start, stop):
        """One block of the points start..stop-1: ([first x], [min], [max])."""
        y = self._y.view()[start:stop]
        return self._x.view()[start:start + 1], y[[y.argmin()]], y[[y.argmax()]]

    def _update_levels(self):
        """Fold the complete blocks of new points into every level, adding levels as
        they fill: level 0 from the points, level k from pairs of level k - 1's blocks."""
        y = self._y.view()
        k = 0
        while True:
            complete = len(y) // BASE_BLOCK if k == 0 else len(self._mins[k - 1]) // 2
            if k == len(self._mins):
                if complete < 2:
                    return  # a level starts once it would hold two blocks
                self._mins.append(GrowingArray(64, y.dtype))
                self._maxs.append(GrowingArray(64, y.dtype))
            mins, maxs = self._mins[k], self._maxs[k]
            done = len(mins)
            if complete > done:
                if k == 0:
                    blocks = y[done * BASE_BLOCK:complete * BASE_BLOCK].reshape(-1, BASE_BLOCK)
                    mins.extend(blocks.min(1))
                    maxs.extend(blocks.max(1))
                else:
                    low, high = self._mins[k - 1].view(), self._maxs[k - 1].view()
                    pairs = slice(2 * done, 2 * complete, 2)
                    odd = slice(2 * done + 1, 2 * complete, 2)
                    mins.extend(np.minimum(low[pairs], low[odd]))
                    maxs.extend(np.maximum(high[pairs], high[odd]))
            k += 1
