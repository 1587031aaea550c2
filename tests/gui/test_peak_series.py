"""PeakSeries: every point kept, and drawn as each pixel column's highest and lowest."""
import numpy as np
import pytest

from gui.plots.peak_series import BASE_BLOCK, PeakSeries


def filled(y, chunks=1, x=None):
    """A PeakSeries of y (at x = 1, 2, ... unless given), appended in `chunks` pieces."""
    x = np.arange(1, len(y) + 1) if x is None else x
    series = PeakSeries(x_dtype=np.int32)
    for part in np.array_split(np.arange(len(y)), chunks):
        series.extend(x[part], y[part])
    return series


def test_short_ranges_are_drawn_point_for_point():
    y = np.random.default_rng(0).random(300).astype(np.float32)
    series = filled(y)
    x_drawn, y_drawn = series.drawn(0, 400, columns=200)
    np.testing.assert_array_equal(x_drawn, np.arange(1, 301))
    np.testing.assert_array_equal(y_drawn, y)
    # A range inside the data: its points and one more on either side, for the edges.
    x_drawn, y_drawn = series.drawn(100.5, 120, columns=200)
    np.testing.assert_array_equal(x_drawn, np.arange(100, 122))


@pytest.mark.parametrize("n, columns, low, high", [
    (1_000_000, 400, 0, 1_250_000),    # the whole curve while following
    (1_000_000, 400, 123_457, 765_433),  # zoomed in, edges inside blocks
    (5_000, 300, 0, 6_000),            # fewer than BASE_BLOCK points per column
    (20_000, 1, 0, 20_000),            # a single column
])
def test_long_ranges_keep_every_peak_in_few_points(n, columns, low, high):
    rng = np.random.default_rng(1)
    y = (np.cumsum(rng.standard_normal(n)) + 50 * (rng.random(n) < 1e-4)).astype(np.float32)
    series = filled(y, chunks=37)
    x_drawn, y_drawn = series.drawn(low, high, columns)
    # The range plus the nearest point outside on either side.
    first, last = max(low - 1, 1), min(high + 1, n)
    inside = y[first - 1:last]
    assert len(y_drawn) <= 2 * columns + 5
    assert y_drawn.max() == inside.max() and y_drawn.min() == inside.min()
    assert np.all(np.isin(y_drawn, inside))            # only values that were there
    assert np.all(np.diff(x_drawn) >= 0)               # one line, left to right
    assert x_drawn[0] == first and x_drawn[-1] == last
    assert y_drawn[-1] == inside[-1]                   # it ends at the newest point
    # Drawn as (x, highest), (x, lowest) per block: every point lies within its block's
    # stroke, and no block is wider than two pixel columns.
    starts, highs, lows = x_drawn[0:-1:2], y_drawn[0:-1:2], y_drawn[1:-1:2]
    xs = np.arange(first, last + 1)
    block = np.searchsorted(starts, xs, side="right") - 1
    assert np.all(block >= 0)
    assert np.all((lows[block] <= inside) & (inside <= highs[block]))
    assert np.diff(starts).max() <= 2 * (high - low) / columns


def test_appending_in_pieces_gives_the_same_picture_as_at_once():
    y = np.random.default_rng(2).random(BASE_BLOCK * 1000 + 5).astype(np.float32)
    whole, pieces = filled(y), filled(y, chunks=101)
    for args in ((0, 9000, 100), (17, 5000, 64), (0, 9000, 3)):
        for a, b in zip(whole.drawn(*args), pieces.drawn(*args)):
            np.testing.assert_array_equal(a, b)


def test_non_finite_values_are_dropped_and_extremes_kept():
    series = PeakSeries()
    series.extend(np.array([1.0, 2.0, 3.0, 4.0]), np.array([0.5, np.nan, np.inf, 0.25]))
    x, y = series.data()
    np.testing.assert_array_equal(x, [1.0, 4.0])
    np.testing.assert_array_equal(y, np.array([0.5, 0.25], np.float32))
    assert (series.low, series.high) == (0.25, 0.5) and series.last_x() == 4.0
    assert not y.flags.writeable


def test_what_is_drawn_does_not_grow_with_the_number_of_points():
    small, big = filled(np.ones(1000, np.float32)), filled(np.ones(1_000_000, np.float32),
                                                           chunks=50)
    assert len(big.drawn(0, 1_250_000, 500)[0]) <= len(small.drawn(0, 1250, 500)[0]) + 5
