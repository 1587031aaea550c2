"""curve_points: a FoldedHistory drawn as each pixel column's highest and lowest, exact
points where they are few, bands where old blocks are wider than a column."""
import numpy as np
import pytest

from engine.folded_history import FoldedHistory
from gui.plots.envelope import curve_points


def filled(y, chunks=1, **options):
    """A FoldedHistory of y (at x = 1, 2, ...), extended in `chunks` pieces."""
    history = FoldedHistory(**options)
    for part in np.array_split(y, chunks):
        history.extend(part)
    return history


def walk(n, seed=1):
    rng = np.random.default_rng(seed)
    return np.cumsum(rng.standard_normal(n)) + 50 * (rng.random(n) < 1e-4)


def covered(history, low, high):
    """(first x, last x) of what is drawn for [low, high]: the blocks and points in it
    and the nearest one outside on either side."""
    x0, x1, *_ = history.blocks()
    ex = history.exact_x()
    starts, ends = np.concatenate((x0, ex)), np.concatenate((x1, ex))
    inside = np.flatnonzero((ends >= low) & (starts <= high))
    first, last = max(inside[0] - 1, 0), min(inside[-1] + 1, len(starts) - 1)
    return int(starts[first]), int(ends[last])


def test_short_ranges_are_drawn_point_for_point():
    y = np.random.default_rng(0).random(300)
    history = filled(y)
    x_drawn, y_drawn = curve_points(history, 0, 400, columns=200)
    np.testing.assert_array_equal(x_drawn, np.arange(1, 301))
    np.testing.assert_array_equal(y_drawn, y)
    # A range inside the data: its points and one more on either side, for the edges.
    x_drawn, y_drawn = curve_points(history, 100.5, 120, columns=200)
    np.testing.assert_array_equal(x_drawn, np.arange(100, 122))


@pytest.mark.parametrize("n, columns, low, high", [
    (1_000_000, 400, 0, 1_250_000),      # the whole run while following
    (1_000_000, 400, 123_457, 765_433),  # zoomed in on the folded past
    (1_000_000, 400, 900_000, 990_000),  # where blocks meet the exact values
    (20_000, 300, 0, 24_000),            # a few points per column, nothing folded
    (200_000, 1, 0, 200_000),            # a single column
])
def test_long_ranges_keep_every_peak_in_few_points(n, columns, low, high):
    y = walk(n)
    history = filled(y, chunks=37)
    x_drawn, y_drawn = curve_points(history, low, high, columns)
    first, last = covered(history, low, high)
    inside = y[first - 1:last]
    assert len(y_drawn) <= 2 * (columns + 3) + 1
    assert y_drawn.max() == inside.max() and y_drawn.min() == inside.min()
    assert np.all(np.isin(y_drawn, inside))            # only values that were there
    assert np.all(np.diff(x_drawn) >= 0)               # one line, left to right
    assert first <= x_drawn[0] <= max(low, 1)           # it reaches both edges
    assert min(high, n) <= x_drawn[-1] <= last
    if last == n:
        assert x_drawn[-1] == n and y_drawn[-1] == y[-1]   # it ends at the newest value
    # Drawn as (x, highest), (x, lowest) per column (then the newest point, when the
    # exact values are in view): every value in view lies within its column's stroke.
    pairs = len(x_drawn) // 2 * 2
    starts, highs, lows = x_drawn[0:pairs:2], y_drawn[0:pairs:2], y_drawn[1:pairs:2]
    xs = np.arange(max(low, 1), min(high, n) + 1)
    stroke = np.searchsorted(starts, xs, side="right") - 1
    assert np.all(stroke >= 0)
    values = y[xs - 1]
    assert np.all((lows[stroke] <= values) & (values <= highs[stroke]))
    assert np.diff(starts).max() <= 2 * (high - low) / columns + history.width


def test_a_block_wider_than_a_column_is_a_band_from_its_lowest_to_its_highest():
    y = walk(100_000)
    history = filled(y, recent=1000, max_blocks=16)   # blocks of 8192 updates
    width = history.width
    x_drawn, y_drawn = curve_points(history, 0, 3 * width, columns=300)
    for block in range(3):
        raw = y[block * width:(block + 1) * width]
        inside = (x_drawn > block * width + 20) & (x_drawn < (block + 1) * width - 20)
        assert inside.sum() >= 2 * 90   # a stroke in each of its ~100 columns
        assert set(y_drawn[inside]) == {raw.min(), raw.max()}


def test_appending_in_pieces_gives_the_same_picture_as_at_once():
    y = walk(300_000, seed=2)
    whole, pieces = filled(y), filled(y, chunks=101)
    for args in ((0, 400_000, 100), (17, 250_000, 64), (290_000, 300_000, 3)):
        for a, b in zip(curve_points(whole, *args), curve_points(pieces, *args)):
            np.testing.assert_array_equal(a, b)


def test_non_finite_values_and_empty_blocks_are_not_drawn():
    y = walk(5000)
    y[100:400] = np.nan       # whole blocks with nothing finite
    y[[4990, 4995]] = [np.inf, np.nan]
    history = filled(y, recent=500, max_blocks=16)
    for low, high, columns in ((0, 6000, 100), (0, 6000, 5000), (4980, 5000, 50)):
        x_drawn, y_drawn = curve_points(history, low, high, columns)
        assert np.all(np.isfinite(x_drawn)) and np.all(np.isfinite(y_drawn))
    assert len(curve_points(FoldedHistory(), 0, 10, 10)[0]) == 0


def test_sampled_points_far_apart_still_reach_the_edges():
    history = FoldedHistory(sampled=True)
    history.extend_at([10.0, 1000.0, 5000.0], [0.5, 0.4, 0.3])
    x_drawn, y_drawn = curve_points(history, 2000, 3000, columns=100)
    np.testing.assert_array_equal(x_drawn, [1000.0, 5000.0])
    np.testing.assert_array_equal(y_drawn, [0.4, 0.3])


def test_what_is_drawn_does_not_grow_with_the_run():
    small, big = filled(np.ones(1000)), filled(np.ones(10_000_000), chunks=50)
    assert len(curve_points(big, 0, 12_500_000, 500)[0]) <= (
        len(curve_points(small, 0, 1250, 500)[0]) + 2 * 500 + 10)
    assert big.nbytes == filled(np.ones(100_000)).nbytes
