"""Keys that work whatever has the focus: a field keeps only the characters it can use.

A focused spin box or line edit accepts Qt's ShortcutOverride for every printable key
and for the arrows, so without this "." typed into "Layer 1 units" became "3." instead
of stepping a phase, and Shift+Right moved the cursor. This filter decides for the
field in focus, against the window's actions as they are when the key is pressed (so
actions added later are covered too):

- a character the field can use where the cursor is goes into the field: digits; a
  sign where one fits; "." or "," and an exponent "e" only in a field of real numbers;
  any character in a free-text field (one that its validator, if any, does not refuse);
- editing keys stay with the field: Backspace, Delete, Home, End, Enter, copy and paste;
- any other key that is an action's shortcut (the arrows, Space, letters, "?") runs the
  action and never reaches the field;
- Escape leaves the field: the focus goes back to the window, which commits the value
  (or shows the field's usual refusal), and does not also stop training.
"""
import re

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QDoubleValidator, QIntValidator, QKeySequence, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolBar,
    QWidget,
)

WHOLE, REAL = "whole", "real"
NUMBER_KIND = "number_kind"   # the property that marks a QLineEdit as a number field

FIELD_RULE = ("In a number field, digits go into the field, and so do a decimal point, an "
              "exponent e and a sign where they fit; every other key listed here still does "
              "its job, and Esc leaves the field.")

# What may stand in a field while a number is typed into it, from the first key on.
_BEING_TYPED = {
    WHOLE: re.compile(r"[+-]?\d*"),
    REAL: re.compile(r"[+-]?(?:\d*[.,]?\d*|(?:\d+[.,]?\d*|[.,]\d+)[eE][+-]?\d*)"),
}

_EDITING_KEYS = {Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Home, Qt.Key.Key_End,
                 Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab}
_EDITING_SEQUENCES = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut,
                      QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.SelectAll)
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


def mark_number_field(edit, kind):
    """Tell the key filter that QLineEdit ``edit`` holds a WHOLE or REAL number."""
    edit.setProperty(NUMBER_KIND, kind)


def install_field_keys(window):
    """Filter the keys of every field of ``window`` (a QMainWindow); returns the filter."""
    keys = FieldKeys(window)
    # Qt drops a deleted filter from the application's list itself.
    QApplication.instance().installEventFilter(keys)
    return keys


