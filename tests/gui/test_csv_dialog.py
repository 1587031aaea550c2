"""CsvDialog: preview, label mapping, positive label, reading off the GUI thread, accepting a
good file, refusing bad ones in the dialog while the data in use stays."""

import codecs
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QPushButton, QTableWidget
from signal_recorder import record

from engine.config import ConfigError
from engine.csv_reader import read_table
from gui.panels import csv_jobs
from gui.panels.csv_dialog import CsvDialog
from gui.panels.data_panel import DataPanel

WAIT_MS = 10_000
GOOD = "width,height,likes\n" + "".join(
    f"{i * 0.5},{(i * 7) % 5},{'yes' if i % 2 else 'no'}\n" for i in range(20))


@pytest.fixture
def panel(qtbot):
    panel = DataPanel()
    qtbot.addWidget(panel)
    panel.show()
    yield panel
    panel.shut_down()


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def settled(qtbot, dialog):
    """Wait until the dialog has read the file and built (or refused) the Dataset."""
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=WAIT_MS)
    return dialog


def open_csv(qtbot, panel, path):
    return settled(qtbot, panel.open_csv(path))


def test_good_csv_previews_maps_labels_and_emits_on_ok(qtbot, panel, tmp_path):
    path = write(tmp_path, "likes.csv", GOOD)
    seen = record(panel.dataset_changed)
    dialog = open_csv(qtbot, panel, path)
    assert dialog.isVisible()
    table = dialog.findChild(QTableWidget, "preview_table")
    assert table.rowCount() == 8
    assert table.columnCount() == 3
    assert table.horizontalHeaderItem(2).text() == "likes"
    assert table.item(1, 0).text() == "0.5"
    assert table.item(1, 2).text() == "yes"
    assert table.verticalHeaderItem(0).text() == "2"  # row numbers as in the file
    assert dialog.findChild(QComboBox, "label_column").currentText() == "likes"
    assert dialog.findChild(QLabel, "format_label").text() == "Read as: UTF-8, comma-separated"
    mapping = dialog.findChild(QLabel, "mapping_label")
    assert mapping.isVisible()
    assert mapping.text() == "Labels: no → 0, yes → 1"
    assert dialog.ok_button().isEnabled()
    assert seen == []  # nothing reaches the panel before OK

    with qtbot.waitSignal(panel.dataset_changed, timeout=2000) as blocker:
        dialog.ok_button().click()
    dataset = blocker.args[0]
    assert dataset.name == "csv"
    assert dataset.n_x == 2
    assert (dataset.m_train, dataset.m_test) == (16, 4)  # 25 % of each class of 10 held out
    assert dataset.feature_names == ("width", "height")
    assert dataset.label_mapping == {"no": 0, "yes": 1}
    assert panel.current_dataset() is dataset
    assert len(seen) == 1
    assert not dialog.isVisible()
    assert "likes.csv" in panel.findChild(QLabel, "dataset_status").text()
    assert panel.findChild(QComboBox, "dataset_combo").currentData() == "csv"


def test_choosing_another_label_column_reads_again(qtbot, panel, tmp_path):
    path = write(tmp_path, "first.csv", "kind,a,b\ncat,1,2\ndog,3,4\ncat,5,6\ndog,7,8\n")
    dialog = open_csv(qtbot, panel, path)
    # With the default label column (the last, b), the text column kind is a feature.
    assert "column 'kind': 'cat' is not a number" in dialog.error_message()
    assert not dialog.ok_button().isEnabled()
    combo = dialog.findChild(QComboBox, "label_column")
    combo.setCurrentIndex(0)
    settled(qtbot, dialog)
    assert dialog.error_message() == ""
    assert dialog.ok_button().isEnabled()
    assert dialog.findChild(QLabel, "mapping_label").text() == "Labels: cat → 0, dog → 1"
    assert dialog.dataset().feature_names == ("a", "b")


WIDE = ",".join(f"f{k}" for k in range(10_000)) + ",label\n" + "".join(
    ",".join(str(k % 7) for k in range(10_000)) + f",{i % 2}\n" for i in range(4))

