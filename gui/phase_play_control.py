"""The window's side of phase play: the "Play phases" action (P), which plays one phase
at a time so that a lecturer can talk over whole updates without a key per phase, and
its pace (a box in the tool bar beside it).

The worker plays the phases (TrainingWorker.play_phases); Space pauses it as it pauses
any play, and the stepper and the network diagram show each phase as it runs.
"""
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox

from .key_sheet import STEPPING, set_key_group
from .phase_pace import DEFAULT_PACE, PACES, pace_label

PLAY_PHASES_KEY = "P"
TIP = f"One by one, at the pace beside it ({PLAY_PHASES_KEY})"


class PhasePlayControl(QObject):
    """Wires phase play for `window` (a MainWindow): its controller and, once it has
    one, its worker."""

    def __init__(self, window, tool_bar):
        super().__init__(window)
        self._window = window
        self.action = QAction("Play phases", window)
        self.action.setShortcut(QKeySequence(PLAY_PHASES_KEY))
        self.action.setToolTip(TIP)
        self.action.triggered.connect(self.toggle)
        tool_bar.addAction(self.action)
        self.pace_box = QComboBox()
        self.pace_box.setObjectName("phase_pace")
        self.pace_box.setAccessibleName("Phase play pace")
        self.pace_box.setToolTip(
            "How many phases a second Play phases runs: from one every two seconds to five "
            "a second. Applies at once.")
        for pace in PACES:
            self.pace_box.addItem(pace_label(pace), pace)
        self.pace_box.setCurrentIndex(PACES.index(DEFAULT_PACE))
        self.pace_box.currentIndexChanged.connect(self._send_pace)
        tool_bar.addWidget(self.pace_box)
        set_key_group(self.action, STEPPING)

    def pace(self):
        """Phases per second chosen now."""
        return self.pace_box.currentData()

    def set_pace(self, phases_per_second):
        """Choose one of PACES (gui/phase_pace.py); the worker hears of it."""
        self.pace_box.setCurrentIndex(PACES.index(phases_per_second))

    def playing_phases(self):
        """Whether the worker is playing phases, as its latest snapshot says."""
        latest = self._window.controller.latest
        return (self._window.controller.playing and latest is not None
                and latest.phase_pace > 0)

    @Slot()
    def toggle(self):
        """Pause phase play, or start it (from a pause, or from playing updates)."""
        window = self._window
        if self.playing_phases():
            window.worker.pause()
            return
        if window.long_command_running():
            window.worker.interrupt()
        window._clear_problem()   # as Play does: a new try, the old message goes
        window.worker.set_phase_pace(self.pace())
        window.worker.play_phases()

    @Slot(int)
    def _send_pace(self, _index):
        worker = getattr(self._window, "worker", None)
        if worker is not None:
            worker.set_phase_pace(self.pace())
