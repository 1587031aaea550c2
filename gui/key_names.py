"""Key names as people read them: "Shift+→", "Space", "Esc", "Ctrl+Z"."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

_KEY_NAMES = {
    Qt.Key.Key_Right: "→", Qt.Key.Key_Left: "←", Qt.Key.Key_Up: "↑", Qt.Key.Key_Down: "↓",
    Qt.Key.Key_Space: "Space", Qt.Key.Key_Escape: "Esc", Qt.Key.Key_Return: "Enter",
    Qt.Key.Key_Enter: "Enter", Qt.Key.Key_Backspace: "Backspace",
    Qt.Key.Key_PageUp: "Page Up", Qt.Key.Key_PageDown: "Page Down",
}
# In the order people write them: Ctrl+Alt+Shift+X.
_MODIFIER_NAMES = (
    (Qt.KeyboardModifier.ControlModifier, "Ctrl"), (Qt.KeyboardModifier.AltModifier, "Alt"),
    (Qt.KeyboardModifier.MetaModifier, "Meta"), (Qt.KeyboardModifier.ShiftModifier, "Shift"),
)


def key_name(sequence):
    """Readable name of a QKeySequence (or its text, e.g. "Shift+Right"): "Shift+→"."""
    sequence = QKeySequence(sequence)
    return ", ".join(_chord_name(sequence[i]) for i in range(sequence.count()))


def _chord_name(combination):
    modifiers = combination.keyboardModifiers()
    key = combination.key()
    parts = [name for flag, name in _MODIFIER_NAMES if modifiers & flag]
    name = _KEY_NAMES.get(key)
    if name is None:
        name = QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)
    return "+".join(parts + [name])
