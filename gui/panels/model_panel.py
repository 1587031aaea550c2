"""The model panel: hidden layers, initialisation and seed; emits a ModelSpec."""

from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine.activations import OUTPUT_ACTIVATION
from engine.config import MAX_LAYERS, ConfigError, make_model_config
from engine.initialisers import INITIALISER_LABELS, INITIALISERS
from gui.panels.caption import caption
from gui.panels.checked_spin import CheckedSpinBox
from gui.panels.debounce import make_debouncer
from gui.panels.layer_row import SMALL_UNITS, LayerRow, short_label
from gui.panels.message_label import MessageLabel
from gui.panels.short_combo import ShortLabelCombo

MAX_HIDDEN = MAX_LAYERS - 1
MAX_SEED = 2**31 - 1


@dataclass(frozen=True)
class ModelSpec:
    """The architecture the user chose; the input size comes from the data.

    hidden_sizes: (n_1, ..., n_{L-1}); activations: one engine key per hidden layer.
    """

    hidden_sizes: tuple = (SMALL_UNITS, SMALL_UNITS)
    activations: tuple = ("tanh", "tanh")
    init: str = "xavier"
    seed: int = 0

    def layer_sizes(self, n_x):
        """(n_x, n_1, ..., 1): every layer's size, input and output included."""
        return (n_x,) + tuple(self.hidden_sizes) + (1,)

    def parameter_count(self, n_x):
        """Number of weights and biases: the sum over layers of n_l n_{l-1} + n_l."""
        sizes = self.layer_sizes(n_x)
        return sum(n * n_prev + n for n_prev, n in pairwise(sizes))

    def summary(self, n_x):
        """One line such as '2 → 8 tanh → 8 tanh → 1 sigmoid (105 parameters)'."""
        hidden = [f"{n} {short_label(a)}" for n, a in zip(self.hidden_sizes, self.activations)]
        steps = [str(n_x)] + hidden + [f"1 {short_label(OUTPUT_ACTIVATION)}"]
        return f"{' → '.join(steps)} ({self.parameter_count(n_x)} parameters)"


def _plain(text):
    return " ".join((text or "").split())


