"""How many updates per second the trainer runs, in labelled steps from lecture pace up."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from engine.config import ConfigError

# (updates per second, label); 0.0 means as fast as the computer can go.
SPEEDS = (
    (1.0, "1 update/s (lecture)"),
    (2.0, "2 updates/s"),
    (5.0, "5 updates/s"),
    (10.0, "10 updates/s"),
    (30.0, "30 updates/s"),
    (100.0, "100 updates/s"),
    (1000.0, "1000 updates/s"),
    (0.0, "Unthrottled"),
)
DEFAULT_SPEED = 100.0


class SpeedSlider(QWidget):
    """A slider over SPEEDS with the chosen step's label beside it.

    Emits ``speed_changed(float)``: updates per second, or 0.0 for unthrottled.
    """

    speed_changed = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, len(SPEEDS) - 1)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setToolTip(
            "How many updates per second training runs: 1 per second to follow each step "
            "in a lecture, up to unthrottled (as fast as the computer can). Applies at once, "
            "without restarting training.")
        self.slider.setAccessibleName("Training speed")
        self.slider.setObjectName("speed_slider")
        self._label = QLabel()
        width = max(self._label.fontMetrics().horizontalAdvance(text) for _, text in SPEEDS)
        self._label.setMinimumWidth(width)
        self.set_speed(DEFAULT_SPEED)
        self.slider.valueChanged.connect(self._on_moved)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self._label)

    def speed(self):
        """Updates per second, or 0.0 for unthrottled."""
        return SPEEDS[self.slider.value()][0]

    def label(self):
        """The label of the chosen step, e.g. "10 updates/s"."""
        return SPEEDS[self.slider.value()][1]

    def set_speed(self, speed):
        """Show ``speed`` (one of SPEEDS) without emitting; raises ConfigError otherwise."""
        steps = [value for value, _ in SPEEDS]
        if speed not in steps:
            allowed = ", ".join(f"{value:g}" for value in steps)
            raise ConfigError(f"speed must be one of {allowed} updates/s (0 = unthrottled), "
                              f"got {speed!r}")
        self.slider.blockSignals(True)
        self.slider.setValue(steps.index(speed))
        self.slider.blockSignals(False)
        self._label.setText(self.label())

    def _on_moved(self, _position):
        self._label.setText(self.label())
        self.speed_changed.emit(self.speed())
