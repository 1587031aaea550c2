"""The key filter on a small window: which keys a focused field keeps and which go to
the window's actions (gui/field_keys.py)."""
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QIntValidator, QKeyEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.field_keys import REAL, install_field_keys, mark_number_field
from gui.panels.checked_spin import CheckedDoubleSpinBox, CheckedSpinBox

WAIT_MS = 5000
ACTIONS = {"phase": ["Shift+Right", "."], "update": ["Right"], "play": ["Space"],
           "epoch": ["E"], "minus": ["-"], "comma": [","], "stop": ["Esc"], "back": ["Backspace"],
           "keys": ["?"]}


class SmallWindow(QMainWindow):
    """A window with the kinds of fields the app has and actions on the keys they share."""

    def __init__(self):
        super().__init__()
        self.ran = []
        self.actions_by_name = {name: self.add_action(name, keys)
                                for name, keys in ACTIONS.items()}
        self.whole = CheckedSpinBox("Units", -100, 100)
        self.whole.setValue(3)
        self.real = CheckedDoubleSpinBox("Rate", -10.0, 10.0, 0.1, 3)
        self.free = QLineEdit()
        self.marked = QLineEdit()
        mark_number_field(self.marked, REAL)
        self.validated = QLineEdit()
        self.validated.setValidator(QIntValidator(0, 999))
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.viewer = QPlainTextEdit("read-only text\nsecond line")
        self.viewer.setReadOnly(True)
        self.viewer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        box = QWidget()
        layout = QVBoxLayout(box)
        for widget in (self.whole, self.real, self.free, self.marked, self.validated,
                       self.combo, self.viewer):
            layout.addWidget(widget)
        self.setCentralWidget(box)
        install_field_keys(self)

    def add_action(self, name, keys):
        action = QAction(name, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(lambda: self.ran.append(name))
        self.addAction(action)
        return action


@pytest.fixture
def window(qtbot):
    w = SmallWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=WAIT_MS)
    return w


def focus(qtbot, field, text=None):
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=WAIT_MS)
    edit = field if isinstance(field, QLineEdit) else field.lineEdit()
    if text is not None:
        edit.setText(text)
    edit.end(False)
    return edit


def test_dot_shift_right_letters_and_space_in_a_whole_number_field_run_the_actions(
        window, qtbot):
    focus(qtbot, window.whole)
    qtbot.keyClick(window.whole, Qt.Key_Period)
    qtbot.keyClick(window.whole, Qt.Key_Right, Qt.ShiftModifier)
    qtbot.keyClick(window.whole, Qt.Key_Right)
    qtbot.keyClick(window.whole, Qt.Key_E)
    qtbot.keyClick(window.whole, Qt.Key_Space)
    qtbot.keyClick(window.whole, Qt.Key_Comma)
    qtbot.keyClick(window.whole, Qt.Key_Question)
    assert window.ran == ["phase", "phase", "update", "epoch", "play", "comma", "keys"]
    assert window.whole.text() == "3"


def test_digits_stay_with_every_field(window, qtbot):
    for field in (window.whole, window.real, window.free, window.marked, window.validated,
                  window.combo):
        edit = focus(qtbot, field, "")
        qtbot.keyClicks(field, "42")
        assert edit.text() == "42", field
    assert window.ran == []


def test_a_real_number_field_takes_one_decimal_mark_an_exponent_and_signs_where_they_fit(
        window, qtbot):
    edit = focus(qtbot, window.real, "")
    qtbot.keyClicks(window.real, "-1.5e-3")
    assert edit.text() == "-1.5e-3" and window.ran == []
    qtbot.keyClick(window.real, Qt.Key_Period)   # a second decimal mark
    qtbot.keyClick(window.real, Qt.Key_E)        # a second exponent
    qtbot.keyClick(window.real, Qt.Key_Minus)    # no sign fits after a digit
    assert edit.text() == "-1.5e-3"
    assert window.ran == ["phase", "epoch", "minus"]
    edit = focus(qtbot, window.real, "2")
    qtbot.keyClick(window.real, Qt.Key_Comma)    # the other decimal mark
    assert edit.text() == "2,"
    focus(qtbot, window.real, "")
    qtbot.keyClick(window.real, Qt.Key_E)        # no exponent without a number before it
    assert window.ran[-1] == "epoch"


def test_a_sign_goes_into_a_whole_number_field_only_at_its_start(window, qtbot):
    edit = focus(qtbot, window.whole, "5")
    edit.home(False)
    qtbot.keyClick(window.whole, Qt.Key_Minus)
    assert edit.text() == "-5" and window.ran == []
    edit.end(False)
    qtbot.keyClick(window.whole, Qt.Key_Minus)
    assert edit.text() == "-5" and window.ran == ["minus"]


def test_typing_over_a_selection_counts_what_the_field_would_hold(window, qtbot):
    edit = focus(qtbot, window.real, "1.5")
    edit.selectAll()
    qtbot.keyClick(window.real, Qt.Key_Period)   # replaces "1.5": "." fits
    assert edit.text() == "." and window.ran == []


