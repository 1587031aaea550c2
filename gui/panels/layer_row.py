"""One hidden layer in the model panel: its number of units and its activation."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from engine.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS
from engine.config import MAX_UNITS
from gui.panels.checked_spin import CheckedSpinBox
from gui.panels.short_combo import ShortLabelCombo

SMALL_UNITS = 8


def short_label(activation):
    """'tanh', 'ReLU', 'leaky ReLU': the display label without its explanation."""
    return ACTIVATIONS[activation].label.split(" (")[0]


class LayerRow(QWidget):
    """Units spin and activation combo for hidden layer ``l`` (1-based).

    Emits ``changed()`` when either changes, ``refused(message)`` for a typed
    number of units that is out of range and ``valid_again()`` once it is allowed again.
    """

    changed = Signal()
    refused = Signal(str)
    valid_again = Signal()

    def __init__(self, l, units=SMALL_UNITS, activation="tanh", parent=None):
        super().__init__(parent)
        self._caption = QLabel(f"Layer {l}")
        self._caption.setToolTip(f"Hidden layer {l}")
        self._units = CheckedSpinBox(f"Layer {l} units", 1, MAX_UNITS)
        self._units.setToolTip(
            f"How many units (neurons) hidden layer {l} has. Small layers (2 to 16) "
            "are the easiest to watch and train quickly.")
        self._units.setAccessibleName(f"Units in layer {l}")
        self._activation = ShortLabelCombo()
        for name in HIDDEN_ACTIVATIONS:
            a = ACTIVATIONS[name]
            self._activation.add_item(a.label, name, short_label(name),
                                      f"g(z) = {a.formula},  g'(z) = {a.derivative_formula}")
        self._activation.setToolTip(
            f"The activation function g applied to every unit of layer {l}.")
        self._activation.setAccessibleName(f"Activation of layer {l}")
        self._units.setObjectName("layer_units")
        self._activation.setObjectName("layer_activation")
        self.set_values(units, activation)
        self._units.valueChanged.connect(self.changed)
        self._units.refused.connect(self.refused)
        self._units.valid_again.connect(self.valid_again)
        self._activation.currentIndexChanged.connect(self.changed)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._caption)
        layout.addWidget(self._units)
        layout.addWidget(self._activation, 1)

    def units(self):
        """Number of units n_l."""
        return self._units.value()

    def activation(self):
        """Engine key of the activation, e.g. "relu"."""
        return self._activation.currentData()

    def set_values(self, units, activation):
        """Show ``units`` and ``activation`` (an engine key) without emitting ``changed``."""
        for widget in (self._units, self._activation):
            widget.blockSignals(True)
        self._units.setValue(units)
        self._activation.setCurrentIndex(self._activation.findData(activation))
        for widget in (self._units, self._activation):
            widget.blockSignals(False)
