"""FoldedHistory: the newest values exact, older ones folded into min/max blocks that tell
the truth about the values they cover, in memory that does not grow with the run."""
import numpy as np
import pytest

from engine.folded_history import MAX_BLOCKS, RECENT, FoldedHistory


def walk(n, seed=0):
    """A noisy falling curve with a few spikes, like a mini-batch cost."""
    rng = np.random.default_rng(seed)
    return 1 / np.sqrt(np.arange(1, n + 1)) + 0.1 * rng.random(n) + 5 * (rng.random(n) < 1e-3)


def one_by_one(values, **options):
    history = FoldedHistory(**options)
    for v in values:
        history.append(v)
    return history


def in_chunks(values, seed=1, **options):
    """The same values through extend, in chunks of random sizes (some empty, some
    larger than the whole buffer)."""
    history = FoldedHistory(**options)
    rng = np.random.default_rng(seed)
    cuts = np.sort(rng.integers(0, len(values), 40))
    for part in np.split(values, cuts):
        history.extend(part)
    return history


def assert_same(a, b):
    assert len(a) == len(b) and a.exact_start == b.exact_start and a.width == b.width
    np.testing.assert_array_equal(a.exact_values(), b.exact_values())
    for mine, theirs in zip(a.blocks(), b.blocks()):
        np.testing.assert_array_equal(mine, theirs)
    assert (a.low, a.high) == (b.low, b.high)


def assert_blocks_tell_the_truth(history, values, x=None):
    """Each block's lowest, highest and mean are those of the raw values it covers, and
    the blocks and the exact values cover every value once, in order."""
    x = np.arange(1, len(values) + 1, dtype=float) if x is None else x
    x0, x1, lo, hi, finite = history.blocks()
    width, covered = history.width, 0
    for j in range(len(x0)):
        raw = values[j * width:min((j + 1) * width, history.exact_start)]
        covered += len(raw)
        ok = raw[np.isfinite(raw)]
        assert (x0[j], x1[j]) == (x[j * width], x[j * width + len(raw) - 1])
        assert finite[j] == len(ok)
        if len(ok):
            assert (lo[j], hi[j]) == (ok.min(), ok.max())
            mean = history.value_at([j * width])[0]
            assert mean == pytest.approx(ok.mean(), rel=1e-12)
        else:
            assert lo[j] == np.inf and hi[j] == -np.inf
    assert covered == history.exact_start
    np.testing.assert_array_equal(history.exact_values(), values[history.exact_start:])
    np.testing.assert_array_equal(history.exact_x(), x[history.exact_start:])


@pytest.mark.parametrize("n", [0, 1, 99, 150, 151, 1000, 12_345])
def test_recent_values_are_exact_and_old_blocks_hold_the_true_extremes(n):
    values = walk(n)
    history = one_by_one(values, recent=100, max_blocks=8)
    assert len(history) == n
    assert len(history.exact_values()) >= min(n, 100)
    assert_blocks_tell_the_truth(history, values)
    finite = values[np.isfinite(values)]
    if n:
        assert (history.low, history.high) == (finite.min(), finite.max())
        assert history.last_x() == n


def test_the_block_width_doubles_and_the_blocks_stay_few():
    history = one_by_one(walk(5000), recent=100, max_blocks=8)
    x0, *_ = history.blocks()
    assert len(x0) <= 8 + 1
    assert history.width == 1024   # 8 blocks of 512 filled up: 4 of 1024 since
    assert len(history.exact_values()) <= 100 + 50


@pytest.mark.parametrize("options", [{}, {"recent": 100, "max_blocks": 8},
                                     {"recent": 1, "max_blocks": 2}])
def test_appending_in_chunks_equals_appending_one_by_one(options):
    values = walk(200_000 if not options else 3000)
    assert_same(one_by_one(values, **options), in_chunks(values, **options))


def test_a_million_appends_take_no_more_memory_than_a_hundred_thousand():
    history = FoldedHistory()
    values = walk(100_000)
    for v in values:
        history.append(v)
    after_1e5 = history.nbytes
    for _ in range(9):
        for v in values:
            history.append(v)
    assert len(history) == 1_000_000
    assert history.nbytes == after_1e5 < 1_000_000   # a million float64 would be 8 MB
    assert len(history.exact_values()) < RECENT * 3 // 2
    assert len(history.blocks()[0]) <= MAX_BLOCKS + 1
    assert_blocks_tell_the_truth(history, np.tile(values, 10))


