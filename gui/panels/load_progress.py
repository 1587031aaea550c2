"""A progress bar and a Stop button for a DataLoader, shown only while it works."""

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

SHOW_AFTER_MS = 250   # a load quicker than this shows nothing, so nothing flickers
_STEPS = 1000


class LoadProgress(QWidget):
    """Follows ``loader`` (a gui.data_loader.DataLoader): hidden while it is idle."""

    def __init__(self, loader, parent=None):
        super().__init__(parent)
        self._loader = loader
        self._bar = QProgressBar()
        self._bar.setTextVisible(True)
        self._stop = QPushButton("Stop loading")
        self._stop.setToolTip("Stop reading the data; the data in use now stays.")
        self._stop.clicked.connect(loader.cancel)
        self._bar.setObjectName("load_progress_bar")
        self._stop.setObjectName("stop_loading")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._bar, 1)
        layout.addWidget(self._stop)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(SHOW_AFTER_MS)
        self._show_timer.timeout.connect(self._show_if_busy)
        loader.busy_changed.connect(self._on_busy)
        loader.progressed.connect(self._on_progress)
        self.hide()

    def text(self):
        """What the bar says now."""
        return self._bar.format()

    def stop_button(self):
        """The button that cancels the load."""
        return self._stop

    @Slot(bool)
    def _on_busy(self, busy):
        if busy:
            self._bar.setRange(0, 0)   # moving back and forth until the first report
            self._bar.setFormat("Reading…")
            self._show_timer.start()
        else:
            self._show_timer.stop()
            self.hide()

    @Slot()
    def _show_if_busy(self):
        if self._loader.is_busy():
            self.show()

    @Slot(object)
    def _on_progress(self, progress):
        if progress.fraction is None:
            self._bar.setRange(0, 0)
        else:
            self._bar.setRange(0, _STEPS)
            self._bar.setValue(round(progress.fraction * _STEPS))
        self._bar.setFormat(progress.text)
