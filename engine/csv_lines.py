"""The lines of a CSV file that hold records: blank lines, '#' comment lines and an Excel
"sep=" first line are left out, and every kept line keeps its line number."""

import re

from engine.csv_format import excel_sep_line

# A line of only whitespace, or whose first non-blank character is '#'.
_SKIPPED_LINE = re.compile(r"^[^\S\n]*(?:#|$)", re.MULTILINE)


class KeptLines:
    """Iterate over (lines, rows) chunks: lists of record lines and their line numbers.

    blocks: (first_line_number, text) pairs of complete lines, as CsvSource.text_blocks
    yields them. After iterating, ``sep`` is the delimiter an Excel "sep=" line named
    (or None) and ``comment_lines`` how many '#' lines were skipped.
    """

    def __init__(self, blocks):
        self._blocks = blocks
        self.sep = None
        self.comment_lines = 0

    def __iter__(self):
        held = None
        for first, text in self._blocks:
            if held is not None:
                first, text = held[0], held[1] + "\n" + text
                held = None
            # A quoted cell may run over a line break: keep whole records together.
            if '"' in text and text.count('"') % 2:
                held = (first, text)
                continue
            chunk = self._kept(first, text)
            if chunk[0]:
                yield chunk
        if held is not None:
            chunk = self._kept(*held)
            if chunk[0]:
                yield chunk

    def _kept(self, first, text):
        lines = text.split("\n")
        rows = range(first, first + len(lines))
        if first == 1 and (sep := excel_sep_line(lines[0])) is not None:
            self.sep = sep
            lines, rows = lines[1:], rows[1:]
        if _SKIPPED_LINE.search(text):
            kept = []
            for i, line in enumerate(lines):
                stripped = line.strip()
                if stripped.startswith("#"):
                    self.comment_lines += 1
                elif stripped:
                    kept.append(i)
            lines = [lines[i] for i in kept]
            rows = [rows[i] for i in kept]
        return lines, rows
