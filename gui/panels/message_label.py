"""A red, word-wrapped label that says why an input was not used; hidden when empty."""
from functools import partial

from PySide6.QtWidgets import QLabel

ERROR_COLOR = "#b00020"


class MessageLabel(QLabel):
    """Shows one error message at a time; ``clear_message()`` hides it again.

    A field followed with ``follow(field)`` shows its refusals here, and its refusal goes
    once the field holds a good value again, so no stale "... is not allowed" stays."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOR};")
        self.setVisible(False)
        self._source = None   # the field whose refusal is shown, if it is one

    def show_message(self, text):
        """Show ``text`` in red."""
        self._show(text, None)

    def clear_message(self):
        """Remove the message and hide the label."""
        self._source = None
        self.clear()
        self.setVisible(False)

    def message(self):
        """The message shown now, or "" when there is none."""
        return self.text()

    def follow(self, field):
        """Show what ``field`` emits with ``refused(str)``; take it away when the field
        emits ``valid_again()``, unless another message has replaced it since."""
        field.refused.connect(partial(self._show, source=field))
        field.valid_again.connect(partial(self.withdraw, field))

    def withdraw(self, field):
        """Clear the message if it is ``field``'s refusal (say, when the field goes)."""
        if self._source is not None and self._source is field:
            self.clear_message()

    def _show(self, text, source):
        self._source = source
        self.setText(text)
        self.setVisible(True)
