"""Learning rate: a log-scale slider plus a text field that takes the exact value."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from engine.config import (
    MAX_LEARNING_RATE,
    MIN_LEARNING_RATE,
    ConfigError,
    check_learning_rate,
)
from gui.field_keys import REAL, mark_number_field
from gui.panels.log_slider import LogSlider

LIVE = "Applies at once, without restarting training."


def format_rate(value):
    """Short text for a learning rate: 0.5, 0.01, 1e-05."""
    return f"{value:.6g}"


class LearningRateControl(QWidget):
    """Emits ``learning_rate_changed(float)`` while sliding or after a valid typed value,
    ``refused(message)`` for typed text that is not an allowed learning rate, and
    ``valid_again()`` when the field holds an allowed one again (typed or slid)."""

    learning_rate_changed = Signal(float)
    refused = Signal(str)
    valid_again = Signal()

    def __init__(self, value=0.5, parent=None):
        super().__init__(parent)
        self._value = check_learning_rate(value)
        self.slider = LogSlider(MIN_LEARNING_RATE, MAX_LEARNING_RATE)
        self.slider.setToolTip(
            f"Learning rate α: how big a step each update takes downhill, from "
            f"{MIN_LEARNING_RATE:g} to {MAX_LEARNING_RATE:g} on a log scale (each tick is ×10). "
            f"Too small crawls, too big jumps about or diverges. {LIVE}")
        self.slider.setAccessibleName("Learning rate slider")
        self.edit = QLineEdit()
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edit.setToolTip(
            f"Type an exact learning rate from {MIN_LEARNING_RATE:g} to "
            f"{MAX_LEARNING_RATE:g} and press Enter. {LIVE}")
        self.edit.setAccessibleName("Learning rate value")
        self.edit.setMaxLength(24)
        mark_number_field(self.edit, REAL)
        width = self.edit.fontMetrics().horizontalAdvance("0.000000") + 16
        self.edit.setFixedWidth(width)
        self.slider.setObjectName("learning_rate_slider")
        self.edit.setObjectName("learning_rate_edit")
        self._show(self._value)
        self.slider.log_value_changed.connect(self._on_slid)
        self.edit.editingFinished.connect(self._on_typed)
        self.edit.textEdited.connect(self._on_edited)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.edit)

    def value(self):
        """The learning rate in use."""
        return self._value

    def set_value(self, value):
        """Show ``value`` without emitting; raises ConfigError if it is out of range."""
        self._value = check_learning_rate(value)
        self._show(self._value)

    def type_text(self, text):
        """Handle ``text`` as if typed and confirmed with Enter; returns True if accepted."""
        self.edit.setText(text)
        return self._on_typed()

    def _show(self, value):
        self.slider.set_log_value(value)
        self.edit.setText(format_rate(value))

    def _on_slid(self, value):
        self._value = value
        self.edit.setText(format_rate(value))
        self.valid_again.emit()
        self.learning_rate_changed.emit(value)

    def _on_edited(self, text):
        try:
            check_learning_rate(text.strip())
        except ConfigError:
            return
        self.valid_again.emit()

    def _on_typed(self):
        text = self.edit.text().strip()
        try:
            value = check_learning_rate(text)
        except ConfigError as error:
            self.edit.setText(format_rate(self._value))
            self.refused.emit(f"{error}; kept {format_rate(self._value)}")
            return False
        if value != self._value:
            self._value = value
            self.slider.set_log_value(value)
            self.learning_rate_changed.emit(value)
        self.edit.setText(format_rate(value))
        self.valid_again.emit()
        return True
