"""The data panel: choose a data set and its settings; emits a ready engine Dataset."""

from dataclasses import dataclass, replace
from typing import NamedTuple

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine.config import ConfigError
from engine.dataset import load_dataset
from engine.errors import DatasetError
from engine.synthetic import MAX_NOISE, MAX_POINTS, MIN_POINTS, SYNTHETIC_SETS
from gui.data_loader import DataLoader
from gui.panels.caption import caption
from gui.panels.checked_spin import CheckedDoubleSpinBox, CheckedSpinBox
from gui.panels.csv_dialog import CsvDialog
from gui.panels.csv_jobs import split_job
from gui.panels.dataset_labels import (
    DATASET_TOOLTIPS,
    dataset_label,
    dataset_names,
    dataset_short_label,
)
from gui.panels.debounce import make_debouncer
from gui.panels.feature_boxes import FeatureBoxes, unavailable_reason, with_features
from gui.panels.load_progress import LoadProgress
from gui.panels.message_label import MessageLabel
from gui.panels.short_combo import ShortLabelCombo

MAX_TEST_RATIO = 0.9
MAX_SEED = 2**31 - 1


@dataclass(frozen=True)
class DataSettings:
    """Everything load_dataset needs; the defaults are the data the app starts with."""

    name: str = "moons"
    n: int = 200
    noise: float = 0.2
    seed: int = 0
    test_ratio: float = 0.25
    digit: int = 0
    csv_path: str | None = None
    label_column: int | None = None
    positive_label: str | None = None
    features: tuple = ()   # extra inputs for two-feature data (engine/input_features.py)

    def load(self):
        """Build the Dataset; raises DatasetError or ConfigError for bad settings."""
        return load_dataset(
            self.name, n=self.n, noise=self.noise, seed=self.seed, test_ratio=self.test_ratio,
            digit=self.digit, csv_path=self.csv_path, label_column=self.label_column,
            positive_label=self.positive_label, features=self.features,
        )


class DataState(NamedTuple):
    """The data in use: its settings, the Dataset and the CsvChoice it came from, if any."""

    settings: DataSettings
    dataset: object
    csv: object


def describe(dataset):
    """Three short lines about a Dataset for the panel: where it came from, and its sizes."""
    positives = int(dataset.Y_train.sum() + dataset.Y_test.sum())
    total = dataset.m_train + dataset.m_test
    return (f"{dataset.description}\n"
            f"{dataset.m_train:,} training + {dataset.m_test:,} test examples\n"
            f"{dataset.n_x} feature{'' if dataset.n_x == 1 else 's'}; {positives:,} of {total:,} labelled 1")


def plain_of(dataset):
    """A stand-in for ``dataset`` without its extra features, enough for
    unavailable_reason: its name and its number of inputs."""
    if not dataset.extra_features:
        return dataset
    return replace(dataset, X_train=dataset.X_train[:2], X_test=dataset.X_test[:2],
                   extra_features=())


