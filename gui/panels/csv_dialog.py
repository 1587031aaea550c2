"""A dialog that previews a CSV file, lets the user pick its label column and positive
label, reads it off the GUI thread and builds the Dataset."""

from pathlib import Path

from PySide6.QtCore import QSize, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from engine.config import ConfigError
from engine.csv_labels import list_some
from engine.csv_peek import peek_csv
from engine.errors import DatasetError
from gui.data_loader import DataLoader
from gui.panels.caption import caption
from gui.panels.checked_spin import CheckedDoubleSpinBox
from gui.panels.csv_jobs import CsvChoice, read_job, split_job
from gui.panels.csv_preview_table import CsvPreviewTable, describe_preview, shown_columns
from gui.panels.load_progress import LoadProgress
from gui.panels.message_label import MessageLabel

MAX_TEST_RATIO = 0.9
MAX_LISTED_COLUMNS = 2000   # a wider file cannot be used anyway (the reader says why)
TWO_CLASSES = "two classes as they are"
DIALOG_SIZE = QSize(760, 640)


def describe_mapping(mapping):
    """'benign → 0, malignant → 1' for a label mapping; None means the labels were 0/1."""
    if mapping is None:
        return "Labels: already 0 and 1"
    return "Labels: " + ", ".join(f"{label} → {y}" for label, y in mapping.items())


def default_positive(values):
    """The positive label to start with: for two numbers other than 0 and 1 the larger
    one; otherwise None (two classes need none; more need the user's choice)."""
    numbers = [v.number for v in values]
    if len(values) == 2 and None not in numbers and sorted(numbers) != [0.0, 1.0]:
        return max(values, key=lambda v: v.number).text
    return None


