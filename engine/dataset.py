"""One entry point for every data set: split into train/test and standardise on train.

A Dataset is frozen and its arrays are read-only, so it can be shared with the
GUI thread without copying.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.bundled import BUNDLED_SETS, load_breast_cancer, load_digits
from engine.csv_reader import csv_data, read_csv
from engine.errors import DatasetError
from engine.input_features import expand_inputs, with_extra_features
from engine.synthetic import SYNTHETIC_SETS, make_synthetic, synthetic_feature_names

DATASET_NAMES = SYNTHETIC_SETS + BUNDLED_SETS + ("csv",)

MIN_TRAIN = 2


@dataclass(frozen=True)
class Dataset:
    """Standardised train and test splits; all arrays read-only float64.

    X_train: (n_x, m_train), Y_train: (1, m_train) of 0.0/1.0.
    X_test: (n_x, m_test), Y_test: (1, m_test); m_test may be 0.
    feature_names: n_x names; label_mapping: original label -> 0/1, or None.
    mean, std: (n, 1) for the n features read from the data, fitted on the training split
    only (a std of 0 is stored as 1).
    description: one line saying where the data came from, for display.
    extra_features: keys of engine/input_features.py made from the two inputs and added
    as the rows after them (then n = 2 and X's first two rows are the plane), or ().
    """

    name: str
    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray
    feature_names: tuple
    label_mapping: dict | None
    mean: np.ndarray
    std: np.ndarray
    description: str = ""
    extra_features: tuple = ()

    @property
    def n_x(self):
        """Number of input features."""
        return self.X_train.shape[0]

    @property
    def m_train(self):
        """Number of training examples."""
        return self.X_train.shape[1]

    @property
    def m_test(self):
        """Number of test examples (0 when there is no test split)."""
        return self.X_test.shape[1]

    def standardise(self, X_raw):
        """Map raw points (n, k), e.g. a decision-boundary grid, into the model's input
        space (with the extra features computed, if any).

        Returns a new (n_x, k) float64 array: (X_raw - mean) / std, then the extras.
        """
        X_raw = np.asarray(X_raw, dtype=np.float64)
        n = self.mean.shape[0]
        if X_raw.ndim != 2 or X_raw.shape[0] != n:
            raise DatasetError(
                f"points to standardise have shape {X_raw.shape}; expected ({n}, k)"
            )
        return expand_inputs((X_raw - self.mean) / self.std, self.extra_features)


def _read_only(array):
    array = np.asarray(array, dtype=np.float64)
    if array.base is not None or not array.flags.writeable:
        array = array.copy()   # a view or a shared array: the Dataset gets its own
    array.flags.writeable = False
    return array


def _check_split_arguments(X, Y, test_ratio, seed):
    if X.ndim != 2 or Y.ndim != 2 or Y.shape[0] != 1 or X.shape[1] != Y.shape[1]:
        raise DatasetError(
            f"X has shape {X.shape} and Y {Y.shape}; expected (n_x, m) and (1, m)"
        )
    if not np.all(np.isfinite(X)) or not np.all((Y == 0.0) | (Y == 1.0)):
        raise DatasetError("X must hold finite numbers and Y only 0.0 and 1.0")
    is_real = isinstance(test_ratio, (int, float, np.integer, np.floating))
    if isinstance(test_ratio, bool) or not is_real or not 0.0 <= test_ratio < 1.0:
        raise DatasetError(
            f"test ratio {test_ratio!r} is not allowed; use a number from 0 (no test set) "
            "up to but not including 1"
        )
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise DatasetError(f"seed={seed!r} is not allowed; use a whole number >= 0")


def _stratified_split(Y, test_ratio, rng):
    """Indices (train, test), each class split in the same ratio.

    Flooring each class's test count keeps at least one example of every class in training.
    """
    # int32 halves the memory of the indices of a big file; the shuffles are the same.
    index_type = np.int32 if Y.shape[1] < 2**31 else np.int64
    train, test = [], []
    for label in (0.0, 1.0):
        members = rng.permutation(np.flatnonzero(Y[0] == label).astype(index_type))
        m_test = int(test_ratio * members.size)
        test.append(members[:m_test])
        train.append(members[m_test:])
    return rng.permutation(np.concatenate(train)), rng.permutation(np.concatenate(test))


def split_and_standardise(
    X, Y, test_ratio=0.25, seed=0, name="", feature_names=(), label_mapping=None, description=""
):
    """Shuffle-split (X, Y) into train and test, then standardise both with train statistics.

    Args:
        X: (n_x, m) finite features.
        Y: (1, m) labels 0.0/1.0.
        test_ratio: fraction of each class held out for testing, 0 <= r < 1.
        seed: non-negative int for the shuffle.
        name, feature_names, label_mapping, description: carried into the Dataset;
            feature_names defaults to x1..xn.

    Returns:
        Dataset with read-only arrays.

    Raises:
        DatasetError: for bad shapes or values, an out-of-range ratio or seed, or
            fewer than 2 training examples.
    """
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    _check_split_arguments(X, Y, test_ratio, seed)
    train, test = _stratified_split(Y, test_ratio, np.random.default_rng(seed))
    if train.size < MIN_TRAIN:
        raise DatasetError(
            f"only {train.size} training example(s) after the split; need at least {MIN_TRAIN}"
        )
    # In place, so that the splits cost no more memory than one copy of X.
    X_train = np.take(X, train, axis=1)
    X_test = np.take(X, test, axis=1)
    # Overflow is reported below as a DatasetError, not as a numpy warning.
    with np.errstate(over="ignore", invalid="ignore"):
        mean = X_train.mean(axis=1, keepdims=True)
        X_train -= mean
        # The variance as a row-wise dot product: no temporary array the size of X_train.
        variance = np.einsum("ij,ij->i", X_train, X_train)[:, None] / max(train.size, 1)
        std = np.sqrt(variance)
        std = np.where(std > 0.0, std, 1.0)
        X_train /= std
        X_test -= mean
        X_test /= std
    if not (np.all(np.isfinite(X_train)) and np.all(np.isfinite(X_test))):
        raise DatasetError("feature values are too large to standardise; rescale the data")
    names = tuple(feature_names) or tuple(f"x{j + 1}" for j in range(X.shape[0]))
    if len(names) != X.shape[0]:
        raise DatasetError(f"{len(names)} feature names given for {X.shape[0]} features")
    return Dataset(
        name=name,
        X_train=_read_only(X_train),
        Y_train=_read_only(np.take(Y, train, axis=1)),
        X_test=_read_only(X_test),
        Y_test=_read_only(np.take(Y, test, axis=1)),
        feature_names=names,
        label_mapping=label_mapping,
        mean=_read_only(mean),
        std=_read_only(std),
        description=description,
    )


def dataset_from_csv(data, test_ratio=0.25, seed=0):
    """Split and standardise a CsvData (see engine.csv_reader) into the Dataset "csv"."""
    encoding = "" if data.encoding_name == "UTF-8" else f" (read as {data.encoding_name})"
    description = f"{Path(data.path).name}{encoding}: {_describe_mapping(data.label_mapping)}"
    return split_and_standardise(
        data.X,
        data.Y,
        test_ratio,
        seed,
        name="csv",
        feature_names=data.feature_names,
        label_mapping=data.label_mapping,
        description=description,
    )


def dataset_from_table(table, positive_label=None, test_ratio=0.25, seed=0):
    """The Dataset "csv" from a CsvTable (engine.csv_reader.read_table): labels made 0/1
    with ``positive_label`` (see read_csv), then split and standardised."""
    return dataset_from_csv(csv_data(table, positive_label), test_ratio, seed)


def _describe_mapping(mapping):
    if mapping is None:
        return "labels 0/1"
    positives = [label for label, y in mapping.items() if y == 1]
    negatives = [label for label, y in mapping.items() if y == 0]
    rest = negatives[0] if len(negatives) == 1 else "the rest"
    return f"{', '.join(positives)} (1) vs {rest} (0)"


def load_dataset(
    name,
    *,
    n=200,
    noise=0.1,
    seed=0,
    test_ratio=0.25,
    digit=0,
    csv_path=None,
    label_column=None,
    positive_label=None,
    features=(),
):
    """Load any data set by name, split it and standardise it: what the CLI and GUI call.

    Args:
        name: one of DATASET_NAMES.
        n, noise: size and jitter of a synthetic set (ignored otherwise).
        seed: seeds both the synthetic points and the train/test shuffle.
        test_ratio: fraction held out for testing, 0 <= r < 1.
        digit: the positive digit 0..9 for "digits".
        csv_path, label_column, positive_label: for "csv"; see engine.csv_reader.read_csv.
        features: extra input features for two-input data (engine/input_features.py).

    Returns:
        Dataset.

    Raises:
        DatasetError: for an unknown name, a missing csv_path, or any bad argument or data.
    """
    return with_extra_features(_load_plain(
        name, n=n, noise=noise, seed=seed, test_ratio=test_ratio, digit=digit,
        csv_path=csv_path, label_column=label_column, positive_label=positive_label),
        features)


def _load_plain(name, *, n, noise, seed, test_ratio, digit, csv_path, label_column,
                positive_label):
    if not isinstance(name, str) or name not in DATASET_NAMES:
        raise DatasetError(f"unknown data set {name!r}; allowed: {', '.join(DATASET_NAMES)}")
    if name in SYNTHETIC_SETS:
        X, Y = make_synthetic(name, n=n, noise=noise, seed=seed)
        description = f"{name}: {n} points, noise {noise:g}, seed {seed}"
        return split_and_standardise(
            X, Y, test_ratio, seed, name=name, feature_names=synthetic_feature_names(name),
            description=description,
        )
    if name == "csv":
        if csv_path is None:
            raise DatasetError("no CSV file chosen; give csv_path for the data set 'csv'")
        return dataset_from_csv(read_csv(csv_path, label_column, positive_label), test_ratio, seed)
    data = load_breast_cancer() if name == "breast_cancer" else load_digits(digit)
    description = f"{Path(data.path).name}: {_describe_mapping(data.label_mapping)}"
    return split_and_standardise(
        data.X,
        data.Y,
        test_ratio,
        seed,
        name=name,
        feature_names=data.feature_names,
        label_mapping=data.label_mapping,
        description=description,
    )
