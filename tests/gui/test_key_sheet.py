"""The keyboard cheat-sheet: F1 or ? lists every key of every action of the window."""
import html

import pytest
from on_screen import open_active_window
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea

from gui.field_keys import FIELD_RULE
from gui.key_names import key_name
from gui.key_sheet import (
    APP,
    ARROWS_IN_FIELDS,
    OTHER,
    SHEET_ROW,
    STEPPING,
    TRAINING,
    VIEW,
    KeySheetDialog,
    key_group,
    set_key_group,
)
from gui.panels.checked_spin import CheckedSpinBox
from gui.panels.layer_row import LayerRow

WAIT_MS = 15_000


@pytest.fixture
def window(qtbot):
    w = open_active_window(qtbot, WAIT_MS)
    yield w
    w.shut_down()


def press(window, key, modifier=Qt.NoModifier):
    QTest.keyClick(window.windowHandle(), key, modifier)


def open_sheet(window, qtbot, key=Qt.Key_F1):
    press(window, key)
    qtbot.waitUntil(lambda: window.key_sheet.dialog is not None
                    and window.key_sheet.dialog.isVisible(), timeout=WAIT_MS)
    return window.key_sheet.dialog


def shortcut_actions(window):
    """Every action of the window with a shortcut, found here without the sheet's help."""
    return [a for a in window.findChildren(QAction) if a.shortcuts()]


def test_f1_lists_every_shortcut_of_every_action_of_the_window(window, qtbot):
    actions = shortcut_actions(window)
    assert {"Play", "Step phase", "Step update", "Keyboard keys", "Quit"} <= {
        a.iconText() for a in actions}
    dialog = open_sheet(window, qtbot)
    listed = {(row.name, row.keys) for rows in dialog.rows.values() for row in rows}
    text = dialog.text()
    for action in actions:
        keys = tuple(key_name(k) for k in action.shortcuts())
        shared = action.property(SHEET_ROW)   # related actions on one line (zoom)
        if shared:     # its keys are said by one text ("Ctrl+1…7") or in its description
            assert shared[0] in {name for name, _ in listed}, action.iconText()
            continue
        else:
            assert (action.iconText(), keys) in listed, action.iconText()
            assert html.escape(action.iconText()) in text
        for key in keys:
            assert html.escape(key) in text
    assert FIELD_RULE in text
    # The arrows are stepping keys in a field too: the sheet says how to move the cursor.
    assert ARROWS_IN_FIELDS in text and "Home, End" in ARROWS_IN_FIELDS


def test_keys_read_as_people_name_them_and_the_tooltips_lose_their_bracketed_keys(
        window, qtbot):
    dialog = open_sheet(window, qtbot)
    stepping = {row.name: row for row in dialog.rows[STEPPING]}
    assert stepping["Step phase"].keys == ("Shift+→", ".")
    assert stepping["Step update"].keys == ("→", "N")
    assert stepping["Step phase"].description.startswith("Run one phase")
    assert not stepping["Step phase"].description.endswith(")")
    training = {row.name: row for row in dialog.rows[TRAINING]}
    assert training["Play"].keys == ("Space",) and training["Stop"].keys == ("Esc",)


def test_an_action_added_later_is_listed_in_its_group_or_under_other_keys(window, qtbot):
    layout = QAction("Presenter view", window)
    layout.setShortcut(QKeySequence("Ctrl+1"))
    set_key_group(layout, VIEW)
    window.addAction(layout)
    odd = QAction("Wibble", window)
    odd.setShortcut(QKeySequence("Ctrl+W"))
    window.addAction(odd)
    dialog = open_sheet(window, qtbot)
    assert [row.keys for row in dialog.rows[VIEW] if row.name == "Presenter view"] == [("Ctrl+1",)]
    assert [row.keys for row in dialog.rows[OTHER] if row.name == "Wibble"] == [("Ctrl+W",)]


def test_actions_without_a_group_are_placed_by_their_names(window):
    found = {a.iconText(): key_group(a) for a in shortcut_actions(window)}
    assert found["Step phase"] == found["Step epoch"] == STEPPING
    assert found["Play"] == found["Reset"] == found["Stop"] == found["Undo"] == TRAINING
    assert found["Quit"] == found["Keyboard keys"] == APP
    back = QAction("Step back a phase", window)
    assert key_group(back) == STEPPING


@pytest.mark.parametrize("close_key", [Qt.Key_Escape, Qt.Key_F1, Qt.Key_Question])
def test_escape_f1_or_question_mark_close_the_sheet_and_do_not_stop(window, qtbot, close_key):
    controller = window.controller
    press(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: controller.playing, timeout=WAIT_MS)
    dialog = open_sheet(window, qtbot, Qt.Key_Question)
    QTest.keyClick(dialog, close_key)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert controller.playing


def test_f1_opens_the_sheet_with_the_focus_in_a_field(window, qtbot):
    units = window.model_panel.findChildren(LayerRow)[0].findChild(CheckedSpinBox)
    units.setFocus()
    qtbot.waitUntil(units.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(units, Qt.Key_Question)
    qtbot.waitUntil(lambda: window.key_sheet.dialog is not None
                    and window.key_sheet.dialog.isVisible(), timeout=WAIT_MS)
    assert units.text() == "8"


# The presenter keys (F5, F and Ctrl+1..7, zoom) took three lines: at 1366x768 the sheet
# is in the app's own 11 pt.
@pytest.mark.parametrize(("width", "height", "point_size"), [(1366, 768 - 40, 11),
                                                              (1920, 1080 - 40, 14)])
def test_the_sheet_fits_a_screen_without_scrolling_in_a_readable_font(
        window, qtbot, width, height, point_size):
    dialog = KeySheetDialog(window, QSize(width, height))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= width and dialog.height() <= height
    assert dialog.point_size >= point_size
    assert ARROWS_IN_FIELDS in dialog.text()
    scroll = dialog.findChild(QScrollArea)
    assert scroll.verticalScrollBar().maximum() == 0
    assert scroll.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize(("text", "name"), [("Shift+Right", "Shift+→"), ("Left", "←"),
                                            ("Space", "Space"), ("Esc", "Esc"),
                                            ("Ctrl+Z", "Ctrl+Z"), ("?", "?"), (".", ".")])
def test_key_names(text, name):
    assert key_name(QKeySequence(text)) == name
