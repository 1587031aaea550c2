"""The training panel: learning rate, batch mode, L2 and speed, all applied live."""

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from engine.config import MAX_L2, check_l2
from gui.panels.batch_mode import BatchModeBox
from gui.panels.caption import caption
from gui.panels.checked_spin import CheckedDoubleSpinBox
from gui.panels.learning_rate_control import LIVE, LearningRateControl
from gui.panels.message_label import MessageLabel
from gui.panels.speed_slider import DEFAULT_SPEED, SpeedSlider


@dataclass(frozen=True)
class TrainingValues:
    """The panel's settings. batch_size: 0 full, k mini-batch, 1 stochastic;
    speed: updates per second, 0.0 = unthrottled."""

    learning_rate: float = 0.5
    batch_size: int = 0
    l2: float = 0.0
    speed: float = DEFAULT_SPEED


class TrainingPanel(QWidget):
    """Settings that change how training goes on, without starting it again.

    Signals: ``learning_rate_changed(float)``, ``batch_size_changed(int)``,
    ``l2_changed(float)``, ``speed_changed(float)``. The set_* methods never emit.
    """

    learning_rate_changed = Signal(float)
    batch_size_changed = Signal(int)
    l2_changed = Signal(float)
    speed_changed = Signal(float)

    def __init__(self, parent=None, values=TrainingValues()):
        super().__init__(parent)
        self._message = MessageLabel()
        self.learning_rate_control = LearningRateControl(values.learning_rate)
        self.batch_mode = BatchModeBox()
        self.batch_mode.set_batch_size(values.batch_size)
        self._l2 = CheckedDoubleSpinBox("L2 lambda", 0.0, MAX_L2, 0.01, 4)
        self._l2.setValue(values.l2)
        self._l2.setObjectName("l2_spin")
        self._message.setObjectName("training_message")
        self._l2.setToolTip(
            f"L2 regularisation λ (0 to {MAX_L2:g}): pulls every weight towards 0, which "
            f"smooths the decision boundary; 0 turns it off. {LIVE}")
        self.speed_slider = SpeedSlider()
        self.speed_slider.set_speed(values.speed)
        self._connect()
        self._lay_out()

    # ----- public API -----

    def values(self):
        """The current settings as a TrainingValues."""
        return TrainingValues(
            learning_rate=self.learning_rate_control.value(),
            batch_size=self.batch_mode.batch_size(),
            l2=self._l2.value(),
            speed=self.speed_slider.speed(),
        )

    def set_learning_rate(self, value):
        """Show learning rate ``value`` without emitting; ConfigError if out of range."""
        self.learning_rate_control.set_value(value)

    def set_batch_size(self, value):
        """Show batch size ``value`` (0 full, 1 stochastic, k) without emitting."""
        self.batch_mode.set_batch_size(value)

    def set_l2(self, value):
        """Show L2 lambda ``value`` without emitting; ConfigError if out of range."""
        value = check_l2(value)
        self._l2.blockSignals(True)
        self._l2.setValue(value)
        self._l2.blockSignals(False)

    def set_speed(self, value):
        """Show speed ``value`` (one of the steps, 0.0 = unthrottled) without emitting."""
        self.speed_slider.set_speed(value)

    def set_train_size(self, m):
        """Let the mini-batch size go up to the m training examples of the new data."""
        self.batch_mode.set_train_size(m)

    def message(self):
        """The refusal message shown now, or ""."""
        return self._message.message()

    # ----- wiring -----

    def _connect(self):
        lr = self.learning_rate_control
        lr.learning_rate_changed.connect(self.learning_rate_changed)
        self.batch_mode.batch_size_changed.connect(self.batch_size_changed)
        self._l2.valueChanged.connect(self.l2_changed)
        for field in (lr, self.batch_mode, self._l2):
            self._message.follow(field)
        self.speed_slider.speed_changed.connect(self.speed_changed)

    def _lay_out(self):
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(caption("&Learning rate α", self.learning_rate_control.edit),
                    self.learning_rate_control)
        form.addRow(caption("Examples per update"), self.batch_mode)
        form.addRow(caption("L&2 λ", self._l2), self._l2)
        form.addRow(caption("S&peed", self.speed_slider.slider), self.speed_slider)
        note = QLabel("These settings apply at once; training carries on.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self._message)
        layout.addStretch(1)
