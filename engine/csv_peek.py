"""The first rows of a CSV file, read only to preview it and offer its columns.

It reads the file the way engine.csv_reader does (encoding, delimiter, decimal comma,
skipped lines, header rule), but only its first lines, and forgives bytes that are not
text so there is something to look at while the reader's message says what is wrong.
A header line is always read whole, however wide, so every column is offered.
"""

from dataclasses import dataclass

from engine.csv_format import (
    describe_format,
    detect_encoding,
    detect_layout,
    split_records,
)
from engine.csv_header import column_names, has_header
from engine.csv_lines import KeptLines
from engine.csv_source import CsvSource
from engine.errors import DatasetError

PREVIEW_ROWS = 8
_PREVIEW_MIN_BYTES = 16 * 1024


@dataclass(frozen=True)
class CsvPeek:
    """columns: a display name for each of the n_cols columns; rows: the first data rows
    as lists of text; row_numbers: each row's line in the file (1-based, as the reader's
    messages count); whole_file: the preview read the whole file; bytes_read: how much
    it read; size: the file's size in bytes, or None for a pipe."""

    columns: tuple
    rows: tuple
    row_numbers: tuple
    has_header: bool
    text_format: str
    whole_file: bool
    bytes_read: int
    size: int | None
    is_regular_file: bool

    @property
    def n_cols(self):
        """How many columns the file has."""
        return len(self.columns)


def peek_csv(path, max_rows=PREVIEW_ROWS):
    """Read the first ``max_rows`` data rows of the CSV file at ``path``.

    Raises:
        DatasetError: if the file cannot be opened or holds no rows at all.
    """
    with CsvSource(path) as source:
        head, whole_file = source.read_head(lines=max_rows + 2, min_bytes=_PREVIEW_MIN_BYTES)
        encoding = detect_encoding(source.name, head, whole_file)
        text = head.decode(encoding.codec, errors="replace")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not whole_file:
            text = text[: text.rfind("\n") + 1]   # the last line may be cut short
        kept = KeptLines([(1, text.removesuffix("\n"))])
        chunks = list(kept)
        lines = [line for chunk_lines, _ in chunks for line in chunk_lines][: max_rows + 1]
        numbers = [row for _, rows in chunks for row in rows][: max_rows + 1]
        if not lines:
            raise DatasetError(f"{source.name}: the file is empty; need a table of numbers")
        layout = detect_layout(lines, kept.sep)
        records = split_records(lines, layout.delimiter)
        header = has_header(records[:2], layout.decimal_comma)
        n_cols = len(records[0]) - (1 if layout.trailing_delimiter else 0)
        columns = column_names(records[0] if header else None, n_cols)
        skip = 1 if header else 0
        return CsvPeek(
            columns=columns,
            rows=tuple(tuple(cells[:n_cols]) for cells in records[skip:][:max_rows]),
            row_numbers=tuple(numbers[skip:][:max_rows]),
            has_header=header,
            text_format=describe_format(encoding, layout, kept.sep is not None,
                                        kept.comment_lines),
            whole_file=whole_file,
            bytes_read=len(head),
            size=source.size,
            is_regular_file=source.is_regular_file,
        )
