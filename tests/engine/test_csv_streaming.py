"""Reading big files in blocks: the fast path agrees with the reference, limits are checked
before the rows are read, and reading reports progress and can be cancelled."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import csv_reader
from engine.csv_labels import LabelColumn
from engine.csv_reader import read_csv, read_table
from engine.csv_rows import RowShape, convert_chunk, read_rows
from engine.csv_source import BLOCK_BYTES
from engine.errors import DatasetError, LoadCancelled


def write(tmp_path, text, name="data.csv", newline="\n"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode())
    return path


def big_table(rows, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(rows, 3)).round(4)
    y = (X[:, 0] > 0).astype(int)
    text = "a,b,c,label\n" + "".join(f"{p},{q},{r},{t}\n" for (p, q, r), t in zip(X, y))
    return text, X, y


# --- the fast path against the reference ------------------------------------


def outcome(convert, lines, shape):
    """What the reader makes of ``lines``: (features, label values) or the error message."""
    labels = LabelColumn(shape.name, shape.label_name, shape.decimal_comma)
    try:
        chunk = convert(lines, range(1, len(lines) + 1), shape)
        if isinstance(chunk.labels, np.ndarray):
            labels.add_numbers(chunk.labels, chunk.rows)
        else:
            labels.add_texts(chunk.labels, chunk.rows)
    except DatasetError as error:
        return str(error)
    values = [labels.values[code].number for code in labels.codes()]
    return chunk.features.tolist(), values


CELLS = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False).map(repr),
    st.integers(-99, 99).map(str),
    st.sampled_from(["", " ", "nan", "inf", "1e999", "abc", "1_0", "1,5", "٣", " 2 ", "+.5", "1."]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(CELLS, min_size=2, max_size=4), min_size=1, max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    decimal_comma=st.booleans(),
    text_labels=st.booleans(),
)
def test_fast_conversion_accepts_and_reports_exactly_what_the_reference_does(
        rows, delimiter, decimal_comma, text_labels):
    if delimiter == ",":
        decimal_comma = False
    n_cols = len(rows[0])
    lines = []
    for i, cells in enumerate(rows):
        if text_labels:
            cells = [*cells[:-1], ["yes", "no"][i % 2]]
        lines.append(delimiter.join(cells))
    shape = RowShape("t.csv", n_cols, n_cols - 1, tuple(range(n_cols - 1)),
                     tuple(f"x{j}" for j in range(n_cols - 1)), "y", delimiter, decimal_comma)
    fast = outcome(convert_chunk, lines, shape)
    reference = outcome(read_rows, lines, shape)
    assert fast == reference


# --- big files, read block by block -----------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_file_of_many_blocks_matches_an_independent_parse(tmp_path, newline):
    text, X, y = big_table(120_000)
    path = write(tmp_path, text, newline=newline)
    assert path.stat().st_size > 3 * BLOCK_BYTES
    data = read_csv(path)
    assert np.array_equal(data.X, X.T)
    assert np.array_equal(data.Y[0], y)


def test_a_quoted_line_break_across_a_block_boundary(tmp_path):
    head = "x,label\n" + "1,a\n" * (BLOCK_BYTES // 4 - 3)
    path = write(tmp_path, head + '2,"b\nb"\n3,a\n' + "4,a\n" * 10)
    data = read_csv(path)
    assert data.label_mapping == {"a": 0, "b\nb": 1}
    assert data.X[0, -12:-10].tolist() == [2, 3]


def test_errors_far_down_name_their_row(tmp_path):
    text, _, _ = big_table(50_000)
    lines = text.split("\n")
    lines[40_000] = "1,2,oops,0"
    message = str(pytest.raises(DatasetError, read_csv, write(tmp_path, "\n".join(lines))).value)
    assert message == ("data.csv, row 40001, column 'c': 'oops' is not a number; "
                       "features must be numeric")


# --- limits checked before the rows are read ---------------------------------


def spy():
    calls = []
    return calls, lambda *args: calls.append(args)


def test_more_features_than_the_network_takes_is_refused_at_the_header(tmp_path):
    header = ",".join(f"f{k}" for k in range(1025)) + ",label\n"
    path = write(tmp_path, header + "not even numbers\n" * 10)
    calls, progress = spy()
    with pytest.raises(DatasetError, match="1,025 feature columns; the network takes at most "
                                           "1024 inputs"):
        read_csv(path, progress=progress)
    assert calls == []
    wide = read_csv(write(tmp_path, ",".join("1" for _ in range(1024)) + ",0\n"
                          + ",".join("2" for _ in range(1024)) + ",1\n", "ok.csv"))
    assert wide.X.shape == (1024, 2)


def test_a_file_too_big_for_free_memory_is_refused_before_reading(tmp_path, monkeypatch):
    text, _, _ = big_table(20_000)
    path = write(tmp_path, text)
    monkeypatch.setattr(csv_reader, "available_memory", lambda: 1_000_000)
    calls, progress = spy()
    with pytest.raises(DatasetError) as info:
        read_csv(path, progress=progress)
    message = str(info.value)
    assert message.startswith("data.csv: ")
    assert "483 KB with about 19," in message
    assert "rows of 4 columns needs about 1.9 MB of memory to load, but 1.0 MB is free" in message
    assert calls == []


def test_a_pipe_that_outgrows_free_memory_is_stopped_with_a_message(tmp_path, monkeypatch):
    from test_csv_formats import pipe_with
    text, _, _ = big_table(60_000)
    monkeypatch.setattr(csv_reader, "available_memory", lambda: 2_000_000)
    with pytest.raises(DatasetError, match=r"pipe.csv: after [\d,]+ rows there is not enough "
                                           r"free memory \(2.0 MB\)"):
        read_csv(pipe_with(tmp_path, text.encode()))


def test_running_out_of_memory_is_a_dataset_error(tmp_path, monkeypatch):
    def no_memory(*_):
        raise MemoryError
    monkeypatch.setattr(csv_reader, "convert_chunk", no_memory)
    with pytest.raises(DatasetError, match="not enough free memory to read this file"):
        read_csv(write(tmp_path, "a,label\n1,0\n2,1\n"))


def test_continuous_labels_stop_the_read_early(tmp_path):
    rows = "".join(f"{i},{i / 7:.4f}\n" for i in range(200_000))
    calls, progress = spy()
    with pytest.raises(DatasetError, match=r"holds continuous values \(0.1429 at row 3\)"):
        read_csv(write(tmp_path, "x,price\n" + rows), progress=progress)
    assert len(calls) <= 1


def test_too_many_label_texts(tmp_path):
    rows = "".join(f"{i},name{i}\n" for i in range(150))
    with pytest.raises(DatasetError, match="has more than 100 different values"):
        read_csv(write(tmp_path, "x,who\n" + rows))


def test_one_vs_rest_among_a_hundred_classes(tmp_path):
    rows = "".join(f"{i},{i % 100}\n" for i in range(1000))
    data = read_csv(write(tmp_path, "x,k\n" + rows), positive_label=42)
    assert int(data.Y.sum()) == 10
    assert len(data.label_mapping) == 100


# --- progress and cancelling --------------------------------------------------


def test_progress_counts_bytes_and_rows_up_to_the_whole_file(tmp_path):
    text, _, _ = big_table(50_000)
    path = write(tmp_path, text)
    calls, progress = spy()
    table = read_table(path, progress=progress)
    assert len(calls) >= 3
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    assert calls[-1] == (path.stat().st_size, path.stat().st_size, 50_000)
    assert table.X.shape == (3, 50_000)
    assert table.label_codes.dtype == np.int16 and not table.label_codes.flags.writeable


def test_should_stop_cancels_between_blocks(tmp_path):
    text, _, _ = big_table(50_000)
    calls, progress = spy()
    with pytest.raises(LoadCancelled):
        read_csv(write(tmp_path, text), progress=progress, should_stop=lambda: len(calls) >= 1)
    assert len(calls) == 1
