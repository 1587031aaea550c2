"""Check boxes for the extra input features (x1², x2², x1·x2, sin x1, sin x2) and the
rule for when they apply: only to data of exactly two inputs, x1 and x2."""

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from engine.input_features import EXTRA_FEATURES, with_extra_features

COLUMNS = 3
TIP = ("Extra inputs computed from x1 and x2 and fed to the network as further input "
       "units, as TensorFlow Playground offers: with x1² and x2² a single unit can draw "
       "a circle. The pictures stay in the (x1, x2) plane.")


def unavailable_reason(plain):
    """Why extra features cannot be added to Dataset ``plain`` (without extras), or ""."""
    if plain.n_x == 2:
        return ""
    return (f"Extra inputs are made from two inputs, x1 and x2; {plain.name} has "
            f"{plain.n_x}, so they are left out.")


def with_features(settings, plain):
    """(DataSettings, Dataset) in use for ``settings`` once their data is loaded without
    extras as ``plain``: the chosen features added for two-input data; for other data
    none, and settings that say so. Raises DatasetError only for an unknown key."""
    if not settings.features:
        return settings, plain
    if unavailable_reason(plain):
        return replace(settings, features=()), plain
    return settings, with_extra_features(plain, settings.features)


class FeatureBoxes(QWidget):
    """One check box per extra feature; emits ``changed`` when one is ticked or cleared.

    While the data in use has other than two inputs the boxes are disabled, keep their
    ticks for the next two-input data, and a grey line says why."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._boxes = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        for i, (key, (name, _)) in enumerate(EXTRA_FEATURES.items()):
            box = QCheckBox(name)
            box.setObjectName(f"feature_{key}")
            box.setToolTip(TIP)
            box.toggled.connect(self._on_toggled)
            grid.addWidget(box, i // COLUMNS, i % COLUMNS)
            self._boxes[key] = box
        self._why = QLabel()
        self._why.setObjectName("features_unavailable")
        self._why.setWordWrap(True)
        # Greyed as the platform greys a hint, not red: nothing was refused.
        self._why.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._why.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self._why)

    def box(self, key):
        """The QCheckBox of feature ``key``."""
        return self._boxes[key]

    def keys(self):
        """The ticked features' keys, in EXTRA_FEATURES' order (ticked but disabled too)."""
        return tuple(key for key, box in self._boxes.items() if box.isChecked())

    def set_keys(self, keys):
        """Tick exactly ``keys``, emitting nothing."""
        for key, box in self._boxes.items():
            box.blockSignals(True)
            box.setChecked(key in keys)
            box.blockSignals(False)

    def set_reason(self, reason):
        """Enable the boxes for reason "", else disable them and show why."""
        for box in self._boxes.values():
            box.setEnabled(not reason)
            box.setToolTip(reason or TIP)
        self._why.setText(reason)
        self._why.setVisible(bool(reason))

    def reason(self):
        """Why the boxes are disabled, or "" while they apply."""
        return self._why.text()

    def _on_toggled(self, _checked):
        self.changed.emit()
