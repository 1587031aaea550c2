"""The step-through view: the phase just run, its equation and the numbers it touched."""
import html

import numpy as np
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from engine.phases import phase_specs
from gui.view import View

MAX_ROWS = 8
MAX_COLS = 6


def format_number(x):
    return f"{x: .4g}"


def format_array(name, a, column):
    """Text for one array: a scalar, one example's column of an (n, m) array, or a
    corner of a weight matrix."""
    if a.ndim == 0:
        return format_number(float(a))
    if name.startswith(("W", "dW")):
        rows = [" ".join(format_number(v) for v in row[:MAX_COLS]) +
                (" …" if a.shape[1] > MAX_COLS else "") for row in a[:MAX_ROWS]]
        if a.shape[0] > MAX_ROWS:
            rows.append("…")
        return "\n".join(rows)
    if a.shape[1] == 0:
        return "(no examples)"
    col = a[:MAX_ROWS, min(column, a.shape[1] - 1)]
    text = "  ".join(format_number(v) for v in col)
    return text + ("  …" if a.shape[0] > MAX_ROWS else "")


class PhasePanel(QWidget, View):
    """Shows the PhaseRecord of the last step, or the phase that will run next."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._specs = ()
        self._shown = None
        self.title = QLabel("Step through one phase at a time with → (or N).")
        font = self.title.font()
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        # Two lines, always: a title that changed height would re-lay out the window.
        self.title.setFixedHeight(self.title.fontMetrics().lineSpacing() * 2 + 4)
        self.body = QTextBrowser()
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.Monospace)
        mono.setPointSize(self.font().pointSize())
        self.body.setFont(mono)
        self.body.setToolTip(
            "The equation of the phase and the numbers it read and wrote. Arrays that hold "
            "one column per example show the column of the selected example (for a "
            "mini-batch, the first example of the batch); weight matrices show their corner.")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)

    def set_session(self, session):
        """The phases of this model; nothing shown yet."""
        self._specs = phase_specs(session.activations)
        self._shown = None
        self.body.clear()

    def show_snapshot(self, snapshot, history):
        """Show the phase just stepped (or the next one, or a note while playing). False
        when that is what it shows already."""
        if snapshot.playing:
            key = "playing"
        else:
            key = (snapshot.update, snapshot.phase, id(snapshot.last_phase),
                   snapshot.example_index)
        if key == self._shown:
            return False
        self._shown = key
        if snapshot.playing:
            self.title.setText("Training… pause (Space) to step through one phase at a time.")
            self.body.setHtml("<p>While training runs, the phases go by many times "
                              "a second. Pause, then press Shift+→ (or .) to run one phase and "
                              "see its equation and numbers, or → to run a whole update.</p>")
            return True
        record = snapshot.last_phase
        if record is None:
            spec = self._specs[snapshot.phase]
            self.title.setText(f"Next: phase {spec.index + 1} of {len(self._specs)} — "
                               f"{spec.title} (update {snapshot.update + 1})")
            self.body.setHtml(self._equation_html(spec.equation) +
                              "<p>Press Shift+→ (or .) to run this phase and see its numbers, "
                              "→ (or N) to run the whole update.</p>" + self._code_html(spec))
            return True
        spec = record.spec
        self.title.setText(f"Phase {spec.index + 1} of {len(self._specs)} — {spec.title} "
                           f"(update {record.update + 1}, m = {record.m})")
        column = snapshot.example_index if record.m > 1 else 0
        parts = [self._equation_html(spec.equation)]
        if spec.kind == "update":
            parts.append(f"<p>alpha = {record.learning_rate:g}, lambda = {record.l2:g}</p>")
        parts.append(self._code_html(spec))
        for heading, values in (("read", record.reads), ("wrote", record.writes)):
            # One preformatted block, not a table: a narrow dock must not squeeze the
            # symbols into a column one letter wide.
            lines = []
            for name, a in values.items():
                lines.append(f"{name}  {_shape(a)}")
                lines.extend("    " + row for row in format_array(name, a, column).split("\n"))
            parts.append(f"<h4>{heading}</h4><pre>{html.escape(chr(10).join(lines))}</pre>")
        self.body.setHtml("".join(parts))
        return True

    @staticmethod
    def _code_html(spec):
        """The engine's code that runs the phase, read from the functions themselves."""
        blocks = [f"# {path}\n{source}" for path, source in spec.code]
        return ("<h4>code that runs it</h4><pre style='white-space:pre-wrap'>"
                f"{html.escape(chr(10).join(blocks))}</pre>")

    @staticmethod
    def _equation_html(equation):
        return f"<pre style='font-size:large; white-space:pre-wrap'>{html.escape(equation)}</pre>"


def _shape(a):
    return "scalar" if a.ndim == 0 else "(" + ", ".join(str(s) for s in np.shape(a)) + ")"