class CsvDialog(QDialog):
    """Preview a CSV file and build a Dataset from it; OK is enabled only when it builds.

    The file is read, and the Dataset built, on a background thread with a progress bar
    and a Stop button. ``check(dataset)`` (raising ConfigError or DatasetError) is asked
    too, so that OK is only offered for data the window can use. Emits
    ``dataset_accepted(Dataset)`` when the user presses OK.
    """

    dataset_accepted = Signal(object)

    def __init__(self, parent=None, test_ratio=0.25, seed=0, check=None):
        super().__init__(parent)
        self.setWindowTitle("Open a CSV file")
        self._path = None
        self._table_data = None   # the CsvTable read for the chosen label column
        self._dataset = None
        self._seed = seed
        self._check = check
        self._loader = DataLoader(self)
        self._loader.finished.connect(self._on_loaded)
        self._loader.failed.connect(self._on_failed)
        self._loader.cancelled.connect(self._on_cancelled)
        self._build_controls(test_ratio)
        self._show_result(None)
        self.resize(DIALOG_SIZE)

    # ----- public API -----

    def load_path(self, path):
        """Preview the file at ``path``, offer its columns and start reading it."""
        self._path = str(path)
        self._path_label.setText(Path(path).name)
        self._path_label.setToolTip(self._path)
        self._set_table(None)
        try:
            preview = peek_csv(path)
        except DatasetError as error:
            self._fill_preview(None)
            self._show_result(str(error))
            return
        self._fill_preview(preview)
        if not preview.is_regular_file:
            self._show_result(f"{Path(path).name}: is a pipe or a device, not a saved file, "
                              "and can be read only once; save it as a file and open that")
            return
        self._read()

    def choose_file(self):
        """Ask for a CSV file with the file chooser, then load it."""
        path, _ = QFileDialog.getOpenFileName(
            self, "Open a CSV file", "", "CSV files (*.csv *.tsv *.txt);;All files (*)")
        if path:
            self.load_path(path)

    def dataset(self):
        """The Dataset built from the current choices, or None if there is none (yet)."""
        return self._dataset

    def choice(self):
        """The CsvChoice behind the Dataset, or None while there is no Dataset."""
        if self._dataset is None:
            return None
        return CsvChoice(self._path, self.label_column(), self.positive_label(),
                         self._table_data)

    def path(self):
        """The path of the file being previewed, or None."""
        return self._path

    def label_column(self):
        """0-based index of the chosen label column, or None before a file is loaded."""
        return self._label_combo.currentData()

    def positive_label(self):
        """The label value that counts as 1, or None (the labels are two classes as they are)."""
        return self._positive_combo.currentData()

    def set_positive_label(self, text):
        """Choose the label value ``text`` as the positive label, as the user would."""
        index = self._positive_combo.findText(text)
        if index < 0:
            raise DatasetError(f"no label value {text!r} in the file")
        self._positive_combo.setCurrentIndex(index)

    def test_ratio(self):
        """The chosen test share, 0 to 0.9."""
        return round(self._test.value(), 2)

    def is_loading(self):
        """True while the file is being read or the Dataset built."""
        return self._loader.is_busy()

    def error_message(self):
        """The error shown now, or ""."""
        return self._message.message()

    def ok_button(self):
        """The OK button; enabled only while the choices give a usable Dataset."""
        return self._buttons.button(QDialogButtonBox.StandardButton.Ok)

    def progress(self):
        """The progress bar with its Stop button."""
        return self._progress

    def accept(self):
        """Emit the Dataset and close; does nothing while there is none."""
        if self._dataset is None or self.is_loading():
            return
        self.dataset_accepted.emit(self._dataset)
        super().accept()

    def done(self, result):
        """Close, stopping any read still running."""
        self._loader.shut_down()
        super().done(result)

    # ----- building the widgets -----

    def _build_controls(self, test_ratio):
        self._path_label = QLabel("no file")
        choose = QPushButton("&Choose file…")
        choose.setToolTip("Pick a different CSV file.")
        choose.clicked.connect(self.choose_file)
        reread = QPushButton("&Read again")
        reread.setToolTip("Read the file again, e.g. after it changed or after Stop loading.")
        reread.clicked.connect(self._read)
        for button in (choose, reread):
            button.setAutoDefault(False)   # Enter means OK, not the button that has focus
        self._table = CsvPreviewTable()
        self._columns_label = QLabel()
        self._columns_label.setWordWrap(True)
        self._format_label = QLabel()
        self._format_label.setWordWrap(True)
        self._label_combo = QComboBox()
        self._label_combo.setToolTip("The column that holds the class of each row; every "
                                     "other column is an input.")
        self._label_combo.currentIndexChanged.connect(self._on_label_changed)
        self._positive_combo = QComboBox()
        self._positive_combo.setToolTip(
            "The label value that counts as class 1; every other value counts as 0 "
            "(one-vs-rest). Needed when the label column has more than two values.")
        self._positive_combo.currentIndexChanged.connect(self._build)
        self._test = CheckedDoubleSpinBox("Test share", 0.0, MAX_TEST_RATIO, 0.05, 2)
        self._test.setValue(test_ratio)
        self._test.setToolTip("The fraction of rows held back to test the network on data "
                              "it never trained on (0 = no test set).")
        self._test.valueChanged.connect(self._build)
        self._mapping_label = QLabel()
        self._mapping_label.setWordWrap(True)
        self._summary_label = QLabel()
        self._summary_label.setWordWrap(True)
        self._message = MessageLabel()
        self._message.follow(self._test)
        self._progress = LoadProgress(self._loader)
        self._loader.busy_changed.connect(self._on_busy)
        names = ((self._table, "preview_table"), (self._label_combo, "label_column"),
                 (self._positive_combo, "positive_label"), (self._test, "test_share"),
                 (self._mapping_label, "mapping_label"), (self._summary_label, "summary_label"),
                 (self._columns_label, "columns_label"), (self._format_label, "format_label"),
                 (self._message, "csv_message"), (reread, "read_again"))
        for widget, name in names:
            widget.setObjectName(name)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel("File:"))
        top.addWidget(self._path_label, 1)
        top.addWidget(reread)
        top.addWidget(choose)
        form = QFormLayout()
        form.addRow(caption("&Label column", self._label_combo), self._label_combo)
        form.addRow(caption("&Positive label", self._positive_combo), self._positive_combo)
        form.addRow(caption("&Test share", self._test), self._test)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._columns_label)
        layout.addWidget(self._format_label)
        layout.addLayout(form)
        layout.addWidget(self._progress)
        layout.addWidget(self._mapping_label)
        layout.addWidget(self._summary_label)
        layout.addWidget(self._message)
        layout.addWidget(self._buttons)

    # ----- the preview -----

    def _fill_preview(self, preview):
        self._table.show_preview(preview)
        self._label_combo.blockSignals(True)
        self._label_combo.clear()
        if preview is None:
            self._columns_label.clear()
            self._format_label.clear()
        else:
            listed = (range(preview.n_cols) if preview.n_cols <= MAX_LISTED_COLUMNS
                      else shown_columns(preview.n_cols))
            for k in listed:
                self._label_combo.addItem(preview.columns[k], k)
            self._label_combo.setCurrentIndex(self._label_combo.count() - 1)
            self._table.mark_label_column(self.label_column())
            self._columns_label.setText(describe_preview(preview))
            self._format_label.setText(f"Read as: {preview.text_format}")
        self._label_combo.blockSignals(False)

    # ----- reading and building, on the loader's thread -----

    def _on_label_changed(self, _index):
        self._table.mark_label_column(self.label_column())
        self._read()

    @Slot()
    def _read(self):
        if self._path is None or self._label_combo.count() == 0:
            return
        self._set_table(None)
        self._show_result(None)
        self._loader.start(read_job(self._path, self.label_column()), "read")

    def _set_table(self, table):
        self._table_data = table
        self._dataset = None
        self._positive_combo.blockSignals(True)
        self._positive_combo.clear()
        self._positive_combo.addItem(f"none: {TWO_CLASSES}", None)
        if table is not None:
            for value in sorted(table.label_values, key=_value_order):
                self._positive_combo.addItem(value.text, value.text)
            chosen = default_positive(table.label_values)
            if chosen is not None:
                self._positive_combo.setCurrentIndex(self._positive_combo.findData(chosen))
        self._positive_combo.setEnabled(table is not None)
        self._positive_combo.blockSignals(False)

    @Slot()
    def _build(self, *_):
        table = self._table_data
        if table is None:
            return   # the file is still being read, and builds when it is
        self._dataset = None
        if self.positive_label() is None and len(table.label_values) > 2:
            self._show_result(
                f"The label column {table.label_name!r} has {len(table.label_values)} different "
                f"values ({list_some(v.text for v in sorted(table.label_values, key=_value_order))})"
                ": choose the one that counts as 1 in Positive label (the others count as 0)")
            return
        self._show_result(None)
        self._loader.start(split_job(table, self.positive_label(), self.test_ratio(),
                                     self._seed), "build")

    @Slot(object, object)
    def _on_loaded(self, kind, result):
        if kind == "read":
            self._set_table(result)
            self._format_label.setText(f"Read as: {result.text_format}")
            self._build()
            return
        try:
            if self._check is not None:
                self._check(result)
        except (ConfigError, DatasetError) as error:
            self._show_result(str(error))
            return
        self._dataset = result
        self._show_result(None)

    @Slot(object, str)
    def _on_failed(self, _kind, message):
        self._dataset = None
        self._show_result(message)

    @Slot(object)
    def _on_cancelled(self, _kind):
        self._set_table(None)
        self._show_result("Stopped before the file was read to the end; the data in use has "
                          "not changed. Read again to load it")

    @Slot(bool)
    def _on_busy(self, busy):
        self.ok_button().setEnabled(not busy and self._dataset is not None)

    def _show_result(self, error):
        """Show the built Dataset, or ``error`` in red with OK disabled."""
        dataset = self._dataset if error is None else None
        self.ok_button().setEnabled(dataset is not None and not self.is_loading())
        self._mapping_label.setVisible(dataset is not None)
        self._summary_label.setVisible(dataset is not None)
        if dataset is None:
            if error:
                self._message.show_message(error)
            else:
                self._message.clear_message()
            return
        self._message.clear_message()
        self._mapping_label.setText(describe_mapping(dataset.label_mapping))
        self._summary_label.setText(
            f"{dataset.m_train + dataset.m_test:,} rows: {dataset.m_train:,} training + "
            f"{dataset.m_test:,} test examples, {dataset.n_x} features")


def _value_order(value):
    return (0, value.number, "") if value.number is not None else (1, 0.0, value.text)