class DataPanel(QWidget):
    """Data set choice, its settings and an "Open CSV…" button.

    Emits ``dataset_changed(Dataset)`` with a new, ready Dataset after every change that
    builds and passes the check set with set_dataset_check; a change that fails shows its
    message in red and keeps the previous Dataset. A CSV file is split again (for a new
    test share or seed) on a background thread, from the table read when it was opened.
    """

    dataset_changed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._settings = DataSettings()
        self._dataset = self._settings.load()
        self._csv = None         # the CsvChoice of the last accepted CSV file
        self._csv_dialog = None
        self._check = None
        self._loader = DataLoader(self)
        self._loader.finished.connect(self._on_loaded)
        self._loader.failed.connect(self._on_load_failed)
        self._loader.cancelled.connect(self._on_load_cancelled)
        self._debounce = make_debouncer(self, self._load_from_controls)
        self._build_controls()
        self._show_settings(self._settings)
        self._status.setText(describe(self._dataset))
        self._features.set_reason(unavailable_reason(self._dataset))
        self._connect()

    # ----- public API -----

    def current_dataset(self):
        """The last Dataset that was built successfully (the one in use)."""
        return self._dataset

    def settings(self):
        """The DataSettings the controls show now."""
        csv = self._csv
        return DataSettings(
            name=self._combo.currentData(), n=self._n.value(),
            noise=round(self._noise.value(), 2), seed=self._seed.value(),
            test_ratio=round(self._test.value(), 2), digit=self._digit.value(),
            csv_path=csv.path if csv else None, label_column=csv.label_column if csv else None,
            positive_label=csv.positive_label if csv else None,
            features=self._features.keys(),
        )

    def state(self):
        """What restore() needs to show the data in use again: (settings, Dataset, CSV)."""
        return DataState(self._settings, self._dataset, self._csv)

    def restore(self, state):
        """Show a DataState from state() again and make its Dataset the one in use,
        emitting nothing (for data already running); stops any change still pending."""
        self._debounce.stop()
        self._loader.abandon()
        self._settings, self._dataset, self._csv = state
        self._show_settings(state.settings)
        self._message.clear_message()
        self._status.setText(describe(state.dataset))
        self._features.set_reason(unavailable_reason(plain_of(state.dataset)))

    def set_dataset_check(self, check):
        """Ask ``check(dataset)`` before any new Dataset replaces the one in use; it raises
        ConfigError or DatasetError (whose message is shown) if the data cannot be used."""
        self._check = check

    def is_loading(self):
        """True while a CSV file is being split on the background thread."""
        return self._loader.is_busy()

    def load(self, settings):
        """Build a Dataset from ``settings``; emit it, or show why not and keep the old one.

        Returns the new Dataset, or None if it could not be built. A CSV file is split on
        the background thread: then this returns None at once and dataset_changed follows.
        """
        self._debounce.stop()
        self._loader.abandon()
        if settings.name == "csv":
            self._load_csv(settings)
            return None
        try:
            plain = replace(settings, features=()).load()
            settings, dataset = with_features(settings, plain)
            self._check_usable(dataset)
        except (DatasetError, ConfigError) as error:
            self._refuse(str(error))
            return None
        self._settings = settings
        self._use(dataset, plain)
        return dataset

    def shut_down(self):
        """Stop any load still running (here and in an open CSV dialog)."""
        self._loader.shut_down()
        if self._csv_dialog is not None and self._csv_dialog.isVisible():
            self._csv_dialog.reject()

    def set_dataset_by_name(self, name):
        """Switch to engine data set ``name`` (e.g. "xor") keeping the other settings; emits.

        Raises DatasetError for an unknown name, or "csv" before any CSV file was loaded.
        """
        if name not in dataset_names():
            raise DatasetError(f"unknown data set {name!r}; allowed: {', '.join(dataset_names())}")
        if name == "csv" and self._csv is None:
            raise DatasetError("no CSV file loaded yet; use Open CSV… first")
        self._select(name)
        return self.load(self.settings())

    def open_csv(self, path=None):
        """Open the CSV dialog on ``path`` (asking for a file if None); returns the dialog.

        Returns None if the user cancelled the file chooser.
        """
        if path is None:
            path = self._ask_csv_path()
            if not path:
                self._select(self._dataset.name)
                return None
        if self._csv_dialog is not None:
            self._csv_dialog.deleteLater()
        dialog = CsvDialog(self, test_ratio=self._test.value(), seed=self._seed.value(),
                           check=self._check_usable)
        dialog.dataset_accepted.connect(self._on_csv_accepted)
        dialog.rejected.connect(self._on_csv_rejected)
        dialog.load_path(path)
        dialog.open()
        self._csv_dialog = dialog
        return dialog

    # ----- building the widgets -----

    def _build_controls(self):
        self._combo = ShortLabelCombo()
        for name in dataset_names():
            self._combo.add_item(dataset_label(name), name, dataset_short_label(name),
                                 DATASET_TOOLTIPS.get(name, ""))
        self._combo.setToolTip("Which examples the network learns from. Changing it starts "
                               "training again on the new data.")
        self._n = CheckedSpinBox("Points n", MIN_POINTS, MAX_POINTS)
        self._n.setSingleStep(50)
        self._n.setToolTip(f"How many points to generate ({MIN_POINTS} to {MAX_POINTS}); "
                           "only for the drawn (synthetic) data sets.")
        self._noise = CheckedDoubleSpinBox("Noise", 0.0, MAX_NOISE, 0.05, 2)
        self._noise.setToolTip("How much random jitter is added to every point (0 = none, "
                               "1 = a lot); only for the drawn data sets.")
        self._test = CheckedDoubleSpinBox("Test share", 0.0, MAX_TEST_RATIO, 0.05, 2)
        self._test.setToolTip("The fraction of examples held back to test the network on data "
                              "it never trained on (0 = no test set).")
        self._seed = CheckedSpinBox("Data seed", 0, MAX_SEED)
        self._seed.setToolTip("A number that fixes the random points and the train/test split: "
                              "the same seed always gives the same data.")
        self._digit = CheckedSpinBox("Digit k", 0, 9)
        self._digit.setToolTip("For the digits data: the digit that counts as class 1; "
                               "every other digit is class 0.")
        self._features = FeatureBoxes()
        self._features.setObjectName("extra_features")
        self._open_button = QPushButton("&Open CSV…")
        self._open_button.setToolTip("Load your own CSV file: numeric feature columns and "
                                     "one label column with two classes.")
        self._progress = LoadProgress(self._loader)
        self._status = QLabel()
        self._status.setWordWrap(True)
        self._message = MessageLabel()
        names = ((self._combo, "dataset_combo"), (self._n, "points_n"), (self._noise, "noise"),
                 (self._test, "test_share"), (self._seed, "data_seed"), (self._digit, "digit_k"),
                 (self._open_button, "open_csv"), (self._status, "dataset_status"),
                 (self._message, "data_message"))
        for widget, name in names:
            widget.setObjectName(name)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setHorizontalSpacing(12)
        for text, widget in (("&Data set", self._combo), ("Points &n", self._n),
                             ("No&ise", self._noise), ("&Test share", self._test),
                             ("Data s&eed", self._seed), ("Digit &k", self._digit)):
            form.addRow(caption(text, widget), widget)
        form.addRow(caption("Extra inputs"), self._features)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._open_button)
        layout.addWidget(self._progress)
        layout.addWidget(self._status)
        layout.addWidget(self._message)
        layout.addStretch(1)

    def _connect(self):
        self._combo.currentIndexChanged.connect(self._on_combo_changed)
        for spin in (self._n, self._noise, self._test, self._seed, self._digit):
            spin.valueChanged.connect(self._debounce.restart)
            self._message.follow(spin)
        self._open_button.clicked.connect(lambda: self.open_csv())
        self._features.changed.connect(self._load_from_controls)

    # ----- keeping controls and state in step -----

    def _show_settings(self, settings):
        """Put ``settings`` into the controls without emitting anything."""
        pairs = ((self._n, settings.n), (self._noise, settings.noise),
                 (self._test, settings.test_ratio), (self._seed, settings.seed),
                 (self._digit, settings.digit))
        for spin, value in pairs:
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        # The ticks stay as they are for data without two inputs, which has none.
        if not unavailable_reason(plain_of(self._dataset)):
            self._features.set_keys(settings.features)
        self._select(settings.name)

    def _select(self, name):
        """Show data set ``name`` in the combo (signals blocked) and enable what applies."""
        self._combo.blockSignals(True)
        self._combo.setCurrentIndex(self._combo.findData(name))
        self._combo.blockSignals(False)
        self._n.setEnabled(name in SYNTHETIC_SETS)
        self._noise.setEnabled(name in SYNTHETIC_SETS)
        self._digit.setEnabled(name == "digits")

    def _use(self, dataset, plain):
        self._dataset = dataset
        self._message.clear_message()
        self._status.setText(describe(dataset))
        self._features.set_reason(unavailable_reason(plain))
        self.dataset_changed.emit(dataset)

    def _load_from_controls(self):
        self.load(self.settings())

    def _check_usable(self, dataset):
        if self._check is not None:
            self._check(dataset)

    def _refuse(self, message):
        self._message.show_message(f"{message} (still using the previous data)")

    def _load_csv(self, settings):
        csv = self._csv
        if csv is None or (settings.csv_path, settings.label_column) != (csv.path,
                                                                          csv.label_column):
            self._refuse("that CSV file is not open; use Open CSV… to read it")
            return
        self._loader.start(split_job(csv.table, settings.positive_label, settings.test_ratio,
                                     settings.seed), settings)

    @Slot(object, object)
    def _on_loaded(self, settings, plain):
        try:
            settings, dataset = with_features(replace(settings, features=self._features.keys()),
                                              plain)
            self._check_usable(dataset)
        except (DatasetError, ConfigError) as error:
            self._refuse(str(error))
            return
        self._settings = settings
        self._use(dataset, plain)

    @Slot(object, str)
    def _on_load_failed(self, _settings, message):
        self._refuse(message)

    @Slot(object)
    def _on_load_cancelled(self, _settings):
        self._show_settings(self._settings)
        self._refuse("Loading stopped")

    def _on_combo_changed(self, _index):
        name = self._combo.currentData()
        if name == "csv" and self._csv is None:
            self.open_csv()
            return
        self._select(name)
        self.load(self.settings())

    def _ask_csv_path(self):
        path, _ = QFileDialog.getOpenFileName(
            self, "Open a CSV file", "", "CSV files (*.csv *.tsv *.txt);;All files (*)")
        return path

    def _on_csv_accepted(self, plain):
        dialog = self._csv_dialog
        self._loader.abandon()
        self._csv = dialog.choice()
        self._test.blockSignals(True)
        self._test.setValue(dialog.test_ratio())
        self._test.blockSignals(False)
        self._select("csv")
        self._settings, dataset = with_features(replace(self.settings(), name="csv"), plain)
        self._debounce.stop()
        self._use(dataset, plain)

    def _on_csv_rejected(self):
        self._select(self._dataset.name)
