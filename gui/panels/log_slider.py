"""A horizontal slider whose integer positions are evenly spaced in log10 of a value."""

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSlider

STEPS_PER_DECADE = 100


def round_significant(value, digits=3):
    """``value`` rounded to ``digits`` significant figures, so what is shown is what is used."""
    return float(f"{value:.{digits}g}")


class LogSlider(QSlider):
    """Slides from ``low`` to ``high`` (both > 0) on a log scale.

    Position p maps to 10 ** (log10(low) + p / STEPS_PER_DECADE), rounded to three
    significant figures. Emits ``log_value_changed(float)`` while the user slides.
    """

    log_value_changed = Signal(float)

    def __init__(self, low, high, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._log_low = math.log10(low)
        self._low, self._high = low, high
        self.setRange(0, round((math.log10(high) - self._log_low) * STEPS_PER_DECADE))
        self.setSingleStep(STEPS_PER_DECADE // 10)
        self.setPageStep(STEPS_PER_DECADE)
        self.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.setTickInterval(STEPS_PER_DECADE)
        self.valueChanged.connect(self._on_position)

    def value_at(self, position):
        """The value at integer slider ``position``."""
        value = 10 ** (self._log_low + position / STEPS_PER_DECADE)
        return min(max(round_significant(value), self._low), self._high)

    def position_for(self, value):
        """The nearest slider position to ``value`` (> 0), clamped to the ends."""
        position = round((math.log10(value) - self._log_low) * STEPS_PER_DECADE)
        return min(max(position, self.minimum()), self.maximum())

    def log_value(self):
        """The value at the current position."""
        return self.value_at(self.value())

    def set_log_value(self, value):
        """Move to the position nearest ``value`` without emitting anything."""
        self.blockSignals(True)
        self.setValue(self.position_for(value))
        self.blockSignals(False)

    def _on_position(self, position):
        self.log_value_changed.emit(self.value_at(position))