BAD_FILES = [
    ("missing.csv", "a,b,y\n1,2,0\n3,,1\n4,5,0\n6,7,1\n", ["row 3", "'b'", "missing"]),
    ("text.csv", "a,b,y\n1,oops,0\n3,4,1\n4,5,0\n6,7,1\n", ["row 2", "'b'", "not a number"]),
    ("one_class.csv", "a,b,y\n1,2,0\n3,4,0\n5,6,0\n", ["only one class"]),
    ("binary.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["binary file"]),
    ("wide.csv", WIDE, ["10,000 feature columns", "at most 1024 inputs"]),
    ("empty.csv", "# only a comment\n\n", ["empty"]),
]


@pytest.mark.parametrize(("name", "content", "expected"), BAD_FILES)
def test_bad_csv_shows_the_error_in_the_dialog_and_keeps_the_old_data(
        qtbot, panel, tmp_path, name, content, expected):
    old = panel.current_dataset()
    seen = record(panel.dataset_changed)
    dialog = open_csv(qtbot, panel, write(tmp_path, name, content))
    message = dialog.findChild(QLabel, "csv_message")
    assert message.isVisible()
    for part in expected:
        assert part in message.text()
    assert not dialog.ok_button().isEnabled()
    dialog.accept()  # e.g. Enter pressed: must not close or emit
    qtbot.wait(50)
    assert dialog.isVisible()
    assert seen == []
    assert panel.current_dataset() is old
    dialog.reject()
    assert panel.findChild(QComboBox, "dataset_combo").currentData() == "moons"
    assert panel.current_dataset() is old


def test_data_the_window_cannot_use_is_refused_in_the_dialog(qtbot, panel, tmp_path):
    def refuse(dataset):
        raise ConfigError(f"no room for {dataset.m_train} examples")
    panel.set_dataset_check(refuse)
    old = panel.current_dataset()
    dialog = open_csv(qtbot, panel, write(tmp_path, "good.csv", GOOD))
    assert dialog.error_message() == "no room for 16 examples"
    assert not dialog.ok_button().isEnabled()
    assert panel.current_dataset() is old


def test_a_very_wide_file_is_previewed_in_part_and_its_label_column_found(qtbot, panel, tmp_path):
    header = ",".join(f"feature{k}" for k in range(100_000)) + ",label\n"
    row = ",".join("1" for _ in range(100_000))
    path = write(tmp_path, "huge.csv", header + "".join(f"{row},{i % 2}\n" for i in range(12)))
    dialog = open_csv(qtbot, panel, path)
    table = dialog.findChild(QTableWidget, "preview_table")
    assert table.columnCount() == 40
    assert table.horizontalHeaderItem(39).text() == "label"
    assert table.horizontalHeaderItem(38).text() == "feature38"
    assert dialog.findChild(QComboBox, "label_column").currentText() == "label"
    columns = dialog.findChild(QLabel, "columns_label").text()
    assert "100,001 columns (with a header row)" in columns
    assert "the table shows 40 of them: the first 39 and the last" in columns
    assert "Preview of the first 8 rows only" in columns
    assert "100,000 feature columns" in dialog.error_message()


AWKWARD = [
    ("excel.csv", b"sep=;\r\n# exported\r\nh\xf6he;breite;klasse\r\n1,5;2;ja\r\n3;4,25;nein\r\n",
     ("Windows-1252 (cp1252), as it is not UTF-8, semicolon-separated, decimal commas, "
     "an Excel 'sep=' line (skipped), 1 '#' comment line (skipped)")),
    ("utf16.csv", codecs.BOM_UTF16_LE + "höhe,breite,klasse,\n1.5,2,ja,\n3,4.25,nein,\n"
     .encode("utf-16-le"), ("UTF-16 (byte order mark), comma-separated, a delimiter at the end "
     "of each line (ignored)")),
]


@pytest.mark.parametrize(("name", "content", "described"), AWKWARD)
def test_awkward_files_load_through_the_dialog(qtbot, panel, tmp_path, name, content, described):
    dialog = open_csv(qtbot, panel, write(tmp_path, name, content))
    assert dialog.findChild(QLabel, "format_label").text() == f"Read as: {described}"
    table = dialog.findChild(QTableWidget, "preview_table")
    assert [table.horizontalHeaderItem(k).text() for k in range(3)] == ["höhe", "breite",
                                                                         "klasse"]
    dialog.findChild(QAbstractSpinBox, "test_share").setValue(0)
    settled(qtbot, dialog)
    dataset = dialog.dataset()
    assert dataset.feature_names == ("höhe", "breite")
    assert dataset.label_mapping == {"ja": 0, "nein": 1}
    raw = dataset.X_train * dataset.std + dataset.mean
    assert sorted(map(tuple, raw.T.round(9).tolist())) == [(1.5, 2.0), (3.0, 4.25)]


# --- the positive label ---------------------------------------------------------

THREE = "a,b,kind\n" + "".join(f"{i},{i * i % 5},{i % 3 + 1}\n" for i in range(30))


def test_three_classes_ask_for_a_positive_label_then_load_one_vs_rest(qtbot, panel, tmp_path):
    dialog = open_csv(qtbot, panel, write(tmp_path, "three.csv", THREE))
    assert dialog.error_message() == (
        "The label column 'kind' has 3 different values (1, 2, 3): choose the one that "
        "counts as 1 in Positive label (the others count as 0)")
    assert not dialog.ok_button().isEnabled()
    positive = dialog.findChild(QComboBox, "positive_label")
    assert [positive.itemText(k) for k in range(positive.count())] == [
        "none: two classes as they are", "1", "2", "3"]
    dialog.set_positive_label("2")
    settled(qtbot, dialog)
    assert dialog.ok_button().isEnabled()
    assert dialog.findChild(QLabel, "mapping_label").text() == "Labels: 1 → 0, 2 → 1, 3 → 0"
    with qtbot.waitSignal(panel.dataset_changed, timeout=2000) as blocker:
        dialog.ok_button().click()
    dataset = blocker.args[0]
    assert int(dataset.Y_train.sum() + dataset.Y_test.sum()) == 10
    assert "2 (1) vs the rest (0)" in panel.findChild(QLabel, "dataset_status").text()
    # A new data seed splits the same file again, with the same positive label.
    with qtbot.waitSignal(panel.dataset_changed, timeout=WAIT_MS) as blocker:
        panel.findChild(QAbstractSpinBox, "data_seed").setValue(5)
    assert blocker.args[0].label_mapping == {"1": 0, "2": 1, "3": 0}


@pytest.mark.parametrize(("labels", "mapping"), [
    ((-1, 1), "Labels: -1 → 0, 1 → 1"),
    ((1, 2), "Labels: 1 → 0, 2 → 1"),
])
def test_two_numeric_classes_other_than_0_and_1_load_with_the_larger_as_1(
        qtbot, panel, tmp_path, labels, mapping):
    rows = "".join(f"{i},{labels[i % 2]}\n" for i in range(10))
    dialog = open_csv(qtbot, panel, write(tmp_path, "pm.csv", "x,y\n" + rows))
    assert dialog.positive_label() == str(labels[1])
    assert dialog.findChild(QLabel, "mapping_label").text() == mapping
    assert dialog.ok_button().isEnabled()


def test_going_back_to_no_positive_label_says_what_is_allowed(qtbot, panel, tmp_path):
    rows = "".join(f"{i},{(-1, 1)[i % 2]}\n" for i in range(10))
    dialog = open_csv(qtbot, panel, write(tmp_path, "pm.csv", "x,y\n" + rows))
    dialog.findChild(QComboBox, "positive_label").setCurrentIndex(0)
    settled(qtbot, dialog)
    assert "numeric labels must be 0 and 1, found -1 and 1" in dialog.error_message()
    assert not dialog.ok_button().isEnabled()


# --- reading off the GUI thread ---------------------------------------------------


def slow_reads(monkeypatch, seconds_per_block=0.05):
    """Make every block of a read take a while, so Stop can be pressed during it."""
    def read_slowly(path, label_column, progress, should_stop):
        def progress_slowly(*args):
            time.sleep(seconds_per_block)
            progress(*args)
        return read_table(path, label_column, progress=progress_slowly, should_stop=should_stop)
    monkeypatch.setattr(csv_jobs, "read_table", read_slowly)


def big_csv(tmp_path, rows=200_000):
    return write(tmp_path, "big.csv", "a,b,label\n" + "".join(
        f"{i % 1000 / 7:.5f},{i % 13},{i % 2}\n" for i in range(rows)))


def test_stop_loading_keeps_the_old_data_and_read_again_loads(qtbot, panel, tmp_path,
                                                              monkeypatch):
    slow_reads(monkeypatch)
    old = panel.current_dataset()
    dialog = panel.open_csv(big_csv(tmp_path))
    progress = dialog.progress()
    qtbot.waitUntil(lambda: progress.isVisible() and "rows" in progress.text(), timeout=WAIT_MS)
    assert " of " in progress.text() and "read" in progress.text()
    progress.stop_button().click()
    settled(qtbot, dialog)
    assert not progress.isVisible()
    assert dialog.error_message().startswith("Stopped before the file was read to the end")
    assert not dialog.ok_button().isEnabled()
    assert panel.current_dataset() is old
    monkeypatch.setattr(csv_jobs, "read_table", read_table)
    dialog.findChild(QPushButton, "read_again").click()
    settled(qtbot, dialog)
    assert dialog.ok_button().isEnabled()
    assert dialog.dataset().m_train + dialog.dataset().m_test == 200_000


def test_closing_the_dialog_while_it_reads_stops_the_read(qtbot, panel, tmp_path, monkeypatch):
    slow_reads(monkeypatch)
    old = panel.current_dataset()
    seen = record(panel.dataset_changed)
    dialog = panel.open_csv(big_csv(tmp_path))
    qtbot.waitUntil(dialog.is_loading, timeout=WAIT_MS)
    started = time.monotonic()
    dialog.reject()
    assert time.monotonic() - started < 2.0
    assert not dialog.is_loading()
    qtbot.wait(300)
    assert seen == [] and panel.current_dataset() is old


def test_missing_file_gives_a_message_not_a_traceback(qtbot, tmp_path):
    dialog = CsvDialog()
    qtbot.addWidget(dialog)
    dialog.load_path(tmp_path / "nowhere.csv")
    assert "nowhere.csv" in dialog.error_message()
    assert dialog.dataset() is None
    assert not dialog.ok_button().isEnabled()


def test_cancel_keeps_the_old_data(qtbot, panel, tmp_path):
    old = panel.current_dataset()
    seen = record(panel.dataset_changed)
    dialog = open_csv(qtbot, panel, write(tmp_path, "good.csv", GOOD))
    dialog.reject()
    qtbot.wait(50)
    assert seen == []
    assert panel.current_dataset() is old


def test_a_loaded_csv_is_split_again_when_it_is_chosen_again(qtbot, panel, tmp_path):
    dialog = open_csv(qtbot, panel, write(tmp_path, "good.csv", GOOD))
    dialog.ok_button().click()
    first = panel.current_dataset()
    with qtbot.waitSignal(panel.dataset_changed, timeout=2000) as blocker:
        panel.set_dataset_by_name("moons")
    assert blocker.args[0].name == "moons"
    with qtbot.waitSignal(panel.dataset_changed, timeout=WAIT_MS) as blocker:
        panel.set_dataset_by_name("csv")
    again = blocker.args[0]
    assert again.name == "csv"
    assert again.X_train.shape == first.X_train.shape


def test_enter_presses_ok_whatever_button_has_the_focus(qtbot, panel, tmp_path):
    dialog = open_csv(qtbot, panel, write(tmp_path, "good.csv", GOOD))
    dialog.activateWindow()
    dialog.findChild(QPushButton, "read_again").setFocus()
    with qtbot.waitSignal(panel.dataset_changed, timeout=2000):
        qtbot.keyClick(dialog.findChild(QPushButton, "read_again"), Qt.Key.Key_Return)
    assert not dialog.isVisible()
