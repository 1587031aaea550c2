"""The zoom level of the window's text, lines, markers and nodes: 1x to 3x in steps,
remembered between runs. Ctrl+= (or Ctrl++) zooms in, Ctrl+- out, Ctrl+0 back to 1x;
gui/zoom_styler.py applies the level to the window."""
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence

from .app_settings import app_settings
from .key_sheet import VIEW, set_key_group, share_sheet_row

LEVELS = (1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
SETTING = "view/zoom"
PRESENTER_SETTING = "presenter/zoom"   # presenter mode remembers a zoom of its own
PRESENTER_DEFAULT = 1.5


class Zoom(QObject):
    """One of LEVELS; `changed(level)` when it changes. `settings`: a QSettings to
    remember it in (gui/app_settings.py's by default)."""

    changed = Signal(float)

    def __init__(self, settings=None, parent=None):
        super().__init__(parent)
        self._settings = settings if settings is not None else app_settings()
        self._key = SETTING
        self.level = self._stored(SETTING, 1.0)

    def _stored(self, key, default):
        try:
            stored = float(self._settings.value(key, default))
        except (TypeError, ValueError):
            stored = default
        # A hand-edited or damaged setting falls back to the default rather than to a
        # size that may not fit the screen.
        return stored if stored in LEVELS else default

    def use_presenter_level(self, presenting):
        """Switch to the level remembered for presenter mode (`presenting`) or for the
        window, and remember changes there from now on."""
        self._key = PRESENTER_SETTING if presenting else SETTING
        level = self._stored(self._key, PRESENTER_DEFAULT if presenting else 1.0)
        if level != self.level:
            self.level = level
            self.changed.emit(level)

    def set_level(self, level):
        if level not in LEVELS:
            raise ValueError(f"zoom level {level!r} is not one of "
                             f"{', '.join(f'{v:g}' for v in LEVELS)}")
        if level == self.level:
            return
        self.level = level
        self._settings.setValue(self._key, level)
        self._settings.sync()
        self.changed.emit(level)

    @Slot()
    def zoom_in(self):
        self.set_level(min((v for v in LEVELS if v > self.level), default=self.level))

    @Slot()
    def zoom_out(self):
        self.set_level(max((v for v in LEVELS if v < self.level), default=self.level))

    @Slot()
    def reset(self):
        self.set_level(1.0)

    def add_actions(self, window):
        """The three zoom actions, as window shortcuts on one line of the key sheet."""
        actions = []
        for text, keys, slot, tip in (
                ("Zoom in", ["Ctrl+=", "Ctrl++"], self.zoom_in,
                 "Larger text, lines, markers and nodes, up to 3x (Ctrl+= or Ctrl++)"),
                ("Zoom out", ["Ctrl+-"], self.zoom_out, "Smaller, down to 1x (Ctrl+-)"),
                ("Zoom to 1x", ["Ctrl+0"], self.reset, "Back to the normal size (Ctrl+0)")):
            action = QAction(text, window)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setToolTip(tip)
            action.triggered.connect(slot)
            set_key_group(action, VIEW)
            window.addAction(action)
            actions.append(action)
        share_sheet_row(actions, "Zoom", "Ctrl+= larger, Ctrl+- smaller, Ctrl+0 back to 1x", keys=("Ctrl+=/-/0",))