class FieldKeys(QObject):
    """The application event filter that shares keys between fields and actions."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched, event):
        kind = event.type()
        if kind != QEvent.Type.ShortcutOverride and kind != QEvent.Type.KeyPress:
            return False
        if watched is not QApplication.focusWidget() or not in_window(self._window, watched):
            return False
        field = editable_field(watched)
        if field is None:
            # Not a field: an action's key is the action's, whatever else the widget
            # would do with it (a text view's arrows, say).
            action = self._action_for(event)
            if action is not None and kind == QEvent.Type.ShortcutOverride:
                event.ignore()
                return True
            return False
        if _is_plain(event, Qt.Key.Key_Escape):
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()   # so that Escape's action (stop) does not run
            else:
                self._leave(field)
            return True
        action = self._action_for(event)
        if action is None or field_takes(field, event):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            # Not accepted: Qt looks the key up among the shortcuts and runs the action.
            event.ignore()
        else:
            # The shortcut did not run (it would have eaten the key): run it here.
            action.trigger()
        return True

    def _leave(self, field):
        """Take the focus from ``field``: the spin box or line edit commits what it holds
        (or refuses it with its message) as it loses the focus."""
        floating = field.window() is not self._window    # in a floating dock
        field.clearFocus()
        self._window.setFocus(Qt.FocusReason.OtherFocusReason)
        if floating:
            self._window.activateWindow()

    def _action_for(self, event):
        """The enabled action of the window whose shortcut is this key, or None."""
        pressed = _pressed_sequences(event)
        for action in window_actions(self._window):
            if action.isEnabled() and any(key in pressed for key in action.shortcuts()):
                return action
        return None


def window_actions(window):
    """Every action of ``window`` that has a shortcut, in the order they were made; not
    those of a dialog of its own."""
    return [a for a in window.findChildren(QAction)
            if a.shortcuts() and in_window(window, _owner(a))]


def in_window(window, widget):
    """Whether ``widget`` is in ``window``, its docks and tool bars included, even when
    they float; not in a dialog of its own."""
    while widget is not None:
        if widget is window:
            return True
        if widget.isWindow() and not isinstance(widget, (QDockWidget, QToolBar)):
            return False
        widget = widget.parentWidget()
    return False


def _owner(action):
    """The widget that ``action`` belongs to: its nearest widget parent."""
    owner = action.parent()
    while owner is not None and not isinstance(owner, QWidget):
        owner = owner.parent()
    return owner


def editable_field(widget):
    """The field that ``widget`` (a focus widget) edits, or None if it is no field: a
    spin box, a line edit, an editable combo box or a text editor that is not read-only."""
    parent = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(parent, (QAbstractSpinBox, QComboBox)):
        widget = parent
    if isinstance(widget, QAbstractSpinBox):
        return None if widget.isReadOnly() else widget
    if isinstance(widget, QComboBox):
        return widget if widget.isEditable() else None
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
        return None if widget.isReadOnly() else widget
    return None


def number_kind(field):
    """WHOLE, REAL, or None for a field of free text."""
    if isinstance(field, QAbstractSpinBox):
        return REAL if isinstance(field, QDoubleSpinBox) else WHOLE
    edit = _line_edit(field)
    if edit is None:
        return None
    marked = edit.property(NUMBER_KIND)
    if marked in (WHOLE, REAL):
        return marked
    validator = edit.validator()
    if isinstance(validator, QIntValidator):
        return WHOLE
    if isinstance(validator, QDoubleValidator):
        return REAL
    return None


def field_takes(field, event):
    """Whether ``field`` can use this key where its cursor is now."""
    if event.key() in _EDITING_KEYS and not event.modifiers() & _COMMAND_MODIFIERS:
        return True
    if any(event.matches(sequence) for sequence in _EDITING_SEQUENCES):
        return True
    char = event.text()
    if len(char) != 1 or not char.isprintable() or event.modifiers() & _COMMAND_MODIFIERS:
        return False
    if char.isdigit():
        return True
    edit = _line_edit(field)
    if edit is None:          # a text editor: free text
        return True
    text = _text_after_typing(edit, char)
    kind = number_kind(field)
    if kind is not None:
        return bool(_BEING_TYPED[kind].fullmatch(_number_part(field, text)))
    validator = edit.validator()
    if validator is None:
        return True
    state = validator.validate(text, len(text))
    state = state[0] if isinstance(state, tuple) else state
    return state != QValidator.State.Invalid


def _line_edit(field):
    if isinstance(field, QLineEdit):
        return field
    if isinstance(field, (QAbstractSpinBox, QComboBox)):
        return field.findChild(QLineEdit)
    return None


def _text_after_typing(edit, char):
    """The text ``edit`` would hold if ``char`` were typed now (over any selection)."""
    text = edit.text()
    if edit.hasSelectedText():
        start = edit.selectionStart()
        end = start + len(edit.selectedText())
    else:
        start = end = edit.cursorPosition()
    return text[:start] + char + text[end:]


def _number_part(field, text):
    """``text`` without a spin box's prefix and suffix."""
    if isinstance(field, QAbstractSpinBox) and hasattr(field, "prefix"):
        if field.prefix() and text.startswith(field.prefix()):
            text = text[len(field.prefix()):]
        if field.suffix() and text.endswith(field.suffix()):
            text = text[: -len(field.suffix())]
    return text


def _is_plain(event, key):
    return (event.key() == key
            and not event.modifiers() & (_COMMAND_MODIFIERS | Qt.KeyboardModifier.ShiftModifier))


def _pressed_sequences(event):
    """The shortcuts this key press can stand for: as pressed; without the keypad flag;
    and for a symbol typed with Shift ("?" on most keyboards), without the Shift."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    try:
        key = Qt.Key(event.key())
    except ValueError:        # a key Qt has no name for is no shortcut
        return []
    found = [QKeySequence(QKeyCombination(modifiers, key))]
    text = event.text()
    if (modifiers & Qt.KeyboardModifier.ShiftModifier and len(text) == 1
            and text.isprintable() and not text.isalpha()):
        unshifted = modifiers & ~Qt.KeyboardModifier.ShiftModifier
        found.append(QKeySequence(QKeyCombination(unshifted, key)))
    return found
