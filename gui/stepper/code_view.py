"""The engine's code that ran a phase, in monospace, under a header that folds it away."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QPlainTextEdit, QToolButton, QVBoxLayout, QWidget


class CodeView(QWidget):
    """(file, source) pairs of a PhaseSpec's code, one block per function."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.DownArrow)
        self.toggle.setStyleSheet("QToolButton { border: none; font-weight: bold; }")
        self.toggle.toggled.connect(self._fold)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.text.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.text.setMinimumWidth(120)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.Monospace)
        mono.setPointSizeF(self.font().pointSizeF() * 0.95)
        self.text.setFont(mono)
        self.text.setStyleSheet("QPlainTextEdit { background: #f7f7f4; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toggle)
        layout.addWidget(self.text)

    def show_code(self, code):
        names = ", ".join(source.split("(")[0].removeprefix("def ") for _, source in code)
        self.toggle.setText("Code that runs it")
        self.toggle.setToolTip(f"The engine's own functions, as they run: {names}")
        blocks = [f"# {path}\n{source}" for path, source in code]
        self.text.setPlainText("\n\n".join(blocks))
        lines = self.text.toPlainText().count("\n") + 1
        metrics = QFontMetrics(self.text.font())
        scrollbar = self.text.horizontalScrollBar().sizeHint().height()
        self.text.setFixedHeight(lines * metrics.lineSpacing() + 12 + scrollbar)

    def plain_text(self):
        return self.text.toPlainText()

    def _fold(self, open_):
        self.toggle.setArrowType(Qt.DownArrow if open_ else Qt.RightArrow)
        self.text.setVisible(open_)
