"""Read a numeric CSV file into X (n_x, m) and binary labels Y (1, m).

Anything wrong with the file becomes a DatasetError whose one-line message
names the file and, where it applies, the row (1-based, as an editor shows it)
and the column. No other exception escapes ``read_csv``.
"""

import csv
import io
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.errors import DatasetError

# Plain ASCII decimals only: float() alone would also take "1_000" or Arabic digits.
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_ROW_OF_NUMBERS = re.compile(rf"(?:{_NUMBER.pattern}\x1f)*{_NUMBER.pattern}", re.ASCII)
_NON_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.ASCII | re.IGNORECASE)
_INDEX = re.compile(r"[+-]?\d{1,9}", re.ASCII)
_DELIMITERS = (",", ";", "\t")
_BOM = b"\xef\xbb\xbf"
_MAX_LISTED = 6
_MAX_ONE_VS_REST_VALUES = 100


@dataclass(frozen=True)
class CsvData:
    """A parsed CSV file, with read-only arrays.

    X: (n_x, m) float64 features, examples in columns.
    Y: (1, m) float64 labels, 0.0 or 1.0.
    feature_names: n_x column names, in file order.
    label_name: name of the label column.
    label_mapping: original label text -> 0/1, or None if the file already held 0/1.
    path: the path that was read.
    """

    X: np.ndarray
    Y: np.ndarray
    feature_names: tuple
    label_name: str
    label_mapping: dict | None
    path: str


def _all_numbers(cells):
    # One regex call per row instead of one per cell; "\x1f" cannot occur in a stripped cell
    # that matched, and a cell containing it fails the match as it should.
    return bool(_ROW_OF_NUMBERS.fullmatch("\x1f".join(cells)))


def _is_number_like(cell):
    return bool(_NUMBER.fullmatch(cell) or _NON_FINITE.fullmatch(cell))


def _show(cell, limit=30):
    return repr(cell if len(cell) <= limit else cell[:limit] + "...")


def _list_some(items):
    items = list(items)
    shown = ", ".join(str(item) for item in items[:_MAX_LISTED])
    more = len(items) - _MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def _read_bytes(path):
    if isinstance(path, bytes) or not isinstance(path, (str, os.PathLike)):
        raise DatasetError(f"{path!r} is not a file path; give the path of a .csv file as text")
    file = Path(path)
    try:
        is_dir, is_file = file.is_dir(), file.is_file()
        data = file.read_bytes() if is_file else b""
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise DatasetError(f"{file}: cannot be read ({reason}); check the path") from None
    except ValueError:
        raise DatasetError(f"{str(file)!r}: is not a valid file path") from None
    if is_dir:
        raise DatasetError(f"{file}: is a folder, not a file; choose a .csv file")
    if not is_file:
        raise DatasetError(f"{file}: no such file; check the path and the file name")
    return file.name, data


