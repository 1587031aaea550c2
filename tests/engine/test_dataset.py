"""Splitting, train-only standardisation and the load_dataset entry point."""

import numpy as np
import pytest

from engine.bundled import BUNDLED_SETS
from engine.dataset import DATASET_NAMES, Dataset, load_dataset, split_and_standardise
from engine.errors import DatasetError
from engine.synthetic import SYNTHETIC_SETS, make_synthetic

ARRAYS = ("X_train", "Y_train", "X_test", "Y_test", "mean", "std")


def toy(m=40, n_x=3, seed=1):
    rng = np.random.default_rng(seed)
    X = rng.normal(5.0, 3.0, (n_x, m))
    Y = (np.arange(m) % 2).astype(np.float64).reshape(1, m)
    return X, Y


def test_names():
    assert DATASET_NAMES == SYNTHETIC_SETS + BUNDLED_SETS + ("csv",)


def test_split_sizes_and_shapes():
    X, Y = toy(m=40)
    data = split_and_standardise(X, Y, test_ratio=0.25)
    assert (data.n_x, data.m_train, data.m_test) == (3, 30, 10)
    assert data.X_train.shape == (3, 30) and data.Y_train.shape == (1, 30)
    assert data.X_test.shape == (3, 10) and data.Y_test.shape == (1, 10)
    assert data.mean.shape == (3, 1) and data.std.shape == (3, 1)
    assert data.feature_names == ("x1", "x2", "x3")


def test_split_is_stratified_and_a_partition():
    X, Y = toy(m=40)
    data = split_and_standardise(X, Y, test_ratio=0.25, seed=5)
    assert data.Y_train.sum() == 15 and data.Y_test.sum() == 5
    raw = np.hstack([data.X_train, data.X_test]) * data.std + data.mean
    assert np.allclose(np.sort(raw, axis=1), np.sort(X, axis=1))


def test_standardisation_fitted_on_train_only():
    X, Y = toy(m=200)
    data = split_and_standardise(X, Y)
    assert np.allclose(data.X_train.mean(axis=1), 0.0, atol=1e-12)
    assert np.allclose(data.X_train.std(axis=1), 1.0)
    assert not np.allclose(data.X_test.mean(axis=1), 0.0, atol=1e-12)
    assert np.allclose(data.standardise(X[:, :5]), (X[:, :5] - data.mean) / data.std)


def test_standardise_maps_raw_points_like_the_test_set():
    X, Y = toy(m=40)
    data = split_and_standardise(X, Y)
    raw_test = data.X_test * data.std + data.mean
    assert np.allclose(data.standardise(raw_test), data.X_test)
    with pytest.raises(DatasetError, match="expected"):
        data.standardise(np.zeros((2, 4)))


def test_constant_column_gets_std_one():
    X, Y = toy(m=20)
    X[1] = 7.0
    data = split_and_standardise(X, Y)
    assert data.std[1, 0] == 1.0
    assert np.all(data.X_train[1] == 0.0) and np.all(np.isfinite(data.X_test))


def test_arrays_are_read_only_copies():
    X, Y = toy()
    data = split_and_standardise(X, Y)
    for field in ARRAYS:
        array = getattr(data, field)
        assert array.dtype == np.float64 and not array.flags.writeable
        with pytest.raises(ValueError):
            array[...] = 0.0
    X[:] = 0.0
    assert np.any(data.X_train != 0.0)
    with pytest.raises(AttributeError):
        data.name = "other"


def test_no_test_set():
    X, Y = toy(m=10)
    data = split_and_standardise(X, Y, test_ratio=0)
    assert data.X_test.shape == (3, 0) and data.Y_test.shape == (1, 0)
    assert data.m_train == 10


def test_seeded_split_is_deterministic():
    X, Y = toy()
    a = split_and_standardise(X, Y, seed=2)
    b = split_and_standardise(X, Y, seed=2)
    c = split_and_standardise(X, Y, seed=3)
    assert np.array_equal(a.X_train, b.X_train) and np.array_equal(a.Y_test, b.Y_test)
    assert not np.array_equal(a.X_train, c.X_train)


