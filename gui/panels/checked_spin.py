"""Spin boxes that say why a typed number was refused instead of silently undoing it.

A plain QSpinBox drops keystrokes that would leave its range and, on Enter, quietly
puts back the old value. These let the user finish typing, then emit ``refused`` with
a message naming the allowed range, and keep the old value.
"""

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox


def _typed_number(spin, text):
    """The number in ``text`` without prefix and suffix, or None if it is not a number."""
    core = text
    if spin.prefix() and core.startswith(spin.prefix()):
        core = core[len(spin.prefix()):]
    if spin.suffix() and core.endswith(spin.suffix()):
        core = core[: -len(spin.suffix())]
    core = core.strip()
    value, ok = spin.locale().toDouble(core)
    if ok:
        return value
    try:
        return float(core)
    except ValueError:
        return None


def _validate(spin, base_result, text, pos):
    state, text_out, pos_out = base_result
    # Let an out-of-range number be typed to the end, so fixup() can say what is allowed.
    if state == QValidator.State.Invalid and _typed_number(spin, text) is not None:
        return QValidator.State.Intermediate, text, pos
    return state, text_out, pos_out


def _refusal(spin, text, what, kind):
    shown = text.strip() or "an empty value"
    return f"{what}: {shown} is not allowed; use {kind} from {spin.minimum():g} to {spin.maximum():g}"


class CheckedSpinBox(QSpinBox):
    """A QSpinBox that emits ``refused(message)`` when typed text is out of range."""

    refused = Signal(str)

    def __init__(self, what, minimum, maximum, parent=None):
        super().__init__(parent)
        self._what = what
        self.setRange(minimum, maximum)
        # valueChanged only on Enter, focus-out or arrows, not on every keystroke.
        self.setKeyboardTracking(False)

    def validate(self, text, pos):
        return _validate(self, super().validate(text, pos), text, pos)

    def fixup(self, text):
        self.refused.emit(_refusal(self, text, self._what, "a whole number"))
        return super().fixup(text)


class CheckedDoubleSpinBox(QDoubleSpinBox):
    """A QDoubleSpinBox that emits ``refused(message)`` when typed text is out of range."""

    refused = Signal(str)

    def __init__(self, what, minimum, maximum, step, decimals, parent=None):
        super().__init__(parent)
        self._what = what
        self.setDecimals(decimals)
        self.setRange(minimum, maximum)
        self.setSingleStep(step)
        self.setKeyboardTracking(False)

    def validate(self, text, pos):
        return _validate(self, super().validate(text, pos), text, pos)

    def fixup(self, text):
        self.refused.emit(_refusal(self, text, self._what, "a number"))
        return super().fixup(text)
