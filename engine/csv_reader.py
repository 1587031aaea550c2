"""Read a numeric CSV file into X (n_x, m) and binary labels Y (1, m).

The file is read once, in blocks, and each block of lines becomes a float64 array at
once, so the text, Python lists and the arrays are never all held together: loading
needs about PEAK_FACTOR times the memory of the numbers themselves. A file that cannot
fit in the memory that is free is refused before its rows are read.

Anything wrong with the file becomes a DatasetError whose one-line message names the
file and, where it applies, the row (1-based, as an editor shows it) and the column.
No other exception escapes, except LoadCancelled when ``should_stop`` asks for it.
"""

import csv
import itertools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.config import MAX_UNITS
from engine.csv_format import (
    CP1252,
    LATIN1,
    UTF8,
    csv_lines,
    describe_format,
    detect_encoding,
    detect_layout,
)
from engine.csv_header import feature_and_label_names, has_header, label_index
from engine.csv_labels import LabelColumn, LabelValue, binary_labels
from engine.csv_lines import KeptLines
from engine.csv_rows import RowShape, convert_chunk
from engine.csv_source import HEAD_LINES, CsvSource, Undecodable
from engine.errors import DatasetError, LoadCancelled
from engine.memory import available_memory, format_bytes

# Peak memory of a load over the memory of its numbers (X and Y as float64): the chunks
# and X while X is put together, then the train and test splits (benchmarks/bench_csv.py).
PEAK_FACTOR = 3
_FALLBACK = {UTF8.codec: CP1252, "utf-8-sig": CP1252, CP1252.codec: LATIN1}


@dataclass(frozen=True)
class CsvTable:
    """A parsed CSV file before its labels are made 0/1; arrays read-only.

    X: (n_x, m) float64 features, examples in columns.
    label_codes: (m,) int16, each row's index into label_values.
    label_values: the distinct labels (LabelValue), in order of first appearance.
    feature_names, label_name: column names (x1.., y without a header row).
    path: the path that was read; text_format: how it was written, for people.
    """

    X: np.ndarray
    label_codes: np.ndarray
    label_values: tuple
    feature_names: tuple
    label_name: str
    path: str
    text_format: str
    encoding_name: str

    @property
    def label_where(self):
        """'data.csv, label column 'y'' for messages about the labels."""
        return f"{Path(self.path).name}, label column {self.label_name!r}"


@dataclass(frozen=True)
class CsvData:
    """A parsed CSV file, with read-only arrays.

    X: (n_x, m) float64 features, examples in columns.
    Y: (1, m) float64 labels, 0.0 or 1.0.
    feature_names: n_x column names, in file order.
    label_name: name of the label column.
    label_mapping: original label text -> 0/1, or None if the file already held 0/1.
    path: the path that was read.
    text_format: encoding, delimiter and what was skipped, for people.
    encoding_name: the text encoding the file was read as: "UTF-8", "cp1252", ...
    """

    X: np.ndarray
    Y: np.ndarray
    feature_names: tuple
    label_name: str
    label_mapping: dict | None
    path: str
    text_format: str = ""
    encoding_name: str = "UTF-8"


def read_csv(path, label_column=None, positive_label=None, *, progress=None, should_stop=None):
    """Read a CSV file of numeric features and a binary label column.

    The first row is a header if it has text where the row below has a number;
    without a header, columns are named x1..xn and the label y. See read_table for
    the rest. ``positive_label``: if given, Y = 1 where the label equals it and 0
    elsewhere (one-vs-rest). Otherwise labels must be the numbers 0/1 or two distinct
    texts, which are mapped to 0/1 in sorted order.

    Returns:
        CsvData with X (n_x, m) and Y (1, m), both float64 and read-only.
    """
    table = read_table(path, label_column, progress=progress, should_stop=should_stop)
    return csv_data(table, positive_label)


def csv_data(table, positive_label=None):
    """CsvData from a CsvTable: its labels made 0/1 (see read_csv); DatasetError if they cannot."""
    Y, mapping = binary_labels(table.label_values, table.label_codes, table.label_where,
                               positive_label)
    Y.flags.writeable = False
    return CsvData(table.X, Y, table.feature_names, table.label_name, mapping, table.path,
                   table.text_format, table.encoding_name)


def read_table(path, label_column=None, *, progress=None, should_stop=None,
               max_features=MAX_UNITS):
    """Read the features and the label column of a CSV file, block by block.

    The text may be UTF-8 (with or without a byte order mark), UTF-16 or UTF-32 with a
    byte order mark, or else Windows-1252; the delimiter a comma, a semicolon or a tab
    (or what an Excel "sep=" first line names); numbers may use decimal commas when the
    delimiter is not a comma. Blank lines, lines starting with '#' and a delimiter at
    the end of every line are ignored. Pipes and /dev/stdin work as well as files.

    Args:
        path: str or os.PathLike.
        label_column: column name, or 0-based index (int or its text; negative
            counts from the end); default the last column.
        progress: called as progress(bytes_read, total_bytes or None, rows) after each block.
        should_stop: called between blocks; reading stops with LoadCancelled once it
            returns True.
        max_features: the most feature columns allowed (the network's input limit).

    Returns:
        CsvTable.

    Raises:
        DatasetError: for anything that makes the file unusable.
        LoadCancelled: when should_stop returned True.
    """
    with CsvSource(path) as source:
        encoding = None
        while True:
            head, whole_file = source.read_head()
            encoding = encoding or detect_encoding(source.name, head, whole_file)
            try:
                return _read(source, head, encoding, str(path), label_column, progress,
                             should_stop, max_features)
            except Undecodable as bad:
                # Only the head chose the encoding: a later byte may prove it wrong.
                fallback = _FALLBACK.get(encoding.codec)
                if not source.is_regular_file or fallback is None:
                    raise _not_text(source.name, bad, encoding) from None
                source.rewind()
                encoding = fallback
            except MemoryError:
                raise DatasetError(
                    f"{source.name}: there is not enough free memory to read this file; "
                    "use fewer rows or close other programs") from None


