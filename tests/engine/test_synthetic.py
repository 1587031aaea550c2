"""Synthetic sets: shapes, balance, determinism and argument validation."""

import numpy as np
import pytest

from engine.errors import DatasetError
from engine.synthetic import SYNTHETIC_SETS, make_synthetic


def test_names_in_documented_order():
    assert SYNTHETIC_SETS == ("blobs", "moons", "circles", "xor", "spiral", "gaussian", "line")


@pytest.mark.parametrize("name", SYNTHETIC_SETS)
@pytest.mark.parametrize("n", [4, 7, 200])
def test_shapes_dtypes_and_balance(name, n):
    X, Y = make_synthetic(name, n=n)
    n_x = 1 if name == "line" else 2
    assert X.shape == (n_x, n) and Y.shape == (1, n)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    assert set(np.unique(Y)) == {0.0, 1.0}
    assert abs(int(Y.sum()) - n / 2) <= 0.5
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("name", SYNTHETIC_SETS)
def test_coordinates_stay_near_unit_scale(name):
    X, _ = make_synthetic(name, n=2000, noise=0.0)
    assert np.percentile(np.abs(X), 95) <= 1.5


@pytest.mark.parametrize("name", ["moons", "circles", "xor", "spiral"])
def test_bounded_sets_stay_within_one_and_a_half(name):
    X, _ = make_synthetic(name, n=2000, noise=0.0)
    assert np.abs(X).max() <= 1.5 + 1e-12


@pytest.mark.parametrize("name", SYNTHETIC_SETS)
def test_same_seed_identical_different_seed_differs(name):
    X1, Y1 = make_synthetic(name, seed=3)
    X2, Y2 = make_synthetic(name, seed=3)
    X3, _ = make_synthetic(name, seed=4)
    assert np.array_equal(X1, X2) and np.array_equal(Y1, Y2)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("name", SYNTHETIC_SETS)
def test_noise_zero_and_one_are_allowed(name):
    X0, _ = make_synthetic(name, noise=0.0)
    X1, _ = make_synthetic(name, noise=1.0)
    assert X1.std() > X0.std()


def test_blobs_are_linearly_separable():
    X, Y = make_synthetic("blobs", n=2000)
    assert np.array_equal(X.sum(axis=0) > 0, Y[0] == 1.0)


def test_gaussian_clouds_overlap():
    X, Y = make_synthetic("gaussian", n=2000)
    wrong_side = np.mean((X.sum(axis=0) > 0) != (Y[0] == 1.0))
    assert 0.03 < wrong_side < 0.3


def test_xor_labels_follow_sign_of_product_without_noise():
    X, Y = make_synthetic("xor", n=500, noise=0.0)
    assert np.array_equal(X[0] * X[1] > 0, Y[0] == 1.0)


def test_circles_inner_ring_is_class_one_without_noise():
    X, Y = make_synthetic("circles", n=500, noise=0.0)
    radius = np.hypot(X[0], X[1])
    assert np.allclose(radius[Y[0] == 1.0], 0.5)
    assert np.allclose(radius[Y[0] == 0.0], 1.0)


def test_examples_are_shuffled():
    _, Y = make_synthetic("moons", n=200)
    assert not np.array_equal(Y[0], np.sort(Y[0]))


def test_unknown_name_lists_allowed_names():
    with pytest.raises(DatasetError) as info:
        make_synthetic("banana")
    assert "banana" in str(info.value)
    for name in SYNTHETIC_SETS:
        assert name in str(info.value)


@pytest.mark.parametrize("n", [3, 0, -5, 100_001, 10.0, True, "200", None])
def test_bad_n_says_what_is_allowed(n):
    with pytest.raises(DatasetError, match="4 to 100000"):
        make_synthetic("moons", n=n)


@pytest.mark.parametrize("noise", [-0.01, 1.01, float("nan"), float("inf"), "0.1", None])
def test_bad_noise_says_what_is_allowed(noise):
    with pytest.raises(DatasetError, match="from 0 to 1"):
        make_synthetic("moons", noise=noise)


@pytest.mark.parametrize("seed", [-1, 1.5, "0", None])
def test_bad_seed_is_rejected(seed):
    with pytest.raises(DatasetError, match="seed"):
        make_synthetic("moons", seed=seed)


def test_numpy_integer_arguments_are_accepted():
    X, _ = make_synthetic("xor", n=np.int64(10), seed=np.int32(2))
    assert X.shape == (2, 10)
