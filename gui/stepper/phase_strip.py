"""All 2L + 2 phases of an update in a row: done (✓), the last run (▶), next (…).

Marks are symbols and outlines as well as colours, so they read without colour too.
Clicking a done phase asks to show its record again (phase_clicked(index)).
"""
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QToolButton, QWidget

from engine.phases import BACKWARD, COST, FORWARD

from .flow_layout import FlowLayout

DONE, CURRENT, NEXT, LATER = "done", "current", "next", "later"
MARKS = {DONE: "✓", CURRENT: "▶", NEXT: "next", LATER: ""}
STYLES = {
    DONE: "background:#e8f1fa; border:1px solid #7aa6d0; color:#1d3f63;",
    CURRENT: "background:#fff1dc; border:3px solid #b35806; color:#111; font-weight:bold;",
    NEXT: "background:white; border:2px dashed #555; color:#111;",
    LATER: "background:#f4f4f4; border:1px solid #d0d0d0; color:#777;",
}
VIEWED = "border:3px solid #222; text-decoration: underline;"


def short_title(spec):
    if spec.kind == FORWARD:
        return f"forward {spec.layer}"
    if spec.kind == COST:
        return "cost J"
    if spec.kind == BACKWARD:
        return f"backward {spec.layer}"
    return "update"


class PhaseStrip(QWidget):
    """phase_clicked(index) when a done phase is clicked."""

    phase_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = FlowLayout(self, spacing=4)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._buttons = []
        self._states = []
        self._specs = ()

    def set_specs(self, specs):
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._specs = tuple(specs)
        self._buttons = []
        for spec in self._specs:
            button = QToolButton()
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            button.clicked.connect(self._clicked)
            button.setProperty("phase_index", spec.index)
            self._layout.addWidget(button)
            self._buttons.append(button)
        self._states = [LATER] * len(self._specs)
        self.updateGeometry()

    def set_states(self, states, viewed=None):
        """states[i] is DONE, CURRENT, NEXT or LATER; viewed: the phase shown below."""
        self._states = list(states)
        for i, (button, spec, state) in enumerate(zip(self._buttons, self._specs, states)):
            mark = MARKS[state]
            button.setText(f"{mark}\n{short_title(spec)}" if mark else f" \n{short_title(spec)}")
            # A done phase clicked to be shown again is outlined; the current one already is.
            style = STYLES[state] + (VIEWED if i == viewed and state != CURRENT else "")
            button.setStyleSheet(f"QToolButton {{ {style} border-radius:4px; padding:2px 6px; }}")
            clickable = state in (DONE, CURRENT)
            button.setCursor(Qt.PointingHandCursor if clickable else Qt.ArrowCursor)
            what = {DONE: "done — click to see its numbers again",
                    CURRENT: "the phase just run — click to see its numbers",
                    NEXT: "runs next", LATER: "not run yet in this update"}[state]
            button.setToolTip(f"Phase {spec.index + 1}: {spec.title} ({what})")

    def states(self):
        return list(self._states)

    def button(self, index):
        return self._buttons[index]

    def _clicked(self):
        index = self.sender().property("phase_index")
        if self._states[index] in (DONE, CURRENT):
            self.phase_clicked.emit(index)


def strip_states(phase_count, done_indices, current, next_index):
    """The state of each phase: current (the record shown as just run), done, next."""
    states = [LATER] * phase_count
    for i in done_indices:
        states[i] = DONE
    if next_index is not None:
        states[next_index] = NEXT
    if current is not None:
        states[current] = CURRENT
    return states
