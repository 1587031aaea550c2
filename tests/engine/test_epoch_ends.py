"""EpochEnds: every epoch end kept, as runs of epochs of equal length."""
import numpy as np
import pytest

from engine.epoch_ends import EpochEnds


def ends_of(lengths):
    """Update numbers at which epochs of these lengths end, one after the other."""
    return np.cumsum(lengths)


MIXED = ends_of([3] * 10 + [1] * 50 + [2, 7] + [25] * 40 + [1] * 5 + [4])


def test_appended_ends_come_back_in_order():
    ends = EpochEnds()
    for u in MIXED:
        ends.append(int(u))
    assert len(ends) == len(MIXED) and ends.last() == MIXED[-1]
    np.testing.assert_array_equal(ends.since(0), MIXED)
    np.testing.assert_array_equal(ends.since(57), MIXED[57:])
    np.testing.assert_array_equal(ends.at([0, 11, 60]), MIXED[[0, 11, 60]])


def test_extending_in_pieces_equals_appending_one_by_one():
    one, pieces = EpochEnds(), EpochEnds()
    for u in MIXED:
        one.append(int(u))
    for part in np.array_split(MIXED, 9):
        pieces.extend(part)
    np.testing.assert_array_equal(pieces.since(0), one.since(0))
    assert pieces._lengths == one._lengths and pieces._counts == one._counts


def test_full_batch_for_ten_million_updates_is_one_run():
    ends = EpochEnds()
    for start in range(0, 10_000_000, 100_000):
        ends.extend(np.arange(start + 1, start + 100_001))
    assert len(ends) == 10_000_000 and ends.last() == 10_000_000
    assert len(ends._lengths) == 1
    np.testing.assert_array_equal(ends.since(9_999_998), [9_999_999, 10_000_000])


def test_counting_and_picking_only_the_epochs_longer_than_one_update():
    ends = EpochEnds()
    ends.extend(MIXED)
    lengths = np.diff(MIXED, prepend=0)
    longer = MIXED[lengths > 1]
    assert ends.count(longer_than=1) == len(longer)
    np.testing.assert_array_equal(ends.at(np.arange(len(longer)), longer_than=1), longer)
    np.testing.assert_array_equal(ends.at([4, 17], longer_than=1), longer[[4, 17]])
    with pytest.raises(IndexError):
        ends.at([len(longer)], longer_than=1)


def test_pop_takes_back_the_newest_end():
    ends = EpochEnds()
    ends.extend([3, 6, 7])
    assert ends.pop() == 7 and ends.last() == 6 and len(ends) == 2
    ends.append(9)
    np.testing.assert_array_equal(ends.since(0), [3, 6, 9])
    assert [ends.pop(), ends.pop(), ends.pop()] == [9, 6, 3] and ends.last() == 0
    with pytest.raises(IndexError):
        ends.pop()


def test_ends_sent_again_are_not_counted_twice():
    ends = EpochEnds()
    ends.extend([2, 4, 6])
    ends.extend([6, 8])
    np.testing.assert_array_equal(ends.since(0), [2, 4, 6, 8])
    with pytest.raises(ValueError, match="ended at 8"):
        ends.append(8)
