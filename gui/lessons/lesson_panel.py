"""The lesson panel: the lesson's title and explanation in large type, for a projector,
and one button per step, the next one marked, that the lecturer applies one by one."""
import html

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui import theme

TEXT_POINT_SIZE = 15
STEP_POINT_SIZE = 13
TITLE_POINT_SIZE = 18
NEXT_MARK = "▶ "


# Step k's letter: Ctrl+L, then the letter applies it from the menu (o is its Open…,
# x its Check the lesson's claim).
STEP_LETTERS = "abcdefghijklmnpqrstuvwyz"
CHECK_LETTER = "x"


def step_letter(index):
    return STEP_LETTERS[index] if index < len(STEP_LETTERS) else "-"


def step_text(index, step):
    """The text of step `index` (from 0): "b. Apply: Add a hidden layer" for a change of
    settings, "a. Play" for an action."""
    verb = "Apply: " if step.changes else ""
    return f"{step_letter(index)}. {verb}{step.label}"


class LessonPanel(QWidget):
    """Shows one Lesson (its title first, in the text, which scrolls); emits
    step_chosen(index) when a step's button is pressed.

    Its text and step buttons are larger than the window's and made as lessons come, so
    it sizes them itself for the window's zoom (gui/zoom_styler.py calls apply_zoom);
    its other widgets inherit the window's zoomed font."""

    step_chosen = Signal(int)
    check_requested = Signal()
    sizes_own_text = True

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lesson = None
        self.next_step = 0
        self._zoom = theme.zoom_level()
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setFont(self._font(TEXT_POINT_SIZE))
        self.steps_box = QVBoxLayout()
        self.steps_box.setSpacing(4)
        steps = QWidget()
        column = QVBoxLayout(steps)
        column.setContentsMargins(0, 0, 0, 0)
        self.steps_caption = QLabel("Steps (or Ctrl+L, then the step's letter)")
        column.addWidget(self.steps_caption)
        column.addLayout(self.steps_box)
        self.check_button = QPushButton(f"{CHECK_LETTER}. Check the lesson's claim")
        self.check_button.setToolTip("Train the lesson's claim without the window, as "
                                     "backprop-lab lessons --check does, and show what it "
                                     "measured")
        self.check_button.clicked.connect(self.check_requested)
        self.claim = QLabel()
        self.claim.setWordWrap(True)
        column.addSpacing(6)
        column.addWidget(self.check_button)
        column.addWidget(self.claim)
        column.addStretch(1)
        self.buttons = []
        body = QHBoxLayout()
        body.addWidget(self.text, 2)
        # The steps scroll, as the text does: a strip of a dock (presenter mode) or a
        # zoomed window must not be held tall by the column of buttons.
        self._steps = steps
        self._steps_scroll = QScrollArea()
        self._steps_scroll.setWidget(steps)
        self._steps_scroll.setWidgetResizable(True)
        self._steps_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._steps_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body.addWidget(self._steps_scroll, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(body, 1)

    def _font(self, point_size, bold=False):
        font = QFont(self.font())
        font.setPointSizeF(point_size * self._zoom)
        font.setBold(bold)
        return font

    def apply_zoom(self, level):
        """Text, title and step buttons `level` times their size."""
        self._zoom = level
        self.text.setFont(self._font(TEXT_POINT_SIZE))
        if self.lesson is not None:
            self._show_text()
            self.mark_next(self.next_step)

    def _show_text(self):
        size = TITLE_POINT_SIZE * self._zoom
        title = (f'<p style="font-size: {size:g}pt; font-weight: bold;">'
                 f"{html.escape(self.lesson.title)}</p>")
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in self.lesson.explanation)
        self.text.setHtml(title + paragraphs)

    def show_lesson(self, lesson):
        """Show `lesson` with its first step marked as the next."""
        self.lesson = lesson
        self._show_text()
        for button in self.buttons:
            self.steps_box.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for index, step in enumerate(lesson.steps):
            button = QPushButton(step_text(index, step))
            button.setToolTip(step.label)
            button.setStyleSheet("QPushButton { text-align: left; padding: 4px 8px; }")
            button.clicked.connect(self._button_pressed)
            self.steps_box.addWidget(button)
            self.buttons.append(button)
        self.steps_caption.setVisible(bool(lesson.steps))
        self.show_claim("")
        self.mark_next(0)

    def show_claim(self, text, passed=None):
        """What a check of the claim measured ("" while none has run)."""
        self.check_button.setEnabled(passed is not None or not text)
        if passed is None:
            self.claim.setText(text)
            self.claim.setStyleSheet("")
            return
        verdict = "The claim holds" if passed else "The claim FAILS"
        self.claim.setText(f"{verdict}: {text}")
        self.claim.setStyleSheet("" if passed else "QLabel { color: #8a1c1c; }")

    def mark_next(self, index):
        """Mark step `index` as the next to apply (none past the last)."""
        self.next_step = index
        for k, button in enumerate(self.buttons):
            text = step_text(k, self.lesson.steps[k])
            button.setText(NEXT_MARK + text if k == index else text)
            button.setFont(self._font(STEP_POINT_SIZE, bold=k == index))
        # Wide enough for the longest step's whole text beside the scroll bar.
        # (From each widget: new buttons count in the column's layout only once shown.)
        scroll_bar = self._steps_scroll.verticalScrollBar().sizeHint().width()
        widest = max(w.sizeHint().width()
                     for w in (*self.buttons, self.check_button, self.steps_caption))
        self._steps_scroll.setMinimumWidth(widest + scroll_bar)

    @Slot()
    def _button_pressed(self):
        self.step_chosen.emit(self.buttons.index(self.sender()))

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setHeight(max(hint.height(), 220))
        return hint