def test_a_free_text_field_keeps_every_character_but_not_the_arrows(window, qtbot):
    focus(qtbot, window.free, "")
    qtbot.keyClicks(window.free, "a. e,-?")
    assert window.free.text() == "a. e,-?" and window.ran == []
    qtbot.keyClick(window.free, Qt.Key_Right, Qt.ShiftModifier)
    qtbot.keyClick(window.free, Qt.Key_Right)
    assert window.ran == ["phase", "update"]


def test_a_line_edit_marked_real_or_with_an_int_validator_is_a_number_field(window, qtbot):
    focus(qtbot, window.marked, "0")
    qtbot.keyClicks(window.marked, ".5")
    qtbot.keyClick(window.marked, Qt.Key_Space)
    assert window.marked.text() == "0.5" and window.ran == ["play"]
    focus(qtbot, window.validated, "1")
    qtbot.keyClick(window.validated, Qt.Key_Period)
    assert window.validated.text() == "1" and window.ran == ["play", "phase"]


def test_an_editable_combo_box_is_a_field_of_free_text(window, qtbot):
    edit = focus(qtbot, window.combo, "")
    qtbot.keyClicks(window.combo, "x.e")
    qtbot.keyClick(window.combo, Qt.Key_Right)
    assert edit.text() == "x.e" and window.ran == ["update"]


def test_editing_keys_stay_with_the_field_even_when_an_action_has_them(window, qtbot):
    edit = focus(qtbot, window.free, "abc")
    qtbot.keyClick(window.free, Qt.Key_Backspace)
    qtbot.keyClick(window.free, Qt.Key_Home)
    qtbot.keyClick(window.free, Qt.Key_Delete)
    assert edit.text() == "b" and window.ran == []
    window.viewer.setFocus()
    qtbot.waitUntil(window.viewer.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(window.viewer, Qt.Key_Backspace)   # not a field: the action's key
    assert window.ran == ["back"]


def test_a_focused_text_view_that_is_no_field_gives_the_arrows_to_the_actions(window, qtbot):
    window.viewer.setFocus()
    qtbot.waitUntil(window.viewer.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(window.viewer, Qt.Key_Right)
    qtbot.keyClick(window.viewer, Qt.Key_Right, Qt.ShiftModifier)
    assert window.ran == ["update", "phase"]
    assert window.viewer.textCursor().position() == 0


def test_escape_in_a_field_leaves_it_and_does_not_stop(window, qtbot):
    edit = focus(qtbot, window.whole, "")
    qtbot.keyClicks(window.whole, "42")
    qtbot.keyClick(window.whole, Qt.Key_Escape)
    assert not window.whole.hasFocus() and QApplication.focusWidget() is window
    assert window.whole.value() == 42 and edit.text() == "42"
    assert window.ran == []
    QTest.keyClick(window.windowHandle(), Qt.Key_Escape)   # no field in focus: stop
    assert window.ran == ["stop"]


def test_escape_with_a_number_out_of_range_shows_the_refusal(window, qtbot):
    refusals = []
    window.whole.refused.connect(refusals.append)
    focus(qtbot, window.whole, "")
    qtbot.keyClicks(window.whole, "500")
    qtbot.keyClick(window.whole, Qt.Key_Escape)
    assert not window.whole.hasFocus() and window.whole.value() == 3
    assert refusals == ["Units: 500 is not allowed; type a whole number from -100 to 100"]
    assert window.ran == []


def test_a_disabled_action_leaves_its_key_to_the_field(window, qtbot):
    window.actions_by_name["phase"].setEnabled(False)
    edit = focus(qtbot, window.whole, "3")
    qtbot.keyClick(window.whole, Qt.Key_Period)
    assert edit.text() == "3." and window.ran == []


def test_an_action_added_later_is_looked_up_when_its_key_is_pressed(window, qtbot):
    window.add_action("later", ["X"])
    edit = focus(qtbot, window.whole, "3")
    qtbot.keyClick(window.whole, Qt.Key_X)
    assert edit.text() == "3" and window.ran == ["later"]


def test_a_key_press_that_reaches_the_field_without_a_shortcut_runs_the_action(
        window, qtbot):
    # As when the shortcut could not run: the key event comes to the field instead.
    edit = focus(qtbot, window.whole, "3")
    QApplication.sendEvent(window.whole,
                           QKeyEvent(QEvent.Type.KeyPress, Qt.Key_Period, Qt.NoModifier, "."))
    assert edit.text() == "3" and window.ran == ["phase"]


def test_fields_of_a_dialog_of_their_own_are_left_alone(window, qtbot):
    dialog = QDialog(window)
    spin = QSpinBox(dialog)
    QVBoxLayout(dialog).addWidget(spin)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus, timeout=WAIT_MS)
    spin.lineEdit().home(False)
    qtbot.keyClick(spin, Qt.Key_Right)
    assert window.ran == [] and spin.lineEdit().cursorPosition() == 1
    dialog.close()


def test_a_field_in_a_floating_dock_of_the_window_is_still_the_window_s(window, qtbot):
    dock = QDockWidget("Controls", window)
    spin = QSpinBox()
    spin.setValue(3)
    dock.setWidget(spin)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    dock.setFloating(True)
    dock.show()
    qtbot.waitExposed(dock)
    dock.activateWindow()
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(spin, Qt.Key_Right, Qt.ShiftModifier)
    qtbot.keyClick(spin, Qt.Key_Escape)
    assert window.ran == ["phase"] and spin.text() == "3" and not spin.hasFocus()