def _not_text(name, bad, encoding):
    where = f"{name}, row {bad.row}" if bad.row is not None else name
    return DatasetError(
        f"{where}: byte 0x{bad.byte:02x} at offset {bad.offset} is not {encoding.label} text "
        "like the start of the file; save the whole file as UTF-8")


def _read(source, head, encoding, path, label_column, progress, should_stop, max_features):
    name = source.name
    kept = KeptLines(source.text_blocks(encoding, head))
    chunks = iter(kept)
    pending = list(_first_chunks(chunks))
    sample = [line for lines, _ in pending for line in lines][:HEAD_LINES]
    if not sample:
        raise DatasetError(f"{name}: the file is empty; need a table of numbers with a label column")
    layout = detect_layout(sample, kept.sep)
    reader = csv.reader(csv_lines(sample), delimiter=layout.delimiter)
    try:
        first = [cell.strip() for cell in next(reader)]
        header_lines = reader.line_num
        second = [cell.strip() for cell in next(reader, [])]
    except csv.Error as error:
        raise DatasetError(f"{name}, row {pending[0][1][0]}: cannot be split into cells "
                           f"({error})") from None
    header = first if has_header([first, second] if second else [first],
                                 layout.decimal_comma) else None
    n_cols = len(first) - (1 if layout.trailing_delimiter else 0)
    if n_cols < 2:
        raise DatasetError(
            f"{name}: found 1 column; need at least one feature column and a label column "
            "separated by commas, semicolons or tabs")
    if n_cols - 1 > max_features:
        raise DatasetError(
            f"{name}: has {n_cols - 1:,} feature columns; the network takes at most "
            f"{max_features} inputs (one per feature), so use a file with at most "
            f"{max_features + 1} columns, the label included")
    label_k = label_index(name, label_column, header, n_cols)
    feature_names, label_name = feature_and_label_names(header, n_cols, label_k)
    _check_memory(source, head, n_cols)
    if header is not None:
        lines, rows = pending[0]
        pending[0] = (lines[header_lines:], rows[header_lines:])
    shape = RowShape(name, n_cols, label_k, tuple(k for k in range(n_cols) if k != label_k),
                     feature_names, label_name, layout.delimiter, layout.decimal_comma,
                     layout.trailing_delimiter)
    labels = LabelColumn(name, label_name, layout.decimal_comma)
    parts = _read_rows(itertools.chain(pending, chunks), shape, labels, source, progress,
                       should_stop)
    m = sum(len(part) for part in parts)
    if m == 0:
        raise DatasetError(f"{name}: has a header row but no data rows")
    codes = labels.codes()
    X = _columns(parts, len(feature_names), m)
    codes.flags.writeable = False
    text_format = describe_format(encoding, layout, kept.sep is not None, kept.comment_lines)
    return CsvTable(X, codes, tuple(labels.values), feature_names, label_name, path,
                    text_format, encoding.name)


def _first_chunks(chunks):
    """Chunks from the start until they hold HEAD_LINES lines (or the file ends)."""
    count = 0
    for lines, rows in chunks:
        yield lines, rows
        count += len(lines)
        if count >= HEAD_LINES:
            return


def _check_memory(source, head, n_cols):
    available = available_memory()
    if source.size is None or available is None or not head:
        return
    bytes_per_line = len(head) / max(head.count(b"\n"), 1)
    rows = source.size / bytes_per_line
    need = PEAK_FACTOR * rows * (n_cols * 8)
    if need > available:
        raise DatasetError(
            f"{source.name}: {format_bytes(source.size)} with about {rows:,.0f} rows of "
            f"{n_cols} columns needs about {format_bytes(need)} of memory to load, but "
            f"{format_bytes(available)} is free; use a file with fewer rows")


def _read_rows(chunks, shape, labels, source, progress, should_stop):
    """The feature arrays of every chunk, in order; labels go into ``labels``."""
    parts = []
    stored = m = 0
    room = available_memory()
    for lines, rows in chunks:
        if should_stop is not None and should_stop():
            raise LoadCancelled(f"{shape.name}: loading was cancelled")
        if not lines:
            continue
        chunk = convert_chunk(lines, rows, shape)
        if isinstance(chunk.labels, np.ndarray):
            labels.add_numbers(chunk.labels, chunk.rows)
        else:
            labels.add_texts(chunk.labels, chunk.rows)
        parts.append(chunk.features)
        m += len(chunk.features)
        stored += chunk.features.nbytes + 8 * len(chunk.features)
        if room is not None and PEAK_FACTOR * stored > room:
            raise DatasetError(
                f"{shape.name}: after {m:,} rows there is not enough free memory "
                f"({format_bytes(room)}) to hold the rest; use fewer rows")
        if progress is not None:
            progress(source.bytes_read, source.size, m)
    return parts


def _columns(parts, n_x, m):
    """X (n_x, m), read-only, from (k, n_x) parts; each part is let go once copied."""
    X = np.empty((n_x, m), dtype=np.float64)
    start = 0
    parts.reverse()
    while parts:
        part = parts.pop()
        X[:, start:start + len(part)] = part.T
        start += len(part)
    X.flags.writeable = False
    return X


__all__ = ["CsvData", "CsvTable", "LabelValue", "csv_data", "read_csv", "read_table"]