def test_a_sampled_history_keeps_each_blocks_first_and_last_x():
    rng = np.random.default_rng(3)
    x = np.cumsum(rng.integers(1, 50, 3000)).astype(float)   # snapshot update numbers
    y = walk(3000)
    history = FoldedHistory(sampled=True, recent=100, max_blocks=8)
    for xi, yi in zip(x, y):
        history.append_at(xi, yi)
    assert_blocks_tell_the_truth(history, y, x)
    chunked = FoldedHistory(sampled=True, recent=100, max_blocks=8)
    for part in np.array_split(np.arange(3000), 7):
        chunked.extend_at(x[part], y[part])
    assert_same(history, chunked)
    np.testing.assert_array_equal(history.exact_x(), chunked.exact_x())
    assert history.last_x() == x[-1]


def test_non_finite_values_stay_exact_but_are_left_out_of_blocks_and_extremes():
    values = walk(1000)
    values[[3, 5, 400]] = np.nan
    values[7] = np.inf
    values[500:520] = np.nan   # a whole block of nothing finite
    values[-3] = -np.inf
    history = one_by_one(values, recent=100, max_blocks=16)
    assert_blocks_tell_the_truth(history, values)
    assert np.isneginf(history.exact_values()[-3])
    finite = values[np.isfinite(values)]
    assert (history.low, history.high) == (finite.min(), finite.max())


def test_pop_takes_back_the_newest_value_and_its_extreme():
    history = one_by_one([0.5, 0.2, 0.9, 0.1], recent=10)
    assert history.low == 0.1
    assert history.pop() == 0.1 and len(history) == 3
    assert (history.low, history.high) == (0.2, 0.9)
    assert history.pop() == 0.9 and history.high == 0.5
    history.append(0.7)
    np.testing.assert_array_equal(history.exact_values(), [0.5, 0.2, 0.7])
    with pytest.raises(IndexError):
        FoldedHistory().pop()


def test_a_hold_keeps_unread_values_exact_and_letting_go_folds_them():
    values = walk(5000)
    history = FoldedHistory(recent=100, max_blocks=8)
    history.extend(values[:50])
    history.hold_from(50)
    history.extend(values[50:4000])   # far more than `recent` while held
    np.testing.assert_array_equal(history.since(50), values[50:4000])
    history.hold_from(4000)           # read: they may fold, and the memory goes back
    assert history.exact_start == 3900
    assert history.nbytes == FoldedHistory(recent=100, max_blocks=8).nbytes
    history.extend(values[4000:])
    np.testing.assert_array_equal(history.since(4000), values[4000:])
    history.hold_from(None)
    history.extend(values[:1000])
    values = np.concatenate((values, values[:1000]))
    assert history.exact_start > 5000
    assert history.nbytes == FoldedHistory(recent=100, max_blocks=8).nbytes
    assert_blocks_tell_the_truth(history, values)
    with pytest.raises(ValueError, match="folded"):
        history.since(10)
    with pytest.raises(ValueError, match="folded"):
        history.hold_from(10)


def test_value_at_is_exact_where_kept_and_the_block_mean_before():
    values = walk(1000)
    history = one_by_one(values, recent=100, max_blocks=8)
    start, width = history.exact_start, history.width
    got = history.value_at([0, start - 1, start, 999])
    assert got[0] == pytest.approx(values[:width].mean())
    last_block = (start - 1) // width
    assert got[1] == pytest.approx(values[last_block * width:start].mean())
    assert (got[2], got[3]) == (values[start], values[999])


def test_wrong_use_says_what_to_do():
    with pytest.raises(TypeError, match="extend_at"):
        FoldedHistory(sampled=True).extend([1.0])
    with pytest.raises(TypeError, match="use extend"):
        FoldedHistory().extend_at([1.0], [1.0])
    with pytest.raises(TypeError, match="append_at"):
        FoldedHistory(sampled=True).append(1.0)
    with pytest.raises(TypeError, match="use append"):
        FoldedHistory().append_at(1.0, 1.0)
    with pytest.raises(ValueError, match="max_blocks even"):
        FoldedHistory(max_blocks=3)
    with pytest.raises(IndexError, match="0 .. 2"):
        one_by_one([1.0, 2.0, 3.0]).value_at([3])


@pytest.mark.parametrize("sampled", [False, True])
def test_exact_index_and_x_agree_with_searching_the_exact_x(sampled):
    history = FoldedHistory(sampled=sampled, recent=100, max_blocks=8)
    values = walk(1000)
    if sampled:
        history.extend_at(np.arange(1000) * 3.0 + 7, values)
    else:
        history.extend(values)
    x = history.exact_x()
    probes = np.array([-5.0, x[0] - 0.5, x[0], x[3] + 0.25, x[-1], x[-1] + 9])
    for side in ("left", "right"):
        np.testing.assert_array_equal(history.exact_index(probes, side),
                                      np.searchsorted(x, probes, side))
    np.testing.assert_array_equal(history.exact_x_at([0, 5, len(x) - 1]), x[[0, 5, -1]])
    np.testing.assert_array_equal(history.exact_x(2, 6), x[2:6])