class ModelPanel(QWidget):
    """Hidden layers (units + activation), initialisation and model seed.

    Emits ``model_changed(ModelSpec)`` once after a burst of changes; the main window
    then starts again from new weights.
    """

    model_changed = Signal(object)

    def __init__(self, parent=None, n_x=2):
        super().__init__(parent)
        self._n_x = n_x
        self._rows = []
        self._debounce = make_debouncer(self, self._emit)
        self._build_controls()
        self._show(ModelSpec())

    # ----- public API -----

    def current_model(self):
        """The ModelSpec the controls show now."""
        return ModelSpec(
            hidden_sizes=tuple(row.units() for row in self._rows),
            activations=tuple(row.activation() for row in self._rows),
            init=self._init.currentData(),
            seed=self._seed.value(),
        )

    def set_model(self, hidden_sizes, activations, init="xavier", seed=0):
        """Show this model (no signals while setting), then emit ``model_changed`` once.

        Raises ConfigError (and changes nothing) if the model is not allowed.
        """
        spec = self._check(ModelSpec(tuple(hidden_sizes), tuple(activations), init, seed))
        self._debounce.stop()
        self._show(spec)
        self.model_changed.emit(self.current_model())

    def show_model(self, spec):
        """Show ModelSpec ``spec`` and emit nothing (for a model that is already running)."""
        self._debounce.stop()
        self._show(spec)

    def set_input_size(self, n_x):
        """Tell the panel how many features the data has, for the summary line."""
        self._n_x = int(n_x)
        self._update_summary()

    def summary(self):
        """The summary line shown, e.g. '2 → 1 sigmoid (3 parameters)'."""
        return self.current_model().summary(self._n_x)

    def add_layer(self):
        """Add a hidden layer like the last one (8 tanh units if there is none)."""
        if len(self._rows) >= MAX_HIDDEN:
            return
        last = self._rows[-1] if self._rows else None
        units = last.units() if last else SMALL_UNITS
        activation = last.activation() if last else "tanh"
        self._append_row(units, activation)
        self._changed()

    def remove_layer(self):
        """Remove the last hidden layer; with none left the model is logistic regression."""
        if not self._rows:
            return
        self._drop_row(self._rows.pop())
        self._changed()

    # ----- building the widgets -----

    def _build_controls(self):
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._add = QPushButton("&Add layer")
        self._add.setToolTip(f"Add a hidden layer at the end (at most {MAX_HIDDEN}).")
        self._add.clicked.connect(self.add_layer)
        self._remove = QPushButton("&Remove layer")
        self._remove.setToolTip("Remove the last hidden layer. With no hidden layer the "
                                "network is logistic regression: one straight boundary.")
        self._remove.clicked.connect(self.remove_layer)
        self._init = ShortLabelCombo()
        for name, label in INITIALISER_LABELS.items():
            self._init.add_item(label, name, label.split(" (")[0],
                                _plain(INITIALISERS[name].__doc__))
        self._init.setToolTip("How the weights W start before training (the biases start at 0).")
        self._seed = CheckedSpinBox("Model seed", 0, MAX_SEED)
        self._seed.setToolTip("A number that fixes the random starting weights: the same seed "
                              "always starts from the same weights.")
        self._summary = QLabel()
        self._summary.setWordWrap(True)
        self._summary.setToolTip("Layer sizes from input to output, with each layer's "
                                 "activation, and how many weights and biases will be learnt.")
        font = self._summary.font()
        font.setBold(True)
        self._summary.setFont(font)
        note = QLabel("Changing the model starts training again from new weights.")
        note.setWordWrap(True)
        self._message = MessageLabel()
        names = ((self._add, "add_layer"), (self._remove, "remove_layer"),
                 (self._init, "init_combo"), (self._seed, "model_seed"),
                 (self._summary, "model_summary"), (self._message, "model_message"))
        for widget, name in names:
            widget.setObjectName(name)
        self._init.currentIndexChanged.connect(self._changed)
        self._seed.valueChanged.connect(self._changed)
        self._message.follow(self._seed)

        buttons = QHBoxLayout()
        buttons.addWidget(self._add)
        buttons.addWidget(self._remove)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for text, widget in (("&Initialisation", self._init), ("Model s&eed", self._seed)):
            form.addRow(caption(text, widget), widget)
        layout = QVBoxLayout(self)
        title = QLabel("Hidden layers: units and activation")
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addLayout(self._rows_layout)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self._summary)
        layout.addWidget(note)
        layout.addWidget(self._message)
        layout.addStretch(1)

    def _append_row(self, units, activation):
        row = LayerRow(len(self._rows) + 1, units, activation)
        row.changed.connect(self._changed)
        self._message.follow(row)
        self._rows.append(row)
        self._rows_layout.addWidget(row)

    def _drop_row(self, row):
        self._message.withdraw(row)   # its refusal goes with it
        self._rows_layout.removeWidget(row)
        # Unparent now: deleteLater alone leaves the row painted until the event loop runs.
        row.setParent(None)
        row.deleteLater()

    # ----- keeping controls and state in step -----

    def _show(self, spec):
        """Put ``spec`` into the controls without emitting anything."""
        while self._rows:
            self._drop_row(self._rows.pop())
        for units, activation in zip(spec.hidden_sizes, spec.activations):
            self._append_row(units, activation)
        for widget in (self._init, self._seed):
            widget.blockSignals(True)
        self._init.setCurrentIndex(self._init.findData(spec.init))
        self._seed.setValue(spec.seed)
        for widget in (self._init, self._seed):
            widget.blockSignals(False)
        self._update_summary()

    def _check(self, spec):
        """``spec`` validated by the engine, with whole-number sizes and seed."""
        config = make_model_config(spec.layer_sizes(self._n_x), spec.activations, spec.init,
                                   spec.seed)
        if config.seed > MAX_SEED:
            raise ConfigError(f"model seed must be between 0 and {MAX_SEED}, got {config.seed}")
        return ModelSpec(config.layer_sizes[1:-1], config.hidden_activations, config.init,
                         config.seed)

    def _update_summary(self):
        spec = self.current_model()
        text = spec.summary(self._n_x)
        if not spec.hidden_sizes and self._n_x == 1:
            # The seeds' names for the two parameters of one neuron on one feature.
            text += ("\nNo hidden layer: logistic regression, P(Y = 1) = σ(β0 + β1 x) "
                     "with β0 = b[1], β1 = W[1].")
        elif not spec.hidden_sizes:
            text += "\nNo hidden layer: logistic regression."
        self._summary.setText(text)
        self._add.setEnabled(len(self._rows) < MAX_HIDDEN)
        self._remove.setEnabled(bool(self._rows))

    def _changed(self):
        self._update_summary()
        self._debounce.start()

    def _emit(self):
        self.model_changed.emit(self.current_model())
