"""The first rows of a CSV file: is there a header, how many columns, which one is the label."""

import re

import numpy as np

from engine.csv_labels import NON_FINITE, NUMBER, list_some
from engine.errors import DatasetError

_INDEX = re.compile(r"[+-]?\d{1,9}", re.ASCII)


def is_number_like(cell, decimal_comma=False):
    """True for a cell that holds a number, finite or not."""
    written = cell.replace(",", ".") if decimal_comma else cell
    return bool(NUMBER.fullmatch(written) or NON_FINITE.fullmatch(cell))


def has_header(records, decimal_comma=False):
    """A column with text on the first row but a number (or nothing) below it is a header."""
    first = records[0]
    second = records[1] if len(records) > 1 else None
    for k, cell in enumerate(first):
        if not cell or is_number_like(cell, decimal_comma):
            continue
        if (second is None or k >= len(second) or not second[k]
                or is_number_like(second[k], decimal_comma)):
            return True
    return False


def column_names(header, n_cols):
    """Display names of all n_cols columns: the header's, or 'column 1', 'column 2', ..."""
    if header is None:
        return tuple(f"column {k + 1}" for k in range(n_cols))
    return tuple(header[k] or f"column {k + 1}" if k < len(header) else f"column {k + 1}"
                 for k in range(n_cols))


def feature_and_label_names(header, n_cols, label_k):
    """(feature_names, label_name): x1..xn and y without a header, else the header's names."""
    if header is None:
        return tuple(f"x{j + 1}" for j in range(n_cols - 1)), "y"
    named = column_names(header, n_cols)
    return tuple(named[k] for k in range(n_cols) if k != label_k), named[label_k]


def label_index(name, label_column, header, n_cols):
    """The 0-based index of ``label_column`` (a name, an index or its text; None: the last)."""
    if label_column is None:
        return n_cols - 1
    if header is None:
        available = f"the file has no header row, so give an index from 0 to {n_cols - 1}"
    else:
        available = (f"columns: {list_some(repr(h) for h in header[:n_cols])} "
                     f"(or an index 0 to {n_cols - 1})")
    if isinstance(label_column, str):
        wanted = label_column.strip()
        matches = [k for k, h in enumerate((header or ())[:n_cols]) if h == wanted]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise DatasetError(
                f"{name}: label column {wanted!r} appears {len(matches)} times; "
                "give its index instead")
        if not _INDEX.fullmatch(wanted):
            raise DatasetError(f"{name}: no label column {wanted!r}; {available}")
        index = int(wanted)
    elif isinstance(label_column, (int, np.integer)) and not isinstance(label_column, bool):
        index = int(label_column)
    else:
        raise DatasetError(
            f"{name}: label column must be a column name or an index, not {label_column!r}")
    if not -n_cols <= index < n_cols:
        raise DatasetError(f"{name}: no label column with index {index}; {available}")
    return index % n_cols
