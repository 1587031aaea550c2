"""Awkward but valid CSV files load with the right values; the reader says how it read them."""

import codecs
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from engine.csv_peek import peek_csv
from engine.csv_reader import read_csv
from engine.csv_source import HEAD_MIN_BYTES
from engine.errors import DatasetError

REPO_ROOT = Path(__file__).resolve().parents[2]
TABLE = "höhe,breite,klasse\n1.5,2,ja\n-3,4.25,nein\n5,6,ja\n"


def write_bytes(tmp_path, data, name="data.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def check_table(data):
    assert data.feature_names == ("höhe", "breite")
    assert data.label_name == "klasse"
    assert np.array_equal(data.X, [[1.5, -3, 5], [2, 4.25, 6]])
    assert np.array_equal(data.Y, [[0, 1, 0]])
    assert data.label_mapping == {"ja": 0, "nein": 1}


@pytest.mark.parametrize(("encode", "named"), [
    (lambda t: t.encode("utf-8"), "UTF-8"),
    (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "UTF-8 with a byte order mark"),
    (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "UTF-16 (byte order mark)"),
    (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "UTF-16 (byte order mark)"),
    (lambda t: t.encode("utf-16"), "UTF-16 (byte order mark)"),
    (lambda t: t.encode("utf-16-le"), "UTF-16 little-endian (no byte order mark)"),
    (lambda t: t.encode("cp1252"), "Windows-1252 (cp1252)"),
])
def test_encodings_are_detected_and_named(tmp_path, encode, named):
    path = write_bytes(tmp_path, encode(TABLE))
    data = read_csv(path)
    check_table(data)
    assert data.text_format.startswith(named)
    assert peek_csv(path).columns == ("höhe", "breite", "klasse")


def test_cp1252_punctuation_is_decoded(tmp_path):
    # 0x80 is the euro sign and 0x93/0x94 curly quotes in cp1252; Latin-1 has no such letters.
    path = write_bytes(tmp_path, "x,label\n1,\u20ac\n2,\u201cok\u201d\n".encode("cp1252"))
    data = read_csv(path)
    assert data.label_mapping == {"\u201cok\u201d": 0, "\u20ac": 1}
    assert data.encoding_name == "cp1252"


def test_bytes_cp1252_lacks_fall_back_to_latin1(tmp_path):
    data = read_csv(write_bytes(tmp_path, b"x,label\n1,a\x81\n2,b\n"))
    assert data.label_mapping == {"a\x81": 0, "b": 1}
    assert data.encoding_name == "Latin-1"


def test_utf8_file_with_a_late_cp1252_byte_is_read_again_as_cp1252(tmp_path):
    rows = "".join(f"{i},{i % 2}\n" for i in range(40_000))   # far past the head
    path = write_bytes(tmp_path, ("x,label\n" + rows).encode() + b"7,caf\xe9\n8,caf\xe9\n")
    assert path.stat().st_size > HEAD_MIN_BYTES
    message = error_of_read(path)
    assert "has 3 classes" in message and "'café'" in message
    data = read_csv(path, positive_label="café")
    assert data.encoding_name == "cp1252"
    assert int(data.Y.sum()) == 2


def test_decimal_commas_with_semicolons(tmp_path):
    path = write_bytes(tmp_path, b"a;b;label\n1,5;-2,25;0\n3;,5;1\n1e3;2,5e-1;1\n")
    data = read_csv(path)
    assert np.array_equal(data.X, [[1.5, 3, 1000], [-2.25, 0.5, 0.25]])
    assert np.array_equal(data.Y, [[0, 1, 1]])
    assert "semicolon-separated, decimal commas" in data.text_format


def test_decimal_commas_with_tabs_and_no_header(tmp_path):
    data = read_csv(write_bytes(tmp_path, b"1,5\t2\tyes\n3\t4,75\tno\n"))
    assert np.array_equal(data.X, [[1.5, 3], [2, 4.75]])
    assert data.feature_names == ("x1", "x2")


def test_decimal_comma_labels_are_numbers(tmp_path):
    data = read_csv(write_bytes(tmp_path, b"a;label\n1;0,0\n2;1,0\n"))
    assert data.label_mapping is None
    assert np.array_equal(data.Y, [[0, 1]])


def test_excel_sep_line_is_skipped_and_names_the_delimiter(tmp_path):
    data = read_csv(write_bytes(tmp_path, b"sep=;\r\na;b;label\r\n1;2;0\r\n3;4;1\r\n"))
    assert data.feature_names == ("a", "b")
    assert np.array_equal(data.X, [[1, 3], [2, 4]])
    assert "'sep=' line (skipped)" in data.text_format


def test_excel_sep_line_with_pipes(tmp_path):
    data = read_csv(write_bytes(tmp_path, b"sep=|\na|b|label\n1|2|0\n3|4|1\n"))
    assert np.array_equal(data.X, [[1, 3], [2, 4]])


def test_comment_lines_are_skipped_and_rows_keep_their_numbers(tmp_path):
    path = write_bytes(tmp_path, b"# exported by hand\na,b,label\n  # note\n1,2,0\n\n3,x,1\n")
    message = error_of_read(path)
    assert "row 6" in message and "'x'" in message
    data = read_csv(write_bytes(tmp_path, b"# one\n# two\na,label\n1,0\n#3\n2,1\n", "ok.csv"))
    assert np.array_equal(data.X, [[1, 2]])
    assert "3 '#' comment lines (skipped)" in data.text_format


@pytest.mark.parametrize("text", [
    "a,b,label,\n1,2,0,\n3,4,1,\n",
    "a,b,label,\r\n1,2,0, \r\n3,4,1,\r\n",
    "1,2,0,\n3,4,1,\n",
    "a;b;label;\n1,5;2;0;\n3;4;1;\n",
])
def test_a_delimiter_at_the_end_of_each_line_is_tolerated(tmp_path, text):
    data = read_csv(write_bytes(tmp_path, text.encode()))
    assert data.X.shape == (2, 2)
    assert np.array_equal(data.X[1], [2, 4])
    assert np.array_equal(data.Y, [[0, 1]])


def test_one_row_with_a_trailing_delimiter_among_others(tmp_path):
    data = read_csv(write_bytes(tmp_path, b"a,b,label\n1,2,0\n3,4,1,\n5,6,0\n"))
    assert np.array_equal(data.X, [[1, 3, 5], [2, 4, 6]])


def test_a_header_with_an_empty_last_name_is_still_a_column(tmp_path):
    data = read_csv(write_bytes(tmp_path, b"a,b,\n1,2,0\n3,4,1\n"))
    assert data.label_name == "column 3"


def test_quoted_cells_and_a_header_over_two_lines(tmp_path):
    data = read_csv(write_bytes(tmp_path, b'"a","b\nsecond line",label\n"1",2,"yes"\n3,"4",no\n'))
    assert data.feature_names == ("a", "b\nsecond line")
    assert np.array_equal(data.X, [[1, 3], [2, 4]])
    assert data.label_mapping == {"no": 0, "yes": 1}


def test_binary_file_is_refused_as_binary(tmp_path):
    message = error_of_read(write_bytes(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10))
    assert "binary file" in message


def test_late_non_utf8_byte_in_a_pipe_names_row_and_offset(tmp_path):
    rows = "".join(f"{i},{i % 2}\n" for i in range(40_000))
    data = ("x,label\n" + rows).encode() + b"7,caf\xe9\n"
    message = error_of_read(pipe_with(tmp_path, data))
    assert "row 40002" in message and f"offset {len(data) - 2}" in message
    assert "UTF-8" in message


# --- pipes and /dev/stdin ---------------------------------------------------


def pipe_with(tmp_path, data):
    """A named pipe that a thread fills with ``data`` once it is opened."""
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)

    def feed():
        with open(path, "wb") as pipe:
            try:
                pipe.write(data)
            except BrokenPipeError:
                pass

    threading.Thread(target=feed, daemon=True).start()
    return path


