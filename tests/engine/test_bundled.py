"""Bundled real data sets load through the CSV reader with the documented labels."""

from functools import cache

import numpy as np
import pytest

from engine.bundled import BUNDLED_SETS, attribution, load_breast_cancer, load_digits
from engine.errors import DatasetError

# Each load parses the whole file; share them across tests to keep the suite fast.
digits = cache(load_digits)


def test_names():
    assert BUNDLED_SETS == ("breast_cancer", "digits")


def test_breast_cancer_shape_and_positive_class():
    data = load_breast_cancer()
    assert data.X.shape == (30, 569) and data.Y.shape == (1, 569)
    assert int(data.Y.sum()) == 212
    assert data.label_name == "diagnosis"
    assert data.label_mapping == {"benign": 0, "malignant": 1}
    assert data.feature_names[0] == "mean radius"
    assert data.feature_names[10] == "radius error"
    assert data.feature_names[-1] == "worst fractal dimension"
    assert len(set(data.feature_names)) == 30


def test_breast_cancer_first_row_is_a_malignant_case():
    data = load_breast_cancer()
    assert data.X[0, 0] == 17.99 and data.X[3, 0] == 1001.0
    assert data.Y[0, 0] == 1.0


def test_digits_shape_and_digit_zero_count():
    data = load_digits()
    assert data.X.shape == (64, 1797) and data.Y.shape == (1, 1797)
    assert int(data.Y.sum()) == 178
    assert data.feature_names[0] == "p0_0" and data.feature_names[-1] == "p7_7"
    assert data.X.min() == 0.0 and data.X.max() == 16.0
    assert np.array_equal(data.X, np.round(data.X))


@pytest.mark.parametrize("digit", range(10))
def test_digit_vs_rest_mapping(digit):
    data = digits(digit)
    assert data.label_mapping == {str(k): int(k == digit) for k in range(10)}
    assert 170 <= data.Y.sum() <= 185


def test_digits_classes_partition_the_examples():
    total = sum(digits(k).Y for k in range(10))
    assert np.array_equal(total, np.ones((1, 1797)))


@pytest.mark.parametrize("digit", [-1, 10, 2.0, "3", None, True])
def test_bad_digit(digit):
    with pytest.raises(DatasetError, match="0 to 9"):
        load_digits(digit)


def test_attribution_covers_both_files():
    text = attribution()
    for needle in ("breast_cancer.csv", "digits.csv", "CC BY 4.0", "scikit-learn", "UCI"):
        assert needle in text
