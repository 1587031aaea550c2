"""Fixtures shared by the GUI tests."""
import pytest
from on_screen import open_main_window

OPEN_WAIT_MS = 15_000


@pytest.fixture
def window(qtbot):
    """The whole window, shown, with its first snapshot in; shut down afterwards. A test
    file that needs the window opened otherwise defines its own `window`."""
    w = open_main_window(qtbot, OPEN_WAIT_MS)
    yield w
    w.shut_down()
