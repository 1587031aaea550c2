"""Extra input features made from two inputs (x1, x2), as TensorFlow Playground offers.

Each one is computed from the standardised x1 and x2 and added as a further row of X, so
the network sees (x1, x2, chosen features...) while every picture of the data stays in
the (x1, x2) plane. With x1² and x2², a single sigmoid unit can draw a circle:
z = w1 x1 + w2 x2 + w3 x1² + w4 x2² + b.
"""
from dataclasses import replace

import numpy as np

from .errors import DatasetError

# key -> (name shown to people, how it is made from the plane's rows x1 and x2)
EXTRA_FEATURES = {
    "x1_squared": ("x1²", lambda x1, x2: x1 * x1),
    "x2_squared": ("x2²", lambda x1, x2: x2 * x2),
    "x1_x2": ("x1·x2", lambda x1, x2: x1 * x2),
    "sin_x1": ("sin x1", lambda x1, x2: np.sin(x1)),
    "sin_x2": ("sin x2", lambda x1, x2: np.sin(x2)),
}


def check_feature_keys(keys):
    """The keys as a tuple in EXTRA_FEATURES' order; raises DatasetError for an unknown
    or repeated key."""
    keys = tuple(keys)
    for key in keys:
        if key not in EXTRA_FEATURES:
            raise DatasetError(
                f"unknown extra feature {key!r}; allowed: {', '.join(EXTRA_FEATURES)}")
    if len(set(keys)) != len(keys):
        raise DatasetError(f"an extra feature is named twice in {', '.join(keys)}")
    return tuple(key for key in EXTRA_FEATURES if key in keys)


def expand_inputs(plane, keys):
    """(2 + len(keys), k): points (2, k) of the plane with their extra features below;
    with no keys, the points themselves (of any number of inputs)."""
    plane = np.asarray(plane, dtype=np.float64)
    if not keys:
        return plane
    x1, x2 = plane[0], plane[1]
    return np.vstack([plane] + [EXTRA_FEATURES[key][1](x1, x2) for key in keys])


def with_extra_features(dataset, keys):
    """A Dataset like `dataset` (two inputs) whose X also holds the chosen features.

    With no keys, the dataset itself. Raises DatasetError for data without exactly two
    inputs, or for an unknown key.
    """
    keys = check_feature_keys(keys)
    if not keys:
        return dataset
    if dataset.extra_features:
        raise DatasetError("this data set already has extra features")
    if dataset.n_x != 2:
        raise DatasetError(
            f"extra features are made from two inputs (x1, x2); {dataset.name} has "
            f"{dataset.n_x}")
    names = tuple(dataset.feature_names) + tuple(EXTRA_FEATURES[key][0] for key in keys)
    return replace(
        dataset,
        X_train=_read_only(expand_inputs(dataset.X_train, keys)),
        X_test=_read_only(expand_inputs(dataset.X_test, keys)),
        feature_names=names,
        extra_features=keys,
        description=f"{dataset.description}; with {', '.join(names[2:])}",
    )


def _read_only(array):
    array.flags.writeable = False
    return array