@pytest.mark.parametrize("ratio", [-0.1, 1.0, 1.5, float("nan"), "0.2", None, True])
def test_bad_test_ratio(ratio):
    X, Y = toy()
    with pytest.raises(DatasetError, match="test ratio"):
        split_and_standardise(X, Y, test_ratio=ratio)


def test_too_few_training_examples():
    X = np.array([[1.0]])
    Y = np.array([[1.0]])
    with pytest.raises(DatasetError, match="at least 2"):
        split_and_standardise(X, Y, test_ratio=0.5)


@pytest.mark.parametrize(
    "X, Y",
    [
        (np.zeros((2, 4)), np.zeros((1, 3))),
        (np.zeros(4), np.zeros((1, 4))),
        (np.zeros((2, 4)), np.full((1, 4), 0.5)),
        (np.full((2, 4), np.nan), np.zeros((1, 4))),
    ],
)
def test_bad_arrays(X, Y):
    with pytest.raises(DatasetError):
        split_and_standardise(X, Y)


def test_huge_values_are_a_dataset_error_not_a_warning():
    X = np.array([[1e308, 1e308, -1e308, 1e308]])
    Y = np.array([[0.0, 1.0, 0.0, 1.0]])
    with pytest.raises(DatasetError, match="too large"):
        split_and_standardise(X, Y, test_ratio=0)


@pytest.mark.parametrize("name", SYNTHETIC_SETS)
def test_load_synthetic(name):
    data = load_dataset(name, n=100, noise=0.2, seed=4, test_ratio=0.2)
    assert isinstance(data, Dataset) and data.name == name
    assert (data.n_x, data.m_train, data.m_test) == (1 if name == "line" else 2, 80, 20)
    assert data.label_mapping is None
    X, _ = make_synthetic(name, n=100, noise=0.2, seed=4)
    assert np.allclose(np.sort(data.standardise(X), axis=1),
                       np.sort(np.hstack([data.X_train, data.X_test]), axis=1))


def test_load_breast_cancer():
    data = load_dataset("breast_cancer")
    assert data.n_x == 30 and data.m_train + data.m_test == 569
    assert data.Y_train.sum() + data.Y_test.sum() == 212
    assert data.label_mapping == {"benign": 0, "malignant": 1}
    assert "malignant" in data.description


def test_load_digits_one_vs_rest():
    data = load_dataset("digits", digit=0, test_ratio=0.25)
    assert data.n_x == 64 and data.m_train + data.m_test == 1797
    assert data.Y_train.sum() + data.Y_test.sum() == 178
    assert data.label_mapping["0"] == 1


def test_load_csv(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("a,b,kind\n" + "".join(f"{k},{k * k},{'yes' if k % 2 else 'no'}\n"
                                           for k in range(12)), encoding="utf-8")
    data = load_dataset("csv", csv_path=path, test_ratio=0.5)
    assert data.feature_names == ("a", "b")
    assert data.label_mapping == {"no": 0, "yes": 1}
    assert (data.m_train, data.m_test) == (6, 6)
    assert "mine.csv" in data.description


def test_load_csv_label_column_and_positive_label(tmp_path):
    path = tmp_path / "classes.csv"
    path.write_text("".join(f"{k % 3},{k},{-k}\n" for k in range(12)), encoding="utf-8")
    data = load_dataset("csv", csv_path=path, label_column=0, positive_label=2, test_ratio=0)
    assert data.feature_names == ("x1", "x2")
    assert data.Y_train.sum() == 4
    assert data.label_mapping == {"0": 0, "1": 0, "2": 1}


def test_csv_needs_a_path():
    with pytest.raises(DatasetError, match="csv_path"):
        load_dataset("csv")


@pytest.mark.parametrize("name", ["banana", "", None, 3])
def test_unknown_name_lists_allowed(name):
    with pytest.raises(DatasetError) as info:
        load_dataset(name)
    for allowed in DATASET_NAMES:
        assert allowed in str(info.value)


def test_bad_arguments_pass_through_as_dataset_errors():
    with pytest.raises(DatasetError, match="noise"):
        load_dataset("moons", noise=2.0)
    with pytest.raises(DatasetError, match="0 to 9"):
        load_dataset("digits", digit=11)
    with pytest.raises(DatasetError, match="test ratio"):
        load_dataset("breast_cancer", test_ratio=1.0)