def _decode(name, data):
    skipped = len(_BOM) if data.startswith(_BOM) else 0
    try:
        return data[skipped:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + skipped
        row = data.count(b"\n", 0, offset) + 1
        raise DatasetError(
            f"{name}, row {row}: byte 0x{data[offset]:02x} at offset {offset} is not UTF-8 text; "
            "save the file as UTF-8"
        ) from None


def _sniff_delimiter(text):
    for line in text.splitlines():
        if line.strip():
            counts = [line.count(d) for d in _DELIMITERS]
            return _DELIMITERS[counts.index(max(counts))] if max(counts) else ","
    return ","


def _split_rows(name, text):
    """Return [(row_number, cells)] for every non-blank record, cells stripped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    rows = []
    previous_line = 0
    try:
        for cells in reader:
            first_line = previous_line + 1
            previous_line = reader.line_num
            if len(cells) <= 1 and not "".join(cells).strip():
                continue
            rows.append((first_line, [cell.strip() for cell in cells]))
    except csv.Error as error:
        raise DatasetError(
            f"{name}, row {previous_line + 1}: cannot be split into cells ({error})"
        ) from None
    return rows


def _has_header(rows):
    """A column with text on the first row but a number (or nothing) below it is a header."""
    first = rows[0][1]
    second = rows[1][1] if len(rows) > 1 else None
    for k, cell in enumerate(first):
        if not cell or _is_number_like(cell):
            continue
        if second is None or k >= len(second) or not second[k] or _is_number_like(second[k]):
            return True
    return False


def _label_index(name, label_column, header, n_cols):
    if label_column is None:
        return n_cols - 1
    if header is None:
        available = f"the file has no header row, so give an index from 0 to {n_cols - 1}"
    else:
        available = f"columns: {_list_some(repr(h) for h in header)} (or an index 0 to {n_cols - 1})"
    if isinstance(label_column, str):
        wanted = label_column.strip()
        matches = [k for k, h in enumerate(header or ()) if h == wanted]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise DatasetError(
                f"{name}: label column {wanted!r} appears {len(matches)} times; "
                "give its index instead"
            )
        if not _INDEX.fullmatch(wanted):
            raise DatasetError(f"{name}: no label column {wanted!r}; {available}")
        index = int(wanted)
    elif isinstance(label_column, (int, np.integer)) and not isinstance(label_column, bool):
        index = int(label_column)
    else:
        raise DatasetError(
            f"{name}: label column must be a column name or an index, not {label_column!r}"
        )
    if not -n_cols <= index < n_cols:
        raise DatasetError(f"{name}: no label column with index {index}; {available}")
    return index % n_cols


def _feature_value(cell, where):
    if not cell:
        raise DatasetError(f"{where}: value is missing; every feature cell needs a number")
    if _NUMBER.fullmatch(cell):
        value = float(cell)
        if math.isfinite(value):
            return value
        raise DatasetError(f"{where}: {_show(cell)} is too large for a float64 number")
    if _NON_FINITE.fullmatch(cell):
        raise DatasetError(f"{where}: {_show(cell)} is not allowed; features must be finite numbers")
    raise DatasetError(f"{where}: {_show(cell)} is not a number; features must be numeric")


def _label_value(cell, where):
    """A float for a numeric label, the text itself otherwise."""
    if not cell:
        raise DatasetError(f"{where}: label is missing; every row needs a label")
    if _NON_FINITE.fullmatch(cell):
        raise DatasetError(f"{where}: label {_show(cell)} is not allowed; labels must be finite")
    if _NUMBER.fullmatch(cell):
        value = float(cell)
        if not math.isfinite(value):
            raise DatasetError(f"{where}: label {_show(cell)} is too large for a float64 number")
        return value
    return cell


def _one_vs_rest(where, cells, values, positive_label):
    """Y = 1 where the label equals positive_label; report every original value's class."""
    if isinstance(positive_label, bool) or not isinstance(
        positive_label, (str, int, float, np.integer, np.floating)
    ):
        raise DatasetError(f"{where}: positive label must be text or a number, not {positive_label!r}")
    wanted = str(positive_label).strip()
    if all(isinstance(v, float) for v in values) and _NUMBER.fullmatch(wanted):
        target = float(wanted)
        hits = [v == target for v in values]
    else:
        hits = [cell == wanted for cell in cells]
    distinct = sorted(set(cells))
    if len(distinct) > _MAX_ONE_VS_REST_VALUES:
        raise DatasetError(
            f"{where}: has {len(distinct)} distinct values; one-vs-rest needs at most "
            f"{_MAX_ONE_VS_REST_VALUES} classes"
        )
    if not any(hits):
        raise DatasetError(
            f"{where}: positive label {wanted!r} not found; values present: {_list_some(distinct)}"
        )
    if all(hits):
        raise DatasetError(f"{where}: every label is {wanted!r}; need at least one other class")
    mapping = {cell: int(hit) for cell, hit in sorted(dict(zip(cells, hits)).items())}
    return hits, mapping


def _two_classes(where, cells, values, rows):
    """Y from labels that are already 0/1 numbers, or two distinct texts mapped in sorted order."""
    if all(isinstance(v, float) for v in values):
        for (row, _), value in zip(rows, values):
            if value != round(value):
                raise DatasetError(
                    f"{where}: holds continuous values ({value:g} at row {row}); "
                    "labels must be two classes such as 0 and 1"
                )
        distinct = sorted(set(values))
        shown = [f"{v:g}" for v in distinct]
        if len(distinct) > 2:
            raise DatasetError(
                f"{where}: has {len(distinct)} classes ({_list_some(shown)}); "
                "need exactly two (0 and 1), or choose a positive label for one-vs-rest"
            )
        if len(distinct) == 1:
            raise DatasetError(f"{where}: only one class ({shown[0]}); need both 0 and 1")
        if distinct != [0.0, 1.0]:
            raise DatasetError(
                f"{where}: numeric labels must be 0 and 1, found {shown[0]} and {shown[1]}"
            )
        return [v == 1.0 for v in values], None
    distinct = sorted(set(cells))
    if len(distinct) > 2:
        raise DatasetError(
            f"{where}: has {len(distinct)} classes ({_list_some(repr(d) for d in distinct)}); "
            "need exactly two, or choose a positive label for one-vs-rest"
        )
    if len(distinct) == 1:
        raise DatasetError(f"{where}: only one class ({distinct[0]!r}); need exactly two")
    mapping = {distinct[0]: 0, distinct[1]: 1}
    return [cell == distinct[1] for cell in cells], mapping


def read_csv(path, label_column=None, positive_label=None):
    """Read a CSV file of numeric features and a binary label column.

    The first row is a header if it has text where the row below has a number;
    without a header, columns are named x1..xn and the label y. The delimiter is
    a comma, a semicolon or a tab, whichever the first line uses most.

    Args:
        path: str or os.PathLike of a UTF-8 text file (a BOM is fine).
        label_column: column name, or 0-based index (int or its text; negative
            counts from the end); default the last column.
        positive_label: if given, Y = 1 where the label equals it and 0 elsewhere
            (one-vs-rest). Otherwise labels must be the numbers 0/1 or two distinct
            texts, which are mapped to 0/1 in sorted order.

    Returns:
        CsvData with X (n_x, m) and Y (1, m), both float64 and read-only.

    Raises:
        DatasetError: for anything that makes the file unusable, and nothing else.
    """
    name, data = _read_bytes(path)
    rows = _split_rows(name, _decode(name, data))
    if not rows:
        raise DatasetError(f"{name}: the file is empty; need a table of numbers with a label column")
    header = rows[0][1] if _has_header(rows) else None
    body = rows[1:] if header is not None else rows
    n_cols = len(rows[0][1])
    if n_cols < 2:
        raise DatasetError(
            f"{name}: found 1 column; need at least one feature column and a label column "
            "separated by commas"
        )
    if not body:
        raise DatasetError(f"{name}: has a header row but no data rows")
    for row, cells in body:
        if len(cells) != n_cols:
            raise DatasetError(
                f"{name}, row {row}: has {len(cells)} cells, expected {n_cols} "
                f"like row {rows[0][0]}"
            )

    label_k = _label_index(name, label_column, header, n_cols)
    feature_ks = [k for k in range(n_cols) if k != label_k]
    if header is None:
        feature_names = tuple(f"x{j + 1}" for j in range(len(feature_ks)))
        label_name = "y"
    else:
        named = [h or f"column {k + 1}" for k, h in enumerate(header)]
        feature_names = tuple(named[k] for k in feature_ks)
        label_name = named[label_k]

    features = []
    for row, cells in body:
        picked = [cells[k] for k in feature_ks]
        if not _all_numbers(picked):
            for cell, column in zip(picked, feature_names):
                _feature_value(cell, f"{name}, row {row}, column {column!r}")
        features.append(picked)
    X = np.array(features, dtype=np.float64).T
    if not np.all(np.isfinite(X)):
        j, i = np.argwhere(~np.isfinite(X))[0]
        row, cells = body[i]
        _feature_value(cells[feature_ks[j]], f"{name}, row {row}, column {feature_names[j]!r}")

    label_cells = [cells[label_k] for _, cells in body]
    label_where = f"{name}, label column {label_name!r}"
    values = [
        _label_value(cell, f"{name}, row {row}, column {label_name!r}")
        for (row, _), cell in zip(body, label_cells)
    ]
    if positive_label is None:
        hits, mapping = _two_classes(label_where, label_cells, values, body)
    else:
        hits, mapping = _one_vs_rest(label_where, label_cells, values, positive_label)

    X = np.ascontiguousarray(X)
    Y = np.array(hits, dtype=np.float64).reshape(1, -1)
    X.flags.writeable = False
    Y.flags.writeable = False
    return CsvData(X, Y, feature_names, label_name, mapping, str(path))
