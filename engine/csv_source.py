"""The bytes of a CSV file as lines of text, read in blocks: never the whole file at once.

A regular file, a pipe (``--csv <(cat f)``) and /dev/stdin all work: nothing here seeks,
except to read a regular file a second time when its text turns out not to be UTF-8
after all.
"""

import codecs
import os
import stat
from pathlib import Path

from engine.errors import DatasetError

BLOCK_BYTES = 512 * 1024
HEAD_LINES = 24
HEAD_MIN_BYTES = 64 * 1024
HEAD_MAX_BYTES = 64 * 1024 * 1024


class Undecodable(Exception):
    """Bytes that are not text in the encoding chosen from the start of the file.

    offset: of the first bad byte; byte: its value; row: its line, or None if unknown.
    """

    def __init__(self, offset, byte, row):
        super().__init__(offset, byte, row)
        self.offset, self.byte, self.row = offset, byte, row


class CsvSource:
    """An open CSV file, read once from front to back (use it in a ``with`` block).

    name: the file name for messages; size: its length in bytes, or None for a pipe;
    bytes_read: how far reading has got, for a progress bar.
    """

    def __init__(self, path):
        if isinstance(path, bytes) or not isinstance(path, (str, os.PathLike)):
            raise DatasetError(f"{path!r} is not a file path; give the path of a .csv file as text")
        file = Path(path)
        self.name = file.name or str(file)
        try:
            info = os.stat(file)
            if stat.S_ISDIR(info.st_mode):
                raise DatasetError(f"{file}: is a folder, not a file; choose a .csv file")
            self._file = open(file, "rb")  # noqa: SIM115 - closed by close()
        except FileNotFoundError:
            raise DatasetError(f"{file}: no such file; check the path and the file name") from None
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise DatasetError(f"{file}: cannot be read ({reason}); check the path") from None
        except ValueError:
            raise DatasetError(f"{str(file)!r}: is not a valid file path") from None
        self.is_regular_file = stat.S_ISREG(info.st_mode)
        self.size = info.st_size if self.is_regular_file else None
        self.bytes_read = 0

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()

    def close(self):
        """Close the file; safe to call more than once."""
        self._file.close()

    def rewind(self):
        """Start again from the first byte; only a regular file can."""
        self._file.seek(0)
        self.bytes_read = 0

    def read_head(self, lines=HEAD_LINES, min_bytes=HEAD_MIN_BYTES):
        """The first bytes: at least ``lines`` lines when the file has them.

        Returns (head, whole_file): whole_file is True when the head is the whole file.
        """
        parts = [self._read(min_bytes)]
        size = len(parts[0])
        while (size < HEAD_MAX_BYTES and len(parts[-1]) and
               sum(part.count(b"\n") for part in parts) < lines):
            parts.append(self._read(max(size, BLOCK_BYTES)))
            size += len(parts[-1])
        whole_file = not parts[-1] or (len(parts) == 1 and size < min_bytes)
        return b"".join(parts), whole_file

    def text_blocks(self, encoding, head):
        """Yield (first_line_number, text) for the whole file, ``head`` first.

        Each text holds complete lines joined by "\\n" (any line ending becomes "\\n"),
        numbered from 1 as an editor does. Raises Undecodable for bytes that are not
        text in ``encoding`` (a TextEncoding).
        """
        decoder = codecs.getincrementaldecoder(encoding.codec)()
        carry = ""
        line_number = 1
        newlines_before = 0
        raw = head
        offset = 0
        while True:
            final = not raw
            try:
                text = decoder.decode(raw, final=final)
            except UnicodeDecodeError as error:
                raise self._undecodable(decoder, error, raw, offset, newlines_before,
                                        encoding) from None
            newlines_before += raw.count(b"\n")
            offset += len(raw)
            piece = carry + text
            hold = ""
            if not final and piece.endswith("\r"):
                piece, hold = piece[:-1], "\r"   # a "\r\n" may be split between two blocks
            if "\r" in piece:
                piece = piece.replace("\r\n", "\n").replace("\r", "\n")
            if final:
                complete, carry = piece.removesuffix("\n"), ""
            else:
                cut = piece.rfind("\n")
                if cut < 0:
                    carry = piece + hold
                    raw = self._read(BLOCK_BYTES)
                    continue
                complete, carry = piece[:cut], piece[cut + 1:] + hold
            if complete or not final:
                yield line_number, complete
            line_number += complete.count("\n") + 1
            if final:
                return
            raw = self._read(BLOCK_BYTES)

    def _read(self, count):
        try:
            data = self._file.read(count)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise DatasetError(f"{self.name}: cannot be read ({reason})") from None
        self.bytes_read += len(data)
        return data

    @staticmethod
    def _undecodable(decoder, error, raw, offset, newlines_before, encoding):
        buffered = len(decoder.getstate()[0])
        start = max(error.start - buffered, 0)
        row = None
        if encoding.is_utf8:
            row = newlines_before + raw[:start].count(b"\n") + 1
        byte = error.object[error.start] if error.start < len(error.object) else 0
        return Undecodable(offset - buffered + error.start, byte, row)
