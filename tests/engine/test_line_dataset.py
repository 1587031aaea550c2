"""The one-feature data set `line`: seeded, deterministic, shaped (1, m), balanced, and
overlapping so that logistic regression gets most but not all examples right."""
import numpy as np
import pytest

from engine.config import make_model_config, make_train_config
from engine.dataset import load_dataset
from engine.synthetic import make_synthetic
from engine.trainer import Trainer


def test_same_seed_gives_the_same_arrays_and_another_seed_others():
    X1, Y1 = make_synthetic("line", n=300, noise=0.2, seed=7)
    X2, Y2 = make_synthetic("line", n=300, noise=0.2, seed=7)
    X3, Y3 = make_synthetic("line", n=300, noise=0.2, seed=8)
    assert np.array_equal(X1, X2) and np.array_equal(Y1, Y2)
    assert not np.array_equal(X1, X3)
    assert not np.array_equal(Y1, Y3)   # the order is shuffled by the seed too


@pytest.mark.parametrize("n", [4, 5, 201])
def test_one_feature_and_balanced_classes(n):
    X, Y = make_synthetic("line", n=n)
    assert X.shape == (1, n) and Y.shape == (1, n)
    assert int(Y.sum()) in (n // 2, n - n // 2)
    assert set(np.unique(Y)) == {0.0, 1.0}


def test_the_classes_overlap_but_mostly_lie_on_their_own_side():
    X, Y = make_synthetic("line", n=4000, noise=0.2, seed=1)
    right = np.mean((X[0] > 0) == (Y[0] == 1))
    assert 0.85 < right < 0.95
    assert X[0, Y[0] == 0].mean() < -0.4 and X[0, Y[0] == 1].mean() > 0.4


def test_noise_widens_the_overlap():
    X0, Y0 = make_synthetic("line", n=4000, noise=0.0, seed=2)
    X1, Y1 = make_synthetic("line", n=4000, noise=1.0, seed=2)
    assert np.mean((X1[0] > 0) == (Y1[0] == 1)) < np.mean((X0[0] > 0) == (Y0[0] == 1)) - 0.1


def test_loaded_with_one_feature_named_x():
    data = load_dataset("line", n=200, noise=0.2, seed=0)
    assert data.n_x == 1 and data.feature_names == ("x",)
    assert data.X_train.shape == (1, data.m_train) and data.X_test.shape == (1, data.m_test)


def test_logistic_regression_learns_it_to_between_85_and_95_percent():
    data = load_dataset("line", n=400, noise=0.2, seed=3)
    trainer = Trainer(data, make_model_config((1, 1), "tanh", seed=0), make_train_config(0.5))
    trainer.run(300)
    p = trainer.network.predict_proba(data.X_train)
    accuracy = np.mean((p > 0.5) == (data.Y_train == 1))
    assert 0.85 <= accuracy <= 0.95
