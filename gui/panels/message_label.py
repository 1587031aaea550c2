"""A red, word-wrapped label that says why an input was not used; hidden when empty."""

from PySide6.QtWidgets import QLabel

ERROR_COLOR = "#b00020"


class MessageLabel(QLabel):
    """Shows one error message at a time; ``clear_message()`` hides it again."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOR};")
        self.setVisible(False)

    def show_message(self, text):
        """Show ``text`` in red."""
        self.setText(text)
        self.setVisible(True)

    def clear_message(self):
        """Remove the message and hide the label."""
        self.clear()
        self.setVisible(False)

    def message(self):
        """The message shown now, or "" when there is none."""
        return self.text()
