"""The line that draws a FoldedHistory, in time independent of the run's length.

A curve of a million updates on a plot 400 pixels wide can show at most the highest and
the lowest value in each pixel column ("peak" downsampling, which keeps every spike).
The newest values of a FoldedHistory (engine/folded_history.py) are exact points; older
ones are blocks that know only their lowest and highest value. Both are reduced to one
(highest, lowest) pair per column with a few NumPy calls over what is kept (bounded),
and Qt is handed at most a few vertices per column.
"""
import math

import numpy as np


def curve_points(history, x_low, x_high, columns):
    """(x, y) float64 vertices of one line showing `history` for x_low <= x <= x_high on
    `columns` pixel columns, with the nearest value outside on either side so that the
    line reaches the edges.

    Exact values are drawn point for point while there are at most two per column, else
    as each column's highest and lowest (at the first x of the column's points), then
    the newest. Folded blocks are drawn as the highest and lowest of the blocks in each
    column they reach, so a block wider than a column fills a band from its lowest to
    its highest value. Only finite values are drawn, and every y drawn is one of the
    history's values (a block's lowest and highest are values it folded).
    """
    columns = max(int(columns), 1)
    x0, x1, lo, hi, finite = history.blocks()
    if not finite.all():
        x0, x1, lo, hi = (a[finite > 0] for a in (x0, x1, lo, hi))
    nb, ne = len(x0), len(history) - history.exact_start
    if nb + ne == 0:
        return np.empty(0), np.empty(0)
    x_low, x_high = _finite_range(x_low, x_high, history, x0)
    dx = (x_high - x_low) / columns if x_high > x_low else 1.0
    # Items are the blocks, then the exact values, in x order. Those in range are
    # [left, through); one more on either side reaches the edges.
    b_left, b_through = np.searchsorted(x1, x_low, "left"), np.searchsorted(x0, x_high, "right")
    left, through = int(b_left), int(b_through)
    if left == nb:
        left += int(history.exact_index(x_low, "left"))
    if through == nb:
        through += int(history.exact_index(x_high, "right"))
    xs, ys = [], []
    if left > 0:
        _add(xs, ys, _item(history, left - 1, nb, x0, x1, lo, hi, near_end=True))
    if left < min(through, nb):
        _add(xs, ys, _blocks_by_column(x0[left:through], x1[left:through],
                                       lo[left:through], hi[left:through], x_low, dx, columns))
    if through > nb:
        _add(xs, ys, _points(history, max(left - nb, 0), through - nb, x_low, dx, columns))
    if through < nb + ne:
        _add(xs, ys, _item(history, through, nb, x0, x1, lo, hi, near_end=False))
    if len(xs) == 1:
        return xs[0], ys[0]
    return np.concatenate(xs), np.concatenate(ys)


def _add(xs, ys, points):
    xs.append(points[0])
    ys.append(points[1])


def _finite_range(x_low, x_high, history, x0):
    """An infinite end of the range becomes the data's own end."""
    if math.isinf(x_low):
        first = x0[0] if len(x0) else history.exact_x(0, 1)[0]
        x_low = float(first) if x_low < 0 else math.inf
    if math.isinf(x_high):
        x_high = history.last_x() if x_high > 0 else -math.inf
    return float(x_low), float(x_high)


def _item(history, i, nb, x0, x1, lo, hi, near_end):
    """One item outside the range, drawn on its side nearest the range: a block as its
    highest and lowest at that end, an exact value as itself (if finite)."""
    if i < nb:
        x = x1[i] if near_end else x0[i]
        return np.array([x, x]), np.array([hi[i], lo[i]])
    j = i - nb
    x, y = history.exact_x(j, j + 1), history.exact_values()[j:j + 1]
    keep = np.isfinite(y)
    return x[keep].astype(np.float64), y[keep].astype(np.float64)


def _blocks_by_column(x0, x1, lo, hi, x_low, dx, columns):
    """Blocks (sorted, not overlapping, all reaching into the range) reduced to each
    column's highest and lowest; a column inside a wide block takes that block's."""
    first_col = np.clip(np.floor((x0 - x_low) / dx), 0, columns - 1).astype(np.int64)
    last_col = np.clip(np.floor((x1 - x_low) / dx), 0, columns - 1).astype(np.int64)
    # The blocks that start in each column...
    group = np.concatenate(([0], np.flatnonzero(np.diff(first_col)) + 1))
    cols = np.arange(first_col[0], last_col[-1] + 1)
    col_lo = np.full(len(cols), np.inf)
    col_hi = np.full(len(cols), -np.inf)
    at = x_low + cols * dx
    started = first_col[group] - cols[0]
    col_lo[started] = np.minimum.reduceat(lo, group)
    col_hi[started] = np.maximum.reduceat(hi, group)
    at[started] = np.maximum(x0[group], x_low)
    # ...and the one that started in an earlier column and reaches into this one.
    before = np.searchsorted(first_col, cols, "left") - 1
    carried = (before >= 0) & (last_col[np.maximum(before, 0)] >= cols)
    carry = before[carried]
    col_lo[carried] = np.minimum(col_lo[carried], lo[carry])
    col_hi[carried] = np.maximum(col_hi[carried], hi[carry])
    at[carried] = np.maximum(x_low + cols[carried] * dx, x0[carry])
    return _pairs(at, col_lo, col_hi)


def _points(history, start, stop, x_low, dx, columns):
    """The exact values start..stop-1: themselves while few, else per column."""
    y = history.exact_values()[start:stop]
    if stop - start <= 2 * columns:
        x = history.exact_x(start, stop)
        keep = np.isfinite(y)
        return x[keep].astype(np.float64), y[keep].astype(np.float64)
    # Where each column's values start (the edges are sorted: keep the first of equals).
    edges = history.exact_index(x_low + dx * np.arange(1, columns), "left")
    edges = edges[(edges > start) & (edges < stop)]
    edges = edges[np.diff(edges, prepend=start) > 0]
    starts = np.concatenate(([start], edges))
    with np.errstate(invalid="ignore"):
        if not np.isfinite(y).all():
            y = np.where(np.isfinite(y), y, np.nan)   # fmin and fmax pass nan by
        col_lo = np.fmin.reduceat(y, starts - start)
        col_hi = np.fmax.reduceat(y, starts - start)
    x, y_out = _pairs(history.exact_x_at(starts), col_lo, col_hi)
    # The curve ends where these values end, at the newest one's value.
    if np.isfinite(y[-1]):
        x = np.append(x, history.exact_x_at([stop - 1]))
        y_out = np.append(y_out, y[-1])
    return x, y_out


def _pairs(at, col_lo, col_hi):
    """Vertices (x, highest), (x, lowest) of each column that has a finite value."""
    keep = np.isfinite(col_lo) & np.isfinite(col_hi)
    at, col_lo, col_hi = at[keep], col_lo[keep], col_hi[keep]
    out_x = np.repeat(at, 2).astype(np.float64)
    out_y = np.empty(2 * len(at))
    out_y[0::2], out_y[1::2] = col_hi, col_lo
    return out_x, out_y
