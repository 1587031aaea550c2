"""The main window's side of the computational graph: the "Graph" action (K) that opens
its window, made at the first press and raised at every later one."""
from .graph_window import GraphWindow
from .key_sheet import VIEW
from .window_opener import WindowOpener

GRAPH_KEY = "K"
# One line in the key sheet, which must keep 12 pt at 1366x768.
TIP = f"One example's loss as a graph of blocks, in its own window ({GRAPH_KEY})"


class GraphControl(WindowOpener):
    """Adds the Graph action to `tool_bar` of `window` (a MainWindow)."""

    def __init__(self, window, tool_bar):
        super().__init__(window, tool_bar, "Graph", GRAPH_KEY, TIP, VIEW, GraphWindow)