def error_of_read(path, **kwargs):
    with pytest.raises(DatasetError) as info:
        read_csv(path, **kwargs)
    assert "\n" not in str(info.value)
    return str(info.value)


def test_a_named_pipe_is_read_like_a_file(tmp_path):
    rows = "".join(f"{i},{i * 0.5},{i % 2}\n" for i in range(100_000))   # several blocks
    data = read_csv(pipe_with(tmp_path, ("a,b,label\n" + rows).encode()))
    assert data.X.shape == (2, 100_000)
    assert data.X[1, -1] == 99_999 * 0.5
    assert int(data.Y.sum()) == 50_000


def test_dev_stdin_is_read(tmp_path):
    script = ("from engine.csv_reader import read_csv\n"
              "d = read_csv('/dev/stdin')\n"
              "print(d.X.tolist(), d.Y.tolist(), d.text_format)\n")
    result = subprocess.run([sys.executable, "-c", script], input=TABLE.encode("utf-16"),
                            capture_output=True, cwd=REPO_ROOT, timeout=60, check=True)
    out = result.stdout.decode()
    assert "[[1.5, -3.0, 5.0], [2.0, 4.25, 6.0]] [[0.0, 1.0, 0.0]] UTF-16" in out


def test_the_train_command_reads_dev_stdin():
    result = subprocess.run(
        [sys.executable, "main.py", "train", "--csv", "/dev/stdin", "--iterations", "2",
         "--test-ratio", "0"],
        input=b"a;b;label\n1,5;2;0\n3;4;1\n5;6;0\n7;8,5;1\n",
        capture_output=True, cwd=REPO_ROOT, timeout=60, check=False)
    assert result.returncode == 0, result.stderr.decode()
    assert "4 training" in result.stdout.decode()
