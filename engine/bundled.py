"""Real data sets shipped in resources/, loaded through the same CSV reader users get."""

from importlib.resources import as_file, files

import numpy as np

from engine.csv_reader import read_csv
from engine.errors import DatasetError

BUNDLED_SETS = ("breast_cancer", "digits")


def _read_bundled(name, label_column, positive_label):
    """read_csv on the file ``name`` of the resources package, wherever it is installed."""
    # as_file gives a real path even if the package sits in a zip archive.
    with as_file(files("resources") / name) as path:
        return read_csv(path, label_column, positive_label=positive_label)


def attribution():
    """The text of resources/ATTRIBUTION.md: the bundled sets' sources and licences."""
    return (files("resources") / "ATTRIBUTION.md").read_text(encoding="utf-8")


def load_breast_cancer():
    """Breast Cancer Wisconsin (Diagnostic): is the mass malignant?

    Returns:
        CsvData with X (30, 569), Y (1, 569) where 1 = malignant (212 of them),
        and label_mapping {"benign": 0, "malignant": 1}.
    """
    return _read_bundled("breast_cancer.csv", "diagnosis", positive_label="malignant")


def load_digits(digit=0):
    """UCI 8x8 handwritten digits as "digit ``digit`` vs the rest".

    Args:
        digit: int 0..9, the positive class.

    Returns:
        CsvData with X (64, 1797) pixel counts 0..16 and Y (1, 1797) where
        1 = the image shows ``digit``; label_mapping gives each digit's class.
    """
    valid = isinstance(digit, (int, np.integer)) and not isinstance(digit, bool)
    if not valid or not 0 <= digit <= 9:
        raise DatasetError(f"digit={digit!r} is not allowed; choose a whole number from 0 to 9")
    return _read_bundled("digits.csv", "digit", positive_label=int(digit))
