"""CsvDialog: preview, label mapping, accepting a good file, refusing bad ones in the dialog."""

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QTableWidget
from signal_recorder import record

from gui.panels.csv_dialog import CsvDialog
from gui.panels.data_panel import DataPanel

GOOD = "width,height,likes\n" + "".join(
    f"{i * 0.5},{(i * 7) % 5},{'yes' if i % 2 else 'no'}\n" for i in range(20))


@pytest.fixture
def panel(qtbot):
    panel = DataPanel()
    qtbot.addWidget(panel)
    panel.show()
    return panel


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_good_csv_previews_maps_labels_and_emits_on_ok(qtbot, panel, tmp_path):
    path = write(tmp_path, "likes.csv", GOOD)
    seen = record(panel.dataset_changed)
    dialog = panel.open_csv(path)
    assert dialog.isVisible()
    table = dialog.findChild(QTableWidget, "preview_table")
    assert table.rowCount() == 8
    assert table.columnCount() == 3
    assert table.horizontalHeaderItem(2).text() == "likes"
    assert table.item(1, 0).text() == "0.5"
    assert table.item(1, 2).text() == "yes"
    assert table.verticalHeaderItem(0).text() == "2"  # row numbers as in the file
    assert dialog.findChild(QComboBox, "label_column").currentText() == "likes"
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


def test_choosing_another_label_column_rebuilds(qtbot, panel, tmp_path):
    path = write(tmp_path, "first.csv", "kind,a,b\ncat,1,2\ndog,3,4\ncat,5,6\ndog,7,8\n")
    dialog = panel.open_csv(path)
    # With the default label column (the last, b), the text column kind is a feature.
    assert "column 'kind': 'cat' is not a number" in dialog.error_message()
    assert not dialog.ok_button().isEnabled()
    combo = dialog.findChild(QComboBox, "label_column")
    combo.setCurrentIndex(0)
    assert dialog.error_message() == ""
    assert dialog.ok_button().isEnabled()
    assert dialog.findChild(QLabel, "mapping_label").text() == "Labels: cat → 0, dog → 1"
    assert dialog.dataset().feature_names == ("a", "b")


BAD_FILES = [
    ("missing.csv", "a,b,y\n1,2,0\n3,,1\n4,5,0\n6,7,1\n", ["row 3", "'b'", "missing"]),
    ("text.csv", "a,b,y\n1,oops,0\n3,4,1\n4,5,0\n6,7,1\n", ["row 2", "'b'", "not a number"]),
    ("one_class.csv", "a,b,y\n1,2,0\n3,4,0\n5,6,0\n", ["only one class"]),
    ("latin1.csv", b"a,b,y\n1,2,0\ncaf\xe9,4,1\n", ["row 3", "UTF-8"]),
]


@pytest.mark.parametrize(("name", "content", "expected"), BAD_FILES)
def test_bad_csv_shows_the_error_in_the_dialog_and_keeps_the_old_data(
        qtbot, panel, tmp_path, name, content, expected):
    old = panel.current_dataset()
    seen = record(panel.dataset_changed)
    dialog = panel.open_csv(write(tmp_path, name, content))
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
    dialog = panel.open_csv(write(tmp_path, "good.csv", GOOD))
    dialog.reject()
    qtbot.wait(50)
    assert seen == []
    assert panel.current_dataset() is old


def test_a_loaded_csv_is_rebuilt_when_the_data_seed_changes(qtbot, panel, tmp_path):
    dialog = panel.open_csv(write(tmp_path, "good.csv", GOOD))
    dialog.ok_button().click()
    first = panel.current_dataset()
    with qtbot.waitSignal(panel.dataset_changed, timeout=2000) as blocker:
        panel.set_dataset_by_name("moons")
    assert blocker.args[0].name == "moons"
    with qtbot.waitSignal(panel.dataset_changed, timeout=2000) as blocker:
        panel.set_dataset_by_name("csv")
    again = blocker.args[0]
    assert again.name == "csv"
    assert again.X_train.shape == first.X_train.shape
