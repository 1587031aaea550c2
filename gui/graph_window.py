"""The computational graph's own window: one example's loss (or the seed's chain of three
neurons) drawn block by block, stepped forward and backward with the stepper's keys.

It only shows: engine/loss_graph.py and engine/chain_graph.py build the graphs and run
both sweeps; gui/graph_position.py keeps how far the stepping is.
"""
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.chain_graph import CHAIN_EXAMPLE, walk_chain
from engine.comp_graph import GraphInputError
from engine.loss_graph import SEED_EXAMPLE, walk_loss

from .field_keys import REAL, install_field_keys, mark_number_field
from .graph_canvas import GraphCanvas
from .graph_explanation import explanation_html
from .graph_position import GraphPosition
from .screen_fit import fitted_geometry
from .stepper.number_format import full_number

LOSS, CHAIN = "loss", "chain"
FIELDS = {
    LOSS: (("x", "x"), ("w", "w (\u03b21)"), ("b", "b (\u03b20)"), ("y", "y (0 or 1)")),
    CHAIN: (("x", "x"), ("w1", "w1"), ("w2", "w2"), ("t", "t (target)")),
}
PRESETS = {LOSS: SEED_EXAMPLE, CHAIN: CHAIN_EXAMPLE}
WALKS = {LOSS: walk_loss, CHAIN: walk_chain}
STEP_ACTIONS = (   # text, keys, what it does, the GraphWindow method
    ("Next node", ("Shift+Right", "."),
     "One node on: the forward sweep first, then the backward sweep", "step_next"),
    ("Whole sweep", ("Right",), "Run the rest of the sweep under way", "step_sweep"),
    ("Back a node", ("Left",), "One node back", "step_back"),
    ("Back to the start", ("Shift+Left",), "Back to before the forward sweep", "step_start"),
)
GRAPH_SHARE = 0.68   # of the height, for the drawing; the words get the rest


class GraphWindow(QWidget):
    """A top-level, non-modal window with the graph, its fields, presets and stepping."""

    def __init__(self, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Computational graph \u2014 Backprop Lab")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)   # the keys step, not a field
        self.kind = LOSS
        self.values = dict(SEED_EXAMPLE)
        self.position = None
        self.canvas = GraphCanvas()
        self.words = QTextBrowser()
        self.words.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.words.setOpenLinks(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel { color: #a31515; font-weight: bold; }")
        self.labels, self.fields = [], []
        layout = QVBoxLayout(self)
        layout.addLayout(self._input_row())
        layout.addWidget(self.message)
        layout.addLayout(self._step_row())
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.canvas)
        split.addWidget(self.words)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        self.split = split
        install_field_keys(self)
        self._fit_screen()
        self.load(LOSS, SEED_EXAMPLE)

    # --- building ----------------------------------------------------------------

    def _input_row(self):
        row = QHBoxLayout()
        for kind, text in ((LOSS, "Seed: X = 3, W = 3"), (CHAIN, "Chain of three neurons")):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip("Load this preset and go back to the start" if kind == CHAIN else
                              "The first seed's example: x = 3, w = 3, b = 0, y = 1, whose "
                              "loss is log(1 + e^-9)")
            button.clicked.connect(lambda _=False, k=kind: self.load(k, PRESETS[k]))
            row.addWidget(button)
        row.addSpacing(16)
        for _ in range(4):
            label, field = QLabel(), QLineEdit()
            field.setMaximumWidth(110)
            mark_number_field(field, REAL)
            field.returnPressed.connect(self.apply_fields)
            row.addWidget(label)
            row.addWidget(field)
            self.labels.append(label)
            self.fields.append(field)
        apply = QPushButton("Apply")
        apply.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        apply.setToolTip("Rebuild the graph with these values (or press Enter in a field)")
        apply.clicked.connect(self.apply_fields)
        row.addWidget(apply)
        row.addStretch(1)
        return row

    def _step_row(self):
        row = QHBoxLayout()
        self.step_actions = {}
        for text, keys, tip, method in STEP_ACTIONS:
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            shown = " or ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                                for k in keys)
            action.setToolTip(f"{tip} ({shown})")
            action.triggered.connect(getattr(self, method))
            self.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setText(f"{text}  [{shown}]")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(button)
            self.step_actions[method] = action
        row.addStretch(1)
        return row

    def _fit_screen(self):
        screen = (self.parentWidget().screen() if self.parentWidget() is not None
                  else QGuiApplication.primaryScreen())
        if screen is not None:
            self.setGeometry(fitted_geometry(screen.availableGeometry()))

    def showEvent(self, event):
        super().showEvent(event)
        height = max(self.split.height(), 300)
        self.split.setSizes([int(height * GRAPH_SHARE), int(height * (1 - GRAPH_SHARE))])
        self.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    # --- what it shows -------------------------------------------------------------

    def load(self, kind, values):
        """Build and show the graph of `kind` at `values`; on a value the graph cannot
        take, say so and keep what is shown. Returns whether it loaded."""
        try:
            walkthrough = WALKS[kind](**values)
        except GraphInputError as error:
            kept = ", ".join(f"{k} = {full_number(v)}" for k, v in self.values.items())
            self.message.setText(f"{error}. The graph keeps {kept}.")
            return False
        self.kind = kind
        self.values = {name: walkthrough.values[name] for name, _ in FIELDS[kind]}
        self.message.setText("")
        for (name, text), label, field in zip(FIELDS[kind], self.labels, self.fields):
            label.setText(text)
            field.setText(f"{self.values[name]:g}")
            field.setToolTip(f"{name}; press Enter to rebuild the graph")
        self.position = GraphPosition(walkthrough)
        self.canvas.set_graph(walkthrough.graph)
        self._show()
        return True

    @Slot()
    def apply_fields(self):
        values = {name: field.text().strip().replace(",", ".")
                  for (name, _), field in zip(FIELDS[self.kind], self.fields)}
        self.load(self.kind, values)

    def _show(self):
        self.canvas.show_position(self.position)
        self.words.setHtml(explanation_html(self.position))

    # --- stepping ------------------------------------------------------------------

    @Slot()
    def step_next(self):
        if self.position.next():
            self._show()

    @Slot()
    def step_sweep(self):
        if self.position.run_sweep():
            self._show()

    @Slot()
    def step_back(self):
        if self.position.back():
            self._show()

    @Slot()
    def step_start(self):
        if self.position.to_start():
            self._show()
