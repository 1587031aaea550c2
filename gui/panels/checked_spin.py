"""Spin boxes that say why a typed number was refused instead of silently undoing it.

A plain QSpinBox drops keystrokes that would leave its range or are not digits, so
typing "-5" where only 0 and up are allowed gives 5, and "1e3" gives 13, and on Enter
it quietly puts back the old value. These let the user finish typing anything that
could be a number, then emit ``refused`` with a message naming the allowed range, and
keep the old value. Once the field holds an allowed number again (typed, stepped with
the arrows or committed) they emit ``valid_again``, so that the message can go.
"""
import re

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


# Anything on its way to being a number: a sign, digits, one decimal mark, an exponent.
_NUMBER_BEING_TYPED = re.compile(r"[+-]?\d*[.,]?\d*(?:[eE][+-]?\d*)?")


def _could_be_a_number(spin, text):
    core = text
    if spin.prefix() and core.startswith(spin.prefix()):
        core = core[len(spin.prefix()):]
    if spin.suffix() and core.endswith(spin.suffix()):
        core = core[: -len(spin.suffix())]
    return bool(_NUMBER_BEING_TYPED.fullmatch(core.strip()))


def _validate(spin, base_result, text, pos):
    state, text_out, pos_out = base_result
    # Let an out-of-range or not-quite-right number be typed to the end, so that fixup()
    # can say what is allowed instead of the keystroke being dropped without a word.
    if state == QValidator.State.Invalid and (
            _typed_number(spin, text) is not None or _could_be_a_number(spin, text)):
        return QValidator.State.Intermediate, text, pos
    return state, text_out, pos_out


def _plain(value, decimals):
    """0.9 as '0.9', 2147483647 as '2147483647': no exponent, no trailing zeros."""
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{int(value)}"


def _watch_for_valid_input(spin):
    """Emit spin.valid_again when the value changes, or when an edit leaves text that
    would be accepted as it stands."""
    spin.valueChanged.connect(spin.valid_again)
    spin.lineEdit().textEdited.connect(spin._text_edited)


def _refusal(spin, text, what, kind, decimals):
    shown = text.strip() or "an empty value"
    low, high = _plain(spin.minimum(), decimals), _plain(spin.maximum(), decimals)
    return f"{what}: {shown} is not allowed; type {kind} from {low} to {high}"


class CheckedSpinBox(QSpinBox):
    """A QSpinBox that emits ``refused(message)`` when typed text is out of range."""

    refused = Signal(str)
    valid_again = Signal()

    def __init__(self, what, minimum, maximum, parent=None):
        super().__init__(parent)
        self._what = what
        self.setRange(minimum, maximum)
        # valueChanged only on Enter, focus-out or arrows, not on every keystroke.
        self.setKeyboardTracking(False)
        _watch_for_valid_input(self)

    def validate(self, text, pos):
        return _validate(self, super().validate(text, pos), text, pos)

    def fixup(self, text):
        self.refused.emit(_refusal(self, text, self._what, "a whole number", 0))
        return super().fixup(text)

    def _text_edited(self, _text):
        if self.hasAcceptableInput():
            self.valid_again.emit()


class CheckedDoubleSpinBox(QDoubleSpinBox):
    """A QDoubleSpinBox that emits ``refused(message)`` when typed text is out of range."""

    refused = Signal(str)
    valid_again = Signal()

    def __init__(self, what, minimum, maximum, step, decimals, parent=None):
        super().__init__(parent)
        self._what = what
        self.setDecimals(decimals)
        self.setRange(minimum, maximum)
        self.setSingleStep(step)
        self.setKeyboardTracking(False)
        _watch_for_valid_input(self)

    def validate(self, text, pos):
        return _validate(self, super().validate(text, pos), text, pos)

    def fixup(self, text):
        self.refused.emit(_refusal(self, text, self._what, "a number", self.decimals()))
        return super().fixup(text)

    def _text_edited(self, _text):
        if self.hasAcceptableInput():
            self.valid_again.emit()
