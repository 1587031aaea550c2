"""The label column of a CSV file: its distinct values, then the 0/1 labels Y made from them.

While a file is read, each row's label becomes a small code into the list of distinct
values seen so far, so millions of rows cost two bytes each, not a Python string each.
"""

import math
import re
from dataclasses import dataclass

import numpy as np

from engine.errors import DatasetError

# Plain ASCII decimals only: float() alone would also take "1_000" or Arabic digits.
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
NON_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.ASCII | re.IGNORECASE)
MAX_CLASSES = 100   # one-vs-rest with more classes than this is not a two-class problem
_MAX_LISTED = 6


def show(cell, limit=30):
    """A cell quoted for a message, shortened if long."""
    return repr(cell if len(cell) <= limit else cell[:limit] + "...")


def list_some(items):
    """'a, b, c, d, e, f and 3 more'."""
    items = list(items)
    shown = ", ".join(str(item) for item in items[:_MAX_LISTED])
    more = len(items) - _MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def number_text(value):
    """How a numeric label is shown: '1' for 1.0, '0.37' for 0.37."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:g}"


@dataclass(frozen=True)
class LabelValue:
    """One distinct value of the label column.

    text: as written in the file (the first time it was seen); number: its value if it
    is a number, else None; first_row: the row where it first appears.
    """

    text: str
    number: float | None
    first_row: int


def label_key(text, where, decimal_comma=False):
    """(key, number) for a stripped label cell: equal keys are the same class.

    Numbers compare by value ("1" and "1.0" are one class), anything else by its text.
    Raises DatasetError for a missing or non-finite label.
    """
    if not text:
        raise DatasetError(f"{where}: label is missing; every row needs a label")
    written = text.replace(",", ".") if decimal_comma else text
    if NUMBER.fullmatch(written):
        value = float(written)
        if not math.isfinite(value):
            raise DatasetError(f"{where}: label {show(text)} is too large for a float64 number")
        return value, value
    if NON_FINITE.fullmatch(text):
        raise DatasetError(f"{where}: label {show(text)} is not allowed; labels must be finite")
    return text, None


class LabelColumn:
    """Collects a label column chunk by chunk: the distinct values and one code per row."""

    def __init__(self, name, label_name, decimal_comma=False, max_values=MAX_CLASSES):
        self._name = name
        self._label_name = label_name
        self._decimal_comma = decimal_comma
        self._max_values = max_values
        self._codes_by_key = {}
        self.values = []
        self._chunks = []

    def where(self, row):
        """'data.csv, row 7, column 'label'' for messages."""
        return f"{self._name}, row {row}, column {self._label_name!r}"

    def add_numbers(self, numbers, rows):
        """Add a chunk of labels already read as finite float64 numbers; rows: their lines."""
        distinct, first, inverse = np.unique(numbers, return_index=True, return_inverse=True)
        codes = np.array([self._code(float(v), float(v), number_text(float(v)), rows[i])
                          for v, i in zip(distinct, first)], dtype=np.int16)
        self._chunks.append(codes[inverse.reshape(-1)])

    def add_texts(self, texts, rows):
        """Add a chunk of stripped label cells; rows: their lines."""
        local = {}
        for i, text in enumerate(texts):
            if text not in local:
                key, number = label_key(text, self.where(rows[i]), self._decimal_comma)
                local[text] = self._code(key, number, text, rows[i])
        self._chunks.append(np.array([local[text] for text in texts], dtype=np.int16))

    def codes(self):
        """One code per row, an index into ``values``; the chunks are let go."""
        codes = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)
        self._chunks = []
        return codes

    def _code(self, key, number, text, row):
        code = self._codes_by_key.get(key)
        if code is None:
            if len(self.values) >= self._max_values:
                self._too_many(LabelValue(text, number, row))
            code = len(self.values)
            self._codes_by_key[key] = code
            self.values.append(LabelValue(text, number, row))
        return code

    def _too_many(self, extra):
        where = f"{self._name}, label column {self._label_name!r}"
        values = self.values + [extra]
        continuous = _first_continuous(values)
        if continuous is not None:
            raise DatasetError(
                f"{where}: holds continuous values ({continuous.text} at row "
                f"{continuous.first_row}); labels must be classes such as 0 and 1")
        raise DatasetError(
            f"{where}: has more than {self._max_values} different values "
            f"({list_some(v.text for v in values)}); labels must be two classes, "
            f"or up to {self._max_values} with one of them as the positive label")


def _first_continuous(values):
    fractional = [v for v in values if v.number is not None and not v.number.is_integer()]
    return min(fractional, key=lambda v: v.first_row) if fractional else None


def _sorted(values):
    if all(v.number is not None for v in values):
        return sorted(values, key=lambda v: v.number)
    return sorted(values, key=lambda v: v.text)


def binary_labels(values, codes, where, positive_label=None):
    """Y (1, m) of 0.0/1.0 from a label column's distinct ``values`` and per-row ``codes``.

    Without a positive label the column must hold the numbers 0 and 1, or two texts,
    which are mapped to 0 and 1 in sorted order. With one, Y = 1 where the label equals
    it (one-vs-rest). Returns (Y, mapping): mapping is None for 0/1 numbers, else
    {label text: 0 or 1}. Raises DatasetError with a message naming ``where``.
    """
    if positive_label is None:
        hits, mapping = _two_classes(values, where)
    else:
        hits, mapping = _one_vs_rest(values, where, positive_label)
    Y = np.asarray(hits, dtype=np.float64)[codes].reshape(1, -1)
    return Y, mapping


def _two_classes(values, where):
    if all(v.number is not None for v in values):
        continuous = _first_continuous(values)
        if continuous is not None:
            raise DatasetError(
                f"{where}: holds continuous values ({continuous.text} at row "
                f"{continuous.first_row}); labels must be two classes such as 0 and 1")
        ordered = _sorted(values)
        shown = [number_text(v.number) for v in ordered]
        if len(values) > 2:
            raise DatasetError(
                f"{where}: has {len(values)} classes ({list_some(shown)}); need exactly two "
                "(0 and 1), or one of them as the positive label (one-vs-rest)")
        if len(values) == 1:
            raise DatasetError(f"{where}: only one class ({shown[0]}); need both 0 and 1")
        if [v.number for v in ordered] != [0.0, 1.0]:
            raise DatasetError(
                f"{where}: numeric labels must be 0 and 1, found {shown[0]} and {shown[1]}; "
                "or choose one of them as the positive label")
        return [v.number == 1.0 for v in values], None
    ordered = _sorted(values)
    if len(values) > 2:
        raise DatasetError(
            f"{where}: has {len(values)} classes ({list_some(repr(v.text) for v in ordered)}); "
            "need exactly two, or one of them as the positive label (one-vs-rest)")
    if len(values) == 1:
        raise DatasetError(f"{where}: only one class ({values[0].text!r}); need exactly two")
    positive = ordered[1]
    return [v is positive for v in values], {ordered[0].text: 0, positive.text: 1}


def _one_vs_rest(values, where, positive_label):
    if isinstance(positive_label, bool) or not isinstance(
            positive_label, (str, int, float, np.integer, np.floating)):
        raise DatasetError(f"{where}: positive label must be text or a number, not {positive_label!r}")
    wanted = str(positive_label).strip()
    if all(v.number is not None for v in values) and NUMBER.fullmatch(wanted):
        target = float(wanted)
        hits = [v.number == target for v in values]
    else:
        hits = [v.text == wanted for v in values]
    ordered = _sorted(values)
    if not any(hits):
        raise DatasetError(
            f"{where}: positive label {wanted!r} not found; values present: "
            f"{list_some(v.text for v in ordered)}")
    if all(hits):
        raise DatasetError(f"{where}: every label is {wanted!r}; need at least one other class")
    hit_of = dict(zip(map(id, values), hits))
    return hits, {v.text: int(hit_of[id(v)]) for v in ordered}
