"""The window's side of undo: the Undo action (Ctrl+Z), the notice in the status bar that
says a run was set aside, and putting the panels back when the run comes back.

The worker keeps the run (gui/undo.py); the controller keeps its curves. Here the
window records what its panels showed at each build, so that they can show it again.
"""
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from .panels.model_panel import ModelSpec

UNDO_KEY = "Ctrl+Z"


class PanelSettings(NamedTuple):
    """What the data and model panels showed when a run was built."""

    data: object      # a DataState (gui/panels/data_panel.py)
    model: ModelSpec


def undo_action_text(offer):
    if offer is None:
        return "Undo"
    return f"Bring back the previous run ({offer.updates:,} updates)"


def undo_notice_text(offer):
    if offer is None:
        return ""
    return f"The previous run ({offer.updates:,} updates) was set aside: {UNDO_KEY} brings it back"


def undo_tip(offer):
    what = undo_action_text(offer) + ": " if offer is not None else ""
    return (f"{what}bring back the run that a reset, a new model or new data replaced, if "
            f"it trained a few seconds ({UNDO_KEY})")


class UndoControl(QObject):
    """Wires Ctrl+Z for `window` (a MainWindow): its data_panel, model_panel,
    training_panel, controller and worker."""

    def __init__(self, window, tool_bar):
        super().__init__(window)
        self._window = window
        self.action = QAction(undo_action_text(None), window)
        self.action.setShortcut(QKeySequence(UNDO_KEY))
        self.action.setIconText("Undo")
        self.action.setToolTip(undo_tip(None))
        self.action.setEnabled(False)
        self.action.triggered.connect(self.undo)
        tool_bar.addAction(self.action)
        self.notice = QLabel()
        self.notice.setObjectName("undo_notice")
        self.notice.hide()
        window.statusBar().addPermanentWidget(self.notice)
        window.controller.undo_offer_changed.connect(self._show_offer)
        window.controller.run_restored.connect(self._show_run)
        # A focused field (a layer size just typed) takes Ctrl+Z for its own text undo,
        # which would start yet another build; fields of this window pass it on instead.
        QApplication.instance().focusChanged.connect(self._watch_focus)

    def panel_settings(self):
        """What the panels show now, to be sent with a build."""
        w = self._window
        return PanelSettings(w.data_panel.state(), w.model_panel.current_model())

    @Slot(object, object)
    def _watch_focus(self, _old, new):
        if new is not None and new.window() is self._window:
            new.installEventFilter(self)   # installing twice keeps one filter

    def eventFilter(self, watched, event):
        # True: the field never sees the key, nor accepts it, so the Undo shortcut gets it.
        return (event.type() == QEvent.Type.ShortcutOverride and self.action.isEnabled()
                and QKeySequence(event.keyCombination()) == self.action.shortcut())

    @Slot()
    def undo(self):
        if self.action.isEnabled():
            self._window.worker.undo()

    @Slot(object)
    def _show_offer(self, offer):
        self.action.setText(undo_action_text(offer))
        self.action.setIconText("Undo")
        self.action.setToolTip(undo_tip(offer))
        self.action.setEnabled(offer is not None)
        self.notice.setText(undo_notice_text(offer))
        self.notice.setVisible(offer is not None)

    @Slot(object)
    def _show_run(self, offer):
        """Show the brought-back run's settings in the panels, emitting nothing: the run
        is already there, so no new build may start."""
        w = self._window
        settings = offer.window_settings
        if settings is not None:
            dataset = settings.data.dataset
            w.data_panel.restore(settings.data)
            w.model_panel.set_input_size(dataset.n_x)
            w.model_panel.show_model(settings.model)
            w.training_panel.set_train_size(dataset.m_train)
        w.training_panel.set_learning_rate(offer.learning_rate)
        w.training_panel.set_l2(offer.l2)
        w.training_panel.set_batch_size(offer.batch_size)
