"""The main window's side of same-start comparisons: the "Compare…" action (C) that opens
the Compare dialog, made at the first press and raised at every later one."""
from .compare_dialog import CompareDialog
from .key_sheet import TRAINING
from .window_opener import WindowOpener

COMPARE_KEY = "C"
# One line in the key sheet, which must keep 12 pt at 1366x768 (a longer one wraps).
TIP = f"Fork this run with one setting changed ({COMPARE_KEY})"


class CompareControl(WindowOpener):
    """Adds the Compare action to `tool_bar` of `window` (a MainWindow); `view` is the
    CompareDialog once opened."""

    def __init__(self, window, tool_bar):
        super().__init__(window, tool_bar, "Compare…", COMPARE_KEY, TIP, TRAINING,
                         CompareDialog)

    def open(self):
        """Show the dialog with the runs there are, the focus on the setting to change."""
        super().open()
        self.view.setting_box.setFocus()
