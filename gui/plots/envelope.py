"""The line that draws a FoldedHistory, in time independent of the run's length.

A curve of a million updates on a plot 400 pixels wide can show at most the highest and
the lowest value in each pixel column ("peak" downsampling, which keeps every spike).
The newest values of a FoldedHistory (engine/folded_history.py) are exact points; older
ones are blocks that know only their lowest and highest value. Both are reduced to at
most one (highest, lowest) pair per column, so drawing takes time in proportion to what
is kept (bounded) and hands Qt at most a few vertices per column.
"""
import math

import numpy as np


def curve_points(history, x_low, x_high, columns):
    """(x, y) float64 vertices of one line showing `history` for x_low <= x <= x_high on
    `columns` pixel columns, with the nearest value outside on either side so that the
    line reaches the edges.

    Exact values are drawn point for point while there are at most two per column, else
    as each column's highest and lowest (at the first x of the column's points). Folded
    blocks are drawn as the highest and lowest of the blocks in each column they reach,
    so a block wider than a column fills a band from its lowest to its highest value.
    Only finite values are drawn; every y drawn is one of the history's values (a
    block's lowest and highest are values it folded); the line ends at the newest value.
    """
    columns = max(int(columns), 1)
    x0, x1, lo, hi, finite = history.blocks()
    if not finite.all():
        x0, x1, lo, hi = x0[finite > 0], x1[finite > 0], lo[finite > 0], hi[finite > 0]
    ex, ey = history.exact_x(), history.exact_values()
    keep = np.isfinite(ey)
    if not keep.all():
        ex, ey = ex[keep], ey[keep]
    nb, ne = len(x0), len(ex)
    if nb + ne == 0:
        return np.empty(0), np.empty(0)
    x_low, x_high = _finite_range(x_low, x_high, x0, ex)
    # Blocks come before the exact points; "items" are both, in that order. Those in
    # range, plus one on either side.
    left = int(np.searchsorted(x1, x_low, side="left"))
    if left == nb:
        left += int(np.searchsorted(ex, x_low, side="left"))
    through = int(np.searchsorted(x0, x_high, side="right"))
    if through == nb:
        through += int(np.searchsorted(ex, x_high, side="right"))
    first, stop = max(left - 1, 0), min(through + 1, nb + ne)
    dx = (x_high - x_low) / columns if x_high > x_low else 1.0
    parts = []
    if first < nb:
        b = slice(first, min(stop, nb))
        parts.append(_blocks_by_column(x0[b], x1[b], lo[b], hi[b], x_low, dx, columns))
    if stop > nb:
        e = slice(max(first - nb, 0), stop - nb)
        parts.append(_points(ex[e], ey[e], x_low, dx, columns))
    if len(parts) == 1:
        return parts[0]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _finite_range(x_low, x_high, x0, ex):
    """An infinite end of the range becomes the data's own end."""
    if math.isinf(x_low):
        x_low = float(x0[0] if len(x0) else ex[0]) if x_low < 0 else math.inf
    if math.isinf(x_high):
        x_high = float(ex[-1] if len(ex) else x0[-1]) if x_high > 0 else -math.inf
    return float(x_low), float(x_high)


def _column(x, x_low, dx, columns):
    """The pixel column of each x: 0 .. columns - 1 in range, -1 left of it, columns right."""
    return np.clip(np.floor((x - x_low) / dx), -1, columns).astype(np.int64)


def _blocks_by_column(x0, x1, lo, hi, x_low, dx, columns):
    first_col, last_col = _column(x0, x_low, dx, columns), _column(x1, x_low, dx, columns)
    span = last_col - first_col + 1
    block = np.repeat(np.arange(len(x0)), span)
    # Each block's columns, one entry per (block, column) pair, in order.
    offset = np.arange(len(block)) - np.repeat(np.cumsum(span) - span, span)
    col = first_col[block] + offset
    # A column is drawn at the first x the blocks in it reach.
    at = np.minimum(np.maximum(x_low + col * dx, x0[block]), x1[block])
    return _pairs(col, at, lo[block], hi[block])


def _points(x, y, x_low, dx, columns):
    if len(x) <= 2 * columns:
        return x.astype(np.float64), y.astype(np.float64)
    out_x, out_y = _pairs(_column(x, x_low, dx, columns), x, y, y)
    # The curve ends where the data ends, at the newest point's value.
    return np.append(out_x, x[-1]), np.append(out_y, y[-1])


def _pairs(col, at, lo, hi):
    """Vertices (x, highest), (x, lowest) for each run of equal columns (col sorted)."""
    starts = np.concatenate(([0], np.flatnonzero(np.diff(col)) + 1))
    out_x = np.repeat(at[starts], 2).astype(np.float64)
    out_y = np.empty(2 * len(starts))
    out_y[0::2] = np.maximum.reduceat(hi, starts)
    out_y[1::2] = np.minimum.reduceat(lo, starts)
    return out_x, out_y
