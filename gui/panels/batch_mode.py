"""Full batch, mini-batch of k, or stochastic: how many examples each update looks at."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QRadioButton, QWidget

from engine.config import ConfigError, check_batch_size
from gui.panels.checked_spin import CheckedSpinBox

FULL, MINI, STOCHASTIC = 0, 1, 2
DEFAULT_K = 32
MAX_K = 100_000
LIVE = "Applies at once, without restarting training."


class BatchModeBox(QWidget):
    """Emits ``batch_size_changed(int)``: 0 = full batch, k = mini-batch, 1 = stochastic.

    Also emits ``refused(message)`` for a typed mini-batch size that is out of range,
    and ``valid_again()`` once the size is allowed again.
    """

    batch_size_changed = Signal(int)
    refused = Signal(str)
    valid_again = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._full = QRadioButton("&Full batch (all examples)")
        self._full.setToolTip("Each update uses every training example: smooth, steady "
                              f"steps. {LIVE}")
        self._mini = QRadioButton("&Mini-batch of")
        self._mini.setToolTip("Each update uses the next k examples: quicker, slightly "
                              f"noisy steps. {LIVE}")
        self._stochastic = QRadioButton("&Stochastic (1 example)")
        self._stochastic.setToolTip("Each update uses a single example: many cheap, "
                                    f"very noisy steps. {LIVE}")
        self._k = CheckedSpinBox("Mini-batch size", 2, MAX_K)
        self._k.setValue(DEFAULT_K)
        self._k.setToolTip("k, the number of examples in each mini-batch (2 up to the "
                           f"number of training examples). {LIVE}")
        self._k.setAccessibleName("Mini-batch size k")
        for widget, name in ((self._full, "batch_full"), (self._mini, "batch_mini"),
                             (self._stochastic, "batch_stochastic"), (self._k, "batch_k")):
            widget.setObjectName(name)
        self._group = QButtonGroup(self)
        for mode, button in ((FULL, self._full), (MINI, self._mini),
                             (STOCHASTIC, self._stochastic)):
            self._group.addButton(button, mode)
        self._full.setChecked(True)
        self._k.setEnabled(False)
        self._group.idToggled.connect(self._on_toggled)
        self._k.valueChanged.connect(self._on_k_changed)
        self._k.refused.connect(self.refused)
        self._k.valid_again.connect(self.valid_again)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._full, 0, 0, 1, 2)
        layout.addWidget(self._mini, 1, 0)
        layout.addWidget(self._k, 1, 1)
        layout.addWidget(self._stochastic, 2, 0, 1, 2)
        layout.setColumnStretch(1, 1)

    def batch_size(self):
        """0 for full batch, k for mini-batch, 1 for stochastic."""
        mode = self._group.checkedId()
        return {FULL: 0, MINI: self._k.value(), STOCHASTIC: 1}[mode]

    def set_batch_size(self, value):
        """Show batch size ``value`` (0, 1 or k >= 2) without emitting.

        Raises ConfigError if it is not a whole number from 0 up to the largest k allowed.
        """
        value = check_batch_size(value)
        if value > self._k.maximum():
            raise ConfigError(f"mini-batch size must be from 2 to {self._k.maximum()}, "
                              f"got {value}")
        mode = FULL if value == 0 else STOCHASTIC if value == 1 else MINI
        self._group.blockSignals(True)
        self._k.blockSignals(True)
        self._group.button(mode).setChecked(True)
        if mode == MINI:
            self._k.setValue(value)
        self._k.setEnabled(mode == MINI)
        self._k.blockSignals(False)
        self._group.blockSignals(False)

    def set_train_size(self, m):
        """Let k go up to the number of training examples m (at least 2); does not emit."""
        self._k.blockSignals(True)
        self._k.setMaximum(max(2, int(m)))
        self._k.blockSignals(False)

    def select_mode(self, mode):
        """Check FULL, MINI or STOCHASTIC as a click would, emitting the new batch size."""
        self._group.button(mode).click()

    def _on_toggled(self, mode, checked):
        if checked:
            self._k.setEnabled(mode == MINI)
            self.batch_size_changed.emit(self.batch_size())

    def _on_k_changed(self, _k):
        if self._group.checkedId() == MINI:
            self.batch_size_changed.emit(self.batch_size())
