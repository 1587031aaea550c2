"""A dialog that previews a CSV file, lets the user pick its label column, and loads it."""

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from engine.config import ConfigError
from engine.dataset import load_dataset
from engine.errors import DatasetError
from gui.panels.caption import caption
from gui.panels.checked_spin import CheckedDoubleSpinBox
from gui.panels.csv_preview import read_preview
from gui.panels.message_label import MessageLabel

MAX_TEST_RATIO = 0.9


def describe_mapping(mapping):
    """'benign → 0, malignant → 1' for a label mapping; None means the labels were 0/1."""
    if mapping is None:
        return "Labels: already 0 and 1"
    return "Labels: " + ", ".join(f"{label} → {y}" for label, y in mapping.items())


class CsvDialog(QDialog):
    """Preview a CSV file and build a Dataset from it; OK is enabled only when it builds.

    Emits ``dataset_accepted(Dataset)`` when the user presses OK.
    """

    dataset_accepted = Signal(object)

    def __init__(self, parent=None, test_ratio=0.25, seed=0):
        super().__init__(parent)
        self.setWindowTitle("Open a CSV file")
        self._path = None
        self._dataset = None
        self._seed = seed
        self._build_controls(test_ratio)
        self._show_result(None)

    # ----- public API -----

    def load_path(self, path):
        """Preview the file at ``path``, offer its columns, and try to build the Dataset."""
        self._path = str(path)
        self._dataset = None
        self._path_label.setText(Path(path).name)
        self._path_label.setToolTip(self._path)
        try:
            preview = read_preview(path)
        except DatasetError as error:
            self._fill_preview(None)
            self._show_result(str(error))
            return
        self._fill_preview(preview)
        self._build()

    def choose_file(self):
        """Ask for a CSV file with the file chooser, then load it."""
        path, _ = QFileDialog.getOpenFileName(
            self, "Open a CSV file", "", "CSV files (*.csv *.tsv *.txt);;All files (*)")
        if path:
            self.load_path(path)

    def dataset(self):
        """The Dataset built from the current choices, or None if it could not be built."""
        return self._dataset

    def path(self):
        """The path of the file being previewed, or None."""
        return self._path

    def label_column(self):
        """0-based index of the chosen label column, or None before a file is loaded."""
        return self._label_combo.currentData()

    def test_ratio(self):
        """The chosen test share, 0 to 0.9."""
        return round(self._test.value(), 2)

    def error_message(self):
        """The error shown now, or ""."""
        return self._message.message()

    def ok_button(self):
        """The OK button; enabled only while the choices give a usable Dataset."""
        return self._buttons.button(QDialogButtonBox.StandardButton.Ok)

    def accept(self):
        """Emit the Dataset and close; does nothing while there is none."""
        if self._dataset is None:
            return
        self.dataset_accepted.emit(self._dataset)
        super().accept()

    # ----- building the widgets -----

    def _build_controls(self, test_ratio):
        self._path_label = QLabel("no file")
        choose = QPushButton("&Choose file…")
        choose.setToolTip("Pick a different CSV file.")
        choose.clicked.connect(self.choose_file)
        self._table = QTableWidget()
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setToolTip("The first rows of the file, as text, before any checking; "
                               "rows are numbered as in the file, the label column is bold.")
        self._columns_label = QLabel()
        self._columns_label.setWordWrap(True)
        self._label_combo = QComboBox()
        self._label_combo.setToolTip("The column that holds the class of each row (two values, "
                                     "e.g. 0/1 or yes/no); every other column is an input.")
        self._label_combo.currentIndexChanged.connect(self._on_label_changed)
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
        self._test.refused.connect(self._message.show_message)
        names = ((self._table, "preview_table"), (self._label_combo, "label_column"),
                 (self._test, "test_share"), (self._mapping_label, "mapping_label"),
                 (self._summary_label, "summary_label"), (self._message, "csv_message"))
        for widget, name in names:
            widget.setObjectName(name)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel("File:"))
        top.addWidget(self._path_label, 1)
        top.addWidget(choose)
        form = QFormLayout()
        form.addRow(caption("&Label column", self._label_combo), self._label_combo)
        form.addRow(caption("&Test share", self._test), self._test)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._columns_label)
        layout.addLayout(form)
        layout.addWidget(self._mapping_label)
        layout.addWidget(self._summary_label)
        layout.addWidget(self._message)
        layout.addWidget(self._buttons)

    # ----- preview and build -----

    def _fill_preview(self, preview):
        self._label_combo.blockSignals(True)
        self._label_combo.clear()
        if preview is None:
            self._table.clear()
            self._table.setRowCount(0)
            self._table.setColumnCount(0)
            self._columns_label.clear()
        else:
            self._table.clear()
            self._table.setColumnCount(len(preview.columns))
            self._table.setRowCount(len(preview.rows))
            self._table.setHorizontalHeaderLabels(list(preview.columns))
            # Number rows as the file does, so "row 7" in an error points at row 7 here.
            self._table.setVerticalHeaderLabels([str(n) for n in preview.row_numbers])
            for i, cells in enumerate(preview.rows):
                for k, cell in enumerate(cells[: len(preview.columns)]):
                    self._table.setItem(i, k, QTableWidgetItem(cell))
            self._table.resizeColumnsToContents()
            for k, name in enumerate(preview.columns):
                self._label_combo.addItem(name, k)
            self._label_combo.setCurrentIndex(len(preview.columns) - 1)
            self._mark_label_column()
            header = "with a header row" if preview.has_header else "no header row"
            self._columns_label.setText(
                f"{len(preview.columns)} columns ({header}): {', '.join(preview.columns)}")
        self._label_combo.blockSignals(False)

    def _on_label_changed(self, _index):
        self._mark_label_column()
        self._build()

    def _mark_label_column(self):
        """Bold the header of the chosen label column in the preview."""
        chosen = self._label_combo.currentData()
        for k in range(self._table.columnCount()):
            item = self._table.horizontalHeaderItem(k)
            if item is not None:
                font = item.font()
                font.setBold(k == chosen)
                item.setFont(font)

    def _build(self):
        if self._path is None or self._label_combo.count() == 0:
            return
        try:
            dataset = load_dataset("csv", csv_path=self._path,
                                   label_column=self._label_combo.currentData(),
                                   test_ratio=self.test_ratio(), seed=self._seed)
        except (DatasetError, ConfigError) as error:
            self._dataset = None
            self._show_result(str(error))
            return
        self._dataset = dataset
        self._show_result(None)

    def _show_result(self, error):
        """Show the built Dataset, or ``error`` in red with OK disabled."""
        dataset = self._dataset if error is None else None
        self.ok_button().setEnabled(dataset is not None)
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
            f"{dataset.m_train + dataset.m_test} rows: {dataset.m_train} training + "
            f"{dataset.m_test} test examples, {dataset.n_x} features")
