"""Form captions with a keyboard mnemonic that focuses the control they name."""

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel

# Some fonts draw the last glyph a pixel or two past its advance; without a little
# room on the right, a form layout clips it ("Test shar").
_RIGHT_PADDING = QSize(4, 0)


class Caption(QLabel):
    """A QLabel a few pixels wider than its text."""

    def sizeHint(self):
        return super().sizeHint() + _RIGHT_PADDING

    def minimumSizeHint(self):
        return super().minimumSizeHint() + _RIGHT_PADDING


def caption(text, buddy=None):
    """A caption for ``text`` ("&Test share": Alt+T focuses ``buddy``)."""
    label = Caption(text)
    if buddy is not None:
        label.setBuddy(buddy)
    return label
