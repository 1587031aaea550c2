"""The first rows of a CSV file, read only to show a preview and offer its columns.

The real load always goes through engine.dataset.load_dataset; this reader is
forgiving on purpose (bad bytes are replaced) so there is something to look at
while the engine's message says exactly what is wrong.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from engine.errors import DatasetError

PREVIEW_ROWS = 8
_MAX_PREVIEW_BYTES = 256 * 1024
_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class CsvPreview:
    """columns: one display name per column; rows: the first data rows as lists of text;
    row_numbers: each row's line in the file (1-based, as the engine's messages count)."""

    columns: tuple
    rows: tuple
    row_numbers: tuple
    has_header: bool


def _is_number(cell):
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _looks_like_header(first, second):
    """Same rule as the engine: text on the first row above a number (or nothing) below it."""
    for k, cell in enumerate(first):
        if not cell or _is_number(cell):
            continue
        if second is None or k >= len(second) or not second[k] or _is_number(second[k]):
            return True
    return False


def read_preview(path, max_rows=PREVIEW_ROWS):
    """Read the first ``max_rows`` data rows of the CSV file at ``path``.

    Raises:
        DatasetError: if the file cannot be opened or holds no rows at all.
    """
    file = Path(path)
    try:
        with file.open("rb") as handle:
            data = handle.read(_MAX_PREVIEW_BYTES)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise DatasetError(f"{file.name}: cannot be read ({reason}); check the path") from None
    text = data.decode("utf-8-sig", errors="replace")
    numbered = [(i + 1, line) for i, line in enumerate(text.splitlines()) if line.strip()]
    numbered = numbered[: max_rows + 1]
    if not numbered:
        raise DatasetError(f"{file.name}: the file is empty; need a table of numbers")
    numbers, lines = zip(*numbered)
    counts = [lines[0].count(d) for d in _DELIMITERS]
    delimiter = _DELIMITERS[counts.index(max(counts))] if max(counts) else ","
    try:
        rows = [[cell.strip() for cell in cells]
                for cells in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)]
    except csv.Error as error:
        raise DatasetError(f"{file.name}: cannot be split into cells ({error})") from None
    second = rows[1] if len(rows) > 1 else None
    has_header = _looks_like_header(rows[0], second)
    n_cols = len(rows[0])
    if has_header:
        columns = tuple(cell or f"column {k + 1}" for k, cell in enumerate(rows[0]))
    else:
        columns = tuple(f"column {k + 1}" for k in range(n_cols))
    skip = 1 if has_header else 0
    return CsvPreview(columns, tuple(rows[skip:][:max_rows]), tuple(numbers[skip:][:max_rows]),
                      has_header)
