"""The main window's side of the computational graph: the "Graph" action (K) that opens
its window, made at the first press and raised at every later one."""
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence

from .graph_window import GraphWindow
from .key_sheet import VIEW, set_key_group

GRAPH_KEY = "K"
# One line in the key sheet, which must keep 12 pt at 1366x768.
TIP = f"One example's loss as a graph of blocks, in its own window ({GRAPH_KEY})"


class GraphControl(QObject):
    """Adds the Graph action to `tool_bar` of `window` (a MainWindow)."""

    def __init__(self, window, tool_bar):
        super().__init__(window)
        self._window = window
        self.view = None   # made at the first press
        self.action = QAction("Graph", window)
        self.action.setShortcut(QKeySequence(GRAPH_KEY))
        self.action.setToolTip(TIP)
        set_key_group(self.action, VIEW)
        self.action.triggered.connect(self.open)
        tool_bar.addAction(self.action)

    @Slot()
    def open(self):
        """Show the graph's window, in front, with the keys."""
        if self.view is None:
            self.view = GraphWindow(self._window)
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
