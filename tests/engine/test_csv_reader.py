"""The CSV reader: what it accepts, and a clear DatasetError for everything else."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.csv_reader import CsvData, read_csv
from engine.errors import DatasetError


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def error_of(path, **kwargs):
    with pytest.raises(DatasetError) as info:
        read_csv(path, **kwargs)
    message = str(info.value)
    assert path.name in message
    assert "\n" not in message
    return message


# --- what is accepted -------------------------------------------------------


def test_header_names_and_shapes(tmp_path):
    path = write(tmp_path, "a,b,label\n1,2,0\n3,4.5,1\n-1e-3,+.5,1\n")
    data = read_csv(path)
    assert isinstance(data, CsvData)
    assert data.X.shape == (2, 3) and data.Y.shape == (1, 3)
    assert data.X.dtype == np.float64 and data.Y.dtype == np.float64
    assert np.array_equal(data.X, [[1, 3, -0.001], [2, 4.5, 0.5]])
    assert np.array_equal(data.Y, [[0, 1, 1]])
    assert data.feature_names == ("a", "b")
    assert data.label_name == "label"
    assert data.label_mapping is None
    assert data.path == str(path)


def test_without_header_columns_are_named_x_and_y(tmp_path):
    data = read_csv(write(tmp_path, "1,2,0\n3,4,1\n"))
    assert data.feature_names == ("x1", "x2")
    assert data.label_name == "y"
    assert data.X.shape == (2, 2)


def test_headerless_text_labels_are_not_taken_for_a_header(tmp_path):
    data = read_csv(write(tmp_path, "1.5,2,cat\n3,4,dog\n5,6,cat\n"))
    assert data.X.shape == (2, 3)
    assert data.label_mapping == {"cat": 0, "dog": 1}
    assert np.array_equal(data.Y, [[0, 1, 0]])


def test_float_zero_one_labels_are_numeric(tmp_path):
    data = read_csv(write(tmp_path, "x,y\n1,0.0\n2,1.0\n3,1\n"))
    assert data.label_mapping is None
    assert np.array_equal(data.Y, [[0, 1, 1]])


def test_string_labels_mapped_in_sorted_order_and_reported(tmp_path):
    data = read_csv(write(tmp_path, "x,diagnosis\n1,malignant\n2,benign\n3,malignant\n"))
    assert data.label_mapping == {"benign": 0, "malignant": 1}
    assert np.array_equal(data.Y, [[1, 0, 1]])


def test_label_column_by_name_index_and_index_text(tmp_path):
    path = write(tmp_path, "cls,f1,f2\nno,1,2\nyes,3,4\n")
    for choice in ("cls", 0, "0", -3, np.int64(0)):
        data = read_csv(path, label_column=choice)
        assert data.label_name == "cls"
        assert data.feature_names == ("f1", "f2")
        assert np.array_equal(data.X, [[1, 3], [2, 4]])
        assert data.label_mapping == {"no": 0, "yes": 1}


def test_label_column_by_index_without_header(tmp_path):
    data = read_csv(write(tmp_path, "0,5,6\n1,7,8\n"), label_column=0)
    assert np.array_equal(data.Y, [[0, 1]])
    assert np.array_equal(data.X, [[5, 7], [6, 8]])


def test_positive_label_gives_one_vs_rest_and_reports_it(tmp_path):
    path = write(tmp_path, "p,digit\n1,0\n2,1\n3,2\n4,1\n")
    data = read_csv(path, positive_label=1)
    assert np.array_equal(data.Y, [[0, 1, 0, 1]])
    assert data.label_mapping == {"0": 0, "1": 1, "2": 0}
    assert np.array_equal(read_csv(path, positive_label="1.0").Y, data.Y)


def test_positive_label_text(tmp_path):
    path = write(tmp_path, "x,kind\n1,b\n2,a\n")
    data = read_csv(path, positive_label="b")
    assert data.label_mapping == {"a": 0, "b": 1}
    assert np.array_equal(data.Y, [[1, 0]])


def test_bom_crlf_semicolon_tab_blank_lines_quotes(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfa;b\r\n1;0\r\n\r\n2;1\r\n")
    data = read_csv(path)
    assert data.feature_names == ("a",) and np.array_equal(data.X, [[1, 2]])
    tabbed = read_csv(write(tmp_path, 'a\tb\n"1"\t0\n 2 \t 1 \n\n'))
    assert np.array_equal(tabbed.X, [[1, 2]]) and np.array_equal(tabbed.Y, [[0, 1]])


def test_arrays_are_read_only(tmp_path):
    data = read_csv(write(tmp_path, "1,0\n2,1\n"))
    with pytest.raises(ValueError):
        data.X[0, 0] = 5.0
    with pytest.raises(ValueError):
        data.Y[0, 0] = 5.0


# --- every error names the file, and the row and column where they apply ----


def test_missing_file(tmp_path):
    assert "no such file" in error_of(tmp_path / "nope.csv")


def test_directory(tmp_path):
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert "folder" in error_of(folder)


def test_not_a_path():
    with pytest.raises(DatasetError, match="not a file path"):
        read_csv(42)


@pytest.mark.parametrize("text", ["", "\n\n", "  \n\t\n"])
def test_empty_file(tmp_path, text):
    assert "empty" in error_of(write(tmp_path, text))


def test_header_only(tmp_path):
    assert "no data rows" in error_of(write(tmp_path, "a,b,label\n"))


def test_non_numeric_feature(tmp_path):
    message = error_of(write(tmp_path, "a,b,label\n1,2,0\n3,abc,1\n"))
    assert "row 3" in message and "'b'" in message and "'abc'" in message
    assert "not a number" in message


@pytest.mark.parametrize("row", ["1,,0", "1, ,0"])
def test_missing_feature_value(tmp_path, row):
    message = error_of(write(tmp_path, f"a,b,label\n1,2,1\n{row}\n"))
    assert "row 3" in message and "'b'" in message and "missing" in message


def test_missing_label(tmp_path):
    message = error_of(write(tmp_path, "a,label\n1,0\n2,\n3,1\n"))
    assert "row 3" in message and "'label'" in message and "missing" in message


@pytest.mark.parametrize("bad", ["nan", "NaN", "inf", "-Infinity", "1e999"])
def test_nan_or_inf_feature(tmp_path, bad):
    message = error_of(write(tmp_path, f"a,b,label\n1,2,0\n3,{bad},1\n"))
    assert "row 3" in message and "'b'" in message and bad in message


def test_nan_label(tmp_path):
    message = error_of(write(tmp_path, "a,label\n1,0\n2,nan\n3,1\n"))
    assert "row 3" in message and "'label'" in message and "nan" in message


@pytest.mark.parametrize("row", ["4,5", "4,5,1,2"])
def test_ragged_row(tmp_path, row):
    message = error_of(write(tmp_path, f"a,b,label\n1,2,0\n\n{row}\n"))
    assert "row 4" in message and "expected 3" in message


def test_one_class_only(tmp_path):
    assert "only one class" in error_of(write(tmp_path, "a,label\n1,1\n2,1\n"))
    assert "'yes'" in error_of(write(tmp_path, "a,label\n1,yes\n2,yes\n", "text.csv"))


def test_more_than_two_classes_lists_some(tmp_path):
    message = error_of(write(tmp_path, "a,label\n1,0\n2,1\n3,2\n4,7\n"))
    assert "4 classes" in message and "0, 1, 2, 7" in message
    message = error_of(write(tmp_path, "a,kind\n1,cat\n2,dog\n3,eel\n", "text.csv"))
    assert "'cat'" in message and "'eel'" in message


def test_many_classes_list_is_shortened(tmp_path):
    rows = "".join(f"{k},{k}\n" for k in range(40))
    message = error_of(write(tmp_path, "a,label\n" + rows))
    assert "40 classes" in message and "more" in message and len(message) < 300


def test_continuous_labels(tmp_path):
    message = error_of(write(tmp_path, "a,label\n1,0\n2,0.37\n3,1\n"))
    assert "continuous" in message and "0.37" in message and "row 3" in message


def test_two_numeric_classes_other_than_zero_one(tmp_path):
    assert "0 and 1" in error_of(write(tmp_path, "a,label\n1,-1\n2,1\n"))


def test_bytes_that_are_not_utf8_are_read_as_cp1252_and_named(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"a,label\n1,0\ncaf\xe9,1\n")
    message = error_of(path)
    assert "row 3" in message and "'café' is not a number" in message


def test_unknown_label_column_lists_available(tmp_path):
    path = write(tmp_path, "alpha,beta,gamma\n1,2,0\n3,4,1\n")
    message = error_of(path, label_column="delta")
    assert "'delta'" in message and "'alpha'" in message and "'gamma'" in message
    assert "index 5" in error_of(path, label_column=5)
    assert "no header" in error_of(write(tmp_path, "1,0\n2,1\n", "plain.csv"), label_column="y")


def test_label_column_of_wrong_type(tmp_path):
    assert "column name or an index" in error_of(write(tmp_path, "1,0\n2,1\n"), label_column=1.5)


def test_too_few_columns(tmp_path):
    assert "1 column" in error_of(write(tmp_path, "label\n0\n1\n"))


def test_positive_label_not_present(tmp_path):
    message = error_of(write(tmp_path, "a,digit\n1,0\n2,1\n"), positive_label=7)
    assert "'7'" in message and "not found" in message


def test_positive_label_everywhere_is_one_class(tmp_path):
    assert "every label" in error_of(write(tmp_path, "a,d\n1,3\n2,3\n"), positive_label=3)


def test_csv_quote_error_is_a_dataset_error(tmp_path):
    path = write(tmp_path, "a,label\n1,0\n" + '"' + "x" * 200_000 + "\n")
    error_of(path)


# --- property tests: nothing but CsvData or DatasetError ---------------------

CSV_ALPHABET = st.sampled_from(list("01 .-+eE,;\t\n\r\"'abnNaiIf") + ["\ufeff", "\x00", "é"])


def check_contract(path, **kwargs):
    try:
        data = read_csv(path, **kwargs)
    except DatasetError as error:
        assert str(error)
        return
    assert data.X.ndim == 2 and data.X.shape[1] == data.Y.shape[1] >= 1
    assert data.Y.shape[0] == 1 and data.X.shape[0] == len(data.feature_names) >= 1
    assert np.all(np.isfinite(data.X))
    assert set(np.unique(data.Y)) == {0.0, 1.0}


FAST = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(text=st.text(CSV_ALPHABET, max_size=200))
def test_random_csv_like_text(tmp_path, text):
    check_contract(write(tmp_path, text))


@FAST
@given(text=st.text(max_size=200))
def test_random_unicode_text(tmp_path, text):
    check_contract(write(tmp_path, text))


@FAST
@given(data=st.binary(max_size=200))
def test_random_bytes(tmp_path, data):
    path = tmp_path / "bytes.csv"
    path.write_bytes(data)
    check_contract(path)


@FAST
@given(
    text=st.text(CSV_ALPHABET, max_size=120),
    label_column=st.one_of(st.none(), st.integers(-5, 5), st.text(max_size=5)),
    positive_label=st.one_of(st.none(), st.integers(-2, 2), st.text(max_size=3)),
)
def test_random_text_and_options(tmp_path, text, label_column, positive_label):
    check_contract(write(tmp_path, text), label_column=label_column, positive_label=positive_label)


@FAST
@given(
    rows=st.lists(
        st.tuples(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([0, 1])),
        min_size=2,
        max_size=20,
    )
)
def test_valid_numbers_round_trip(tmp_path, rows):
    text = "f,label\n" + "".join(f"{x!r},{y}\n" for x, y in rows)
    labels = {y for _, y in rows}
    if labels != {0, 1}:
        with pytest.raises(DatasetError, match="only one class"):
            read_csv(write(tmp_path, text))
        return
    data = read_csv(write(tmp_path, text))
    assert np.array_equal(data.X[0], [x for x, _ in rows])
    assert np.array_equal(data.Y[0], [y for _, y in rows])
