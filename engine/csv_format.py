"""How a CSV file is written: its text encoding, its delimiter and its decimal mark.

Everything here is decided from the first lines of the file, so the file is then read
once, front to back, and a pipe works as well as a file on disk.
"""

import codecs
import csv
import re
from dataclasses import dataclass

from engine.errors import DatasetError

# Most specific first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32 (byte order mark)", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32 (byte order mark)", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with a byte order mark", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 (byte order mark)", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 (byte order mark)", "UTF-16"),
)
# Preferred when several are used the same number of times on every line: a file
# separated by ';' or tabs may also hold commas, as decimal marks.
_DELIMITERS = ("\t", ";", ",")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
_EXCEL_SEP_LINE = re.compile(r"\s*sep=(.)\s*", re.IGNORECASE)
_DECIMAL_COMMA_NUMBER = re.compile(r"[+-]?(?:\d+,\d*|,\d+)(?:[eE][+-]?\d+)?", re.ASCII)


@dataclass(frozen=True)
class TextEncoding:
    """codec: a name for codecs.getincrementaldecoder; label: what people are told;
    name: the short name of the encoding."""

    codec: str
    label: str
    name: str = ""

    @property
    def is_utf8(self):
        """True for UTF-8 with or without a byte order mark."""
        return self.codec in ("utf-8", "utf-8-sig")


UTF8 = TextEncoding("utf-8", "UTF-8", "UTF-8")
CP1252 = TextEncoding("cp1252", "Windows-1252 (cp1252), as it is not UTF-8", "cp1252")
LATIN1 = TextEncoding("latin-1", "Latin-1, as it is neither UTF-8 nor cp1252", "Latin-1")


@dataclass(frozen=True)
class CsvLayout:
    """How the lines of a file split into cells.

    delimiter: ',', ';', tab or the character an Excel "sep=" line names.
    decimal_comma: numbers are written 1,5 (only with a delimiter other than ',').
    trailing_delimiter: every line ends with a delimiter, which ends no cell.
    """

    delimiter: str = ","
    decimal_comma: bool = False
    trailing_delimiter: bool = False


def detect_encoding(name, head, whole_file):
    """The TextEncoding of a file whose first bytes are ``head``.

    A byte order mark decides; without one, UTF-8 if the head is valid UTF-8, else
    Windows-1252, else Latin-1 (which takes any byte). UTF-16 without a mark is
    recognised by its zero bytes. Raises DatasetError for a binary file.
    """
    for mark, codec, label, short in _BYTE_ORDER_MARKS:
        if head.startswith(mark):
            return TextEncoding(codec, label, short)
    if b"\x00" in head:
        return _utf16_without_mark(name, head)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=whole_file)
        return UTF8
    except UnicodeDecodeError:
        pass
    try:
        head.decode("cp1252")
        return CP1252
    except UnicodeDecodeError:
        return LATIN1


def _utf16_without_mark(name, head):
    sample = head[:4096]
    even, odd = sample[0::2], sample[1::2]
    if odd and odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return TextEncoding("utf-16-le", "UTF-16 little-endian (no byte order mark)", "UTF-16")
    if even and even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return TextEncoding("utf-16-be", "UTF-16 big-endian (no byte order mark)", "UTF-16")
    raise DatasetError(
        f"{name}: holds zero bytes, so it is a binary file, not a text table; "
        "choose a .csv file saved as text")


def excel_sep_line(line):
    """The delimiter named by an Excel "sep=;" line, or None if ``line`` is not one."""
    match = _EXCEL_SEP_LINE.fullmatch(line)
    return match.group(1) if match else None


def detect_layout(lines, delimiter=None):
    """The CsvLayout of a file whose first non-blank, non-comment lines are ``lines``.

    delimiter: the one an Excel "sep=" line named, if there was one. Otherwise the
    delimiter is the one used the same (non-zero) number of times on every sample
    line, then the one used most on the first line.
    """
    if delimiter is None:
        delimiter = _sniff_delimiter(lines)
    records = split_records(lines, delimiter)
    decimal_comma = delimiter != "," and any(
        _DECIMAL_COMMA_NUMBER.fullmatch(cell) for cells in records[1:] or records
        for cell in cells)
    trailing = (len(records) >= 2 and all(len(cells) >= 2 and cells[-1] == ""
                                          for cells in records[:2]))
    return CsvLayout(delimiter, decimal_comma, trailing)


def _sniff_delimiter(lines):
    if not lines:
        return ","
    consistent = [d for d in _DELIMITERS
                  if lines[0].count(d) > 0 and all(line.count(d) == lines[0].count(d)
                                                   for line in lines)]
    if consistent:
        return consistent[0]
    counts = [lines[0].count(d) for d in _DELIMITERS]
    return _DELIMITERS[counts.index(max(counts))] if max(counts) else ","


def csv_lines(lines):
    """``lines`` with their line ends back, so that a quoted cell keeps its line breaks."""
    return (line + "\n" for line in lines)


def split_records(lines, delimiter):
    """The records in ``lines``, as lists of stripped cells (the csv module's quoting)."""
    try:
        return [[cell.strip() for cell in cells]
                for cells in csv.reader(csv_lines(lines), delimiter=delimiter)]
    except csv.Error:
        return [[cell.strip() for cell in line.split(delimiter)] for line in lines]


def describe_format(encoding, layout, sep_line=False, comment_lines=0):
    """One line for people: 'UTF-8, comma-separated, decimal commas, 2 comment lines skipped'."""
    name = _DELIMITER_NAMES.get(layout.delimiter, repr(layout.delimiter))
    parts = [encoding.label, f"{name}-separated"]
    if layout.decimal_comma:
        parts.append("decimal commas")
    if layout.trailing_delimiter:
        parts.append("a delimiter at the end of each line (ignored)")
    if sep_line:
        parts.append("an Excel 'sep=' line (skipped)")
    if comment_lines:
        plural = "s" if comment_lines != 1 else ""
        parts.append(f"{comment_lines} '#' comment line{plural} (skipped)")
    return ", ".join(parts)
