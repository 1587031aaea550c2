"""Full batch, mini-batch and stochastic from one start: the same examples seen, more
updates for smaller batches, and a noisier path for stochastic."""
import numpy as np
import pytest
from one_feature_data import one_feature_data

from engine.batch_mode_comparison import compare_batch_modes, uphill_share


def test_same_start_same_examples_seen_more_updates_for_smaller_batches():
    data = one_feature_data(m=150, seed=5, test_ratio=0.0)
    start = np.array([-2.0, 1.5])       # [W[1] b[1]]
    runs = compare_batch_modes(data, start, 0.3, examples_seen=1500)
    assert [r.batch_size for r in runs] == [0, 10, 1]
    assert [r.updates for r in runs] == [10, 150, 1500]
    for run in runs:
        assert len(run.path) == run.updates + 1 and len(run.costs) == run.updates
        np.testing.assert_array_equal(run.path[0], [1.5, -2.0])   # [β0 β1] = [b w]
        assert not run.path.flags.writeable and run.note == ""


def test_stochastic_path_is_noisier_than_full_batch():
    data = one_feature_data(m=200, seed=0)
    runs = compare_batch_modes(data, np.array([0.0, 0.0]), 0.5, examples_seen=4000)
    full, mini, stochastic = (uphill_share(r.path, data.X_train, data.Y_train) for r in runs)
    assert full == 0.0                     # every full-batch step goes down the surface
    assert stochastic > 0.2 and mini > 0.1
    steps = [np.diff(r.costs).std() for r in runs]  # the cost each update saw, jumping
    assert steps[2] > 10 * steps[0]


def test_bad_requests_say_what_is_allowed():
    data = one_feature_data(m=100)
    with pytest.raises(ValueError, match="at least one epoch"):
        compare_batch_modes(data, np.zeros(2), 0.5, examples_seen=50)
    with pytest.raises(ValueError, match="at most"):
        compare_batch_modes(data, np.zeros(2), 0.5, examples_seen=10**6)
