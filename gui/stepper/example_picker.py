"""Which training example the stepper follows: its name and label, a field to type
another, and in mini-batch mode what to do when it is not in the batch."""
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from gui.field_keys import WHOLE, mark_number_field
from gui.panels.message_label import MessageLabel

from .flow_layout import FlowLayout


def label_text(y):
    y = float(y)
    return str(int(y)) if y.is_integer() else f"{y:g}"


class ExamplePicker(QWidget):
    """example_requested(i): the user asked to follow training example i (0-based)."""

    example_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._count = 0
        self._first_in_batch = None
        self.name = QLabel()
        self.name.setTextFormat(Qt.RichText)
        self.field = QLineEdit()
        self.field.setPlaceholderText("#")
        self.field.setMaximumWidth(70)
        self.field.setToolTip("Type the number of a training example and press Enter to "
                              "follow it (Escape leaves the field)")
        self.field.returnPressed.connect(self._typed)
        # The window's key filter leaves ".", Space and the arrows to the stepping keys.
        mark_number_field(self.field, WHOLE)
        self.follow = QPushButton("Follow")
        self.follow.setAutoDefault(False)
        self.follow.clicked.connect(self._typed)
        self.message = MessageLabel()
        self.absent = QLabel()
        self.absent.setWordWrap(True)
        self.absent.setTextFormat(Qt.RichText)
        self.offer = QPushButton()
        self.offer.setAutoDefault(False)
        self.offer.clicked.connect(self._take_offer)
        chooser = QWidget()
        choose_row = QHBoxLayout(chooser)
        choose_row.setContentsMargins(0, 0, 0, 0)
        choose_row.addWidget(QLabel("follow example"))
        choose_row.addWidget(self.field)
        choose_row.addWidget(self.follow)
        # Side by side when there is room, the field under the name in a narrow dock.
        row_widget = QWidget()
        row = FlowLayout(row_widget, spacing=16)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name)
        row.addWidget(chooser)
        absent_row = QHBoxLayout()
        absent_row.setContentsMargins(0, 0, 0, 0)
        absent_row.addWidget(self.absent, 1)
        absent_row.addWidget(self.offer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(row_widget)
        layout.addWidget(self.message)
        layout.addLayout(absent_row)
        self.set_absent(None)

    def set_example_count(self, count):
        self._count = count
        self.message.clear_message()

    def show_example(self, index, y):
        """Name the followed example and its label."""
        self.name.setText(f"Following <b>example #{index}</b>, y = {label_text(y)}")

    def set_absent(self, batch_first, batch_size=None):
        """batch_first: the first example of the batch when the followed one is not in
        it, or None when it is (or in full-batch mode)."""
        self._first_in_batch = batch_first
        shown = batch_first is not None
        self.absent.setVisible(shown)
        self.offer.setVisible(shown)
        if shown:
            size = f" of {batch_size} examples" if batch_size else ""
            self.absent.setText(f"<b>This example is not in this batch</b>{size}: its column "
                                "is not in the arrays below, so nothing is outlined.")
            self.offer.setText(f"Follow #{batch_first}, the batch's first example")

    def _typed(self):
        text = self.field.text().strip().lstrip("#")
        allowed = f"type a whole number from 0 to {self._count - 1}"
        try:
            index = int(text)
        except ValueError:
            self.message.show_message(f"“{self.field.text()}” is not an example number: "
                                      f"{allowed}.")
            return
        if not 0 <= index < self._count:
            self.message.show_message(f"There is no example #{index}: the training set has "
                                      f"{self._count} examples, so {allowed}.")
            return
        self.message.clear_message()
        self.field.clear()
        self.field.clearFocus()
        self.example_requested.emit(index)

    def _take_offer(self):
        if self._first_in_batch is not None:
            self.example_requested.emit(int(self._first_in_batch))
