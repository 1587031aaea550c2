"""Turn a chunk of CSV lines into a float64 array of features and the label cells.

``read_rows`` is the reference: the csv module splits each line and every cell is
checked on its own, so a bad cell gets a message naming its row and column. It is
also slow. ``convert_chunk`` first tries NumPy's C parser on the whole chunk (labels
as numbers, then labels as text) and falls back to the reference whenever that fails,
so it accepts exactly what the reference accepts, and reports what it reports.
"""

import csv
import math
from dataclasses import dataclass

import numpy as np

from engine.csv_format import csv_lines
from engine.csv_labels import NON_FINITE, NUMBER, label_key, show
from engine.errors import DatasetError


@dataclass(frozen=True)
class RowShape:
    """What every data row must look like.

    n_cols: cells per row (a trailing delimiter's empty cell not counted);
    label_k: the label column's index; feature_ks: the other columns, in order;
    feature_names, label_name: for messages; name: the file name for messages.
    """

    name: str
    n_cols: int
    label_k: int
    feature_ks: tuple
    feature_names: tuple
    label_name: str
    delimiter: str = ","
    decimal_comma: bool = False
    trailing_delimiter: bool = False


@dataclass
class Chunk:
    """features: (k, n_x) float64; labels: (k,) float64 numbers or a list of k texts;
    rows: the line each of the k records starts on."""

    features: np.ndarray
    labels: object
    rows: object


def feature_value(cell, where, decimal_comma=False):
    """The finite float in a stripped feature cell; DatasetError otherwise."""
    if not cell:
        raise DatasetError(f"{where}: value is missing; every feature cell needs a number")
    written = cell.replace(",", ".") if decimal_comma else cell
    if NUMBER.fullmatch(written):
        value = float(written)
        if math.isfinite(value):
            return value
        raise DatasetError(f"{where}: {show(cell)} is too large for a float64 number")
    if NON_FINITE.fullmatch(cell):
        raise DatasetError(f"{where}: {show(cell)} is not allowed; features must be finite numbers")
    raise DatasetError(f"{where}: {show(cell)} is not a number; features must be numeric")


def read_rows(lines, rows, shape):
    """The reference conversion of ``lines`` (their line numbers in ``rows``) to a Chunk."""
    reader = csv.reader(csv_lines(lines), delimiter=shape.delimiter)
    features, labels, record_rows = [], [], []
    index = 0
    try:
        for cells in reader:
            row = rows[index]
            index = reader.line_num
            cells = [cell.strip() for cell in cells]
            if len(cells) == shape.n_cols + 1 and not cells[-1]:
                cells.pop()   # a delimiter at the end of the line ends no cell
            if len(cells) != shape.n_cols:
                raise DatasetError(
                    f"{shape.name}, row {row}: has {len(cells)} cells, expected {shape.n_cols} "
                    "like the first row")
            features.append([
                feature_value(cells[k], f"{shape.name}, row {row}, column {column!r}",
                              shape.decimal_comma)
                for k, column in zip(shape.feature_ks, shape.feature_names)])
            text = cells[shape.label_k]
            label_key(text, f"{shape.name}, row {row}, column {shape.label_name!r}",
                      shape.decimal_comma)
            labels.append(text)
            record_rows.append(row)
    except csv.Error as error:
        raise DatasetError(
            f"{shape.name}, row {rows[min(index, len(rows) - 1)]}: cannot be split into cells "
            f"({error})") from None
    array = np.array(features, dtype=np.float64).reshape(len(labels), len(shape.feature_ks))
    return Chunk(array, labels, record_rows)


def convert_chunk(lines, rows, shape):
    """Features and labels of ``lines`` (a list of str), fast where the chunk allows it."""
    joined = "\n".join(lines)
    if '"' in joined:
        return read_rows(lines, rows, shape)
    d = shape.delimiter
    if shape.trailing_delimiter:
        lines = [line.rstrip().removesuffix(d) for line in lines]
        joined = "\n".join(lines)
    numeric_lines = joined.replace(",", ".").split("\n") if shape.decimal_comma else lines
    try:
        table = np.loadtxt(numeric_lines, delimiter=d, dtype=np.float64, ndmin=2,
                           comments=None, quotechar=None)
        if table.shape == (len(lines), shape.n_cols) and np.isfinite(table).all():
            return Chunk(table[:, shape.feature_ks], table[:, shape.label_k], rows)
    except ValueError:
        pass
    return _text_labels(lines, numeric_lines, rows, shape)


def _text_labels(lines, numeric_lines, rows, shape):
    d = shape.delimiter
    if any(line.count(d) != shape.n_cols - 1 for line in lines):
        return read_rows(lines, rows, shape)
    try:
        features = np.loadtxt(numeric_lines, delimiter=d, dtype=np.float64, ndmin=2,
                              comments=None, quotechar=None, usecols=shape.feature_ks)
    except ValueError:
        return read_rows(lines, rows, shape)
    if features.shape != (len(lines), len(shape.feature_ks)) or not np.isfinite(features).all():
        return read_rows(lines, rows, shape)
    k = shape.label_k
    if k == shape.n_cols - 1:
        labels = [line.rpartition(d)[2].strip() for line in lines]
    elif k == 0:
        labels = [line.partition(d)[0].strip() for line in lines]
    else:
        labels = [line.split(d)[k].strip() for line in lines]
    return Chunk(features, labels, rows)
