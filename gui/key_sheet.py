"""The keyboard cheat-sheet (F1 or ?): every key of the window, read from its actions
each time it opens, so that it lists what the keys do now and never goes stale."""
import html
import itertools
import re
from typing import NamedTuple

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .field_keys import FIELD_RULE, window_actions
from .key_names import key_name

STEPPING, TRAINING, VIEW, FIELDS, APP, OTHER = (
    "Stepping", "Training", "View and layout", "Fields and editing", "The app", "Other keys")
GROUPS = (STEPPING, TRAINING, VIEW, FIELDS, APP, OTHER)
KEY_GROUP = "key_group"   # the property that puts an action in one of GROUPS
SHEET_ROW = "sheet_row"   # the property that lists related actions on one line
SHEET_KEYS = ("F1", "?")
SHEET_POINT_SIZE = 15
MIN_POINT_SIZE = 11
KEY_CAP_COLOR = "#e8ecf2"
ARROWS_IN_FIELDS = ("← and → (and Shift+←/→) step in a field too: move its cursor with the "
                    "mouse, Home, End.")

# For an action made without a group: the first group one of whose words starts a word
# of the action's name ("Step back a phase" is stepping).
_GROUP_WORDS = (
    (APP, ("quit", "keyboard", "help", "about", "open", "save")),
    (VIEW, ("layout", "view", "zoom", "full", "dock", "tab", "show", "hide", "screen")),
    (TRAINING, ("play", "pause", "stop", "reset", "undo", "train", "gradient")),
    (STEPPING, ("step", "phase", "update", "epoch", "back", "forward", "example", "follow")),
)


class SheetRow(NamedTuple):
    """One line of the sheet: its keys as shown ("Shift+→"), a name and what it does."""

    keys: tuple
    name: str
    description: str


def set_key_group(action, group):
    """Put ``action`` under ``group`` (one of GROUPS) in the sheet."""
    if group not in GROUPS:
        raise ValueError(f"unknown key group {group!r}; allowed: {', '.join(GROUPS)}")
    action.setProperty(KEY_GROUP, group)


def share_sheet_row(actions, name, description, keys=None):
    """List ``actions`` (zoom in, out and back) on one line of the sheet: their keys, or
    ``keys`` (a tuple of texts, for many keys that one text says, "Ctrl+1…7"), with
    ``name`` and ``description``."""
    row = (name, description, tuple(keys) if keys else None)
    for action in actions:
        action.setProperty(SHEET_ROW, row)


def key_group(action):
    """The group ``action`` is listed under: its own, or one guessed from its name."""
    group = action.property(KEY_GROUP)
    if group in GROUPS:
        return group
    words = re.findall(r"\w+", action.iconText().lower())
    for group, starts in _GROUP_WORDS:
        if any(word.startswith(start) for word in words for start in starts):
            return group
    return OTHER


def action_row(action):
    """The sheet's line for ``action``: its keys, name and tooltip (without the keys in
    brackets at its end, which the sheet shows in their own column)."""
    keys = tuple(key_name(k) for k in action.shortcuts())
    name = action.iconText()
    tip = action.toolTip()
    if tip == name or tip == action.text().replace("&", ""):
        tip = ""
    spelled = {k.toString(QKeySequence.SequenceFormat.PortableText) for k in action.shortcuts()}
    bracket = re.search(r"\s*\(([^()]*)\)\s*$", tip)
    if bracket and any(s in bracket.group(1) for s in spelled | set(keys)):
        tip = tip[: bracket.start()]
    tip = tip.strip()
    return SheetRow(keys, name, tip[:1].upper() + tip[1:])


def sheet_rows(window):
    """{group: [SheetRow]} for every key of ``window``, in the order of GROUPS; groups
    without a key are left out."""
    rows = {group: [] for group in GROUPS}
    shared = {}
    for action in window_actions(window):
        row = action_row(action)
        together = action.property(SHEET_ROW)
        if together:
            name, description, keys = together
            if name in shared:
                group, index = shared[name]
                if keys is None:
                    earlier = rows[group][index]
                    rows[group][index] = earlier._replace(keys=earlier.keys + row.keys)
                continue
            row = SheetRow(tuple(keys or row.keys), name, description)
            shared[name] = (key_group(action), len(rows[key_group(action)]))
        rows[key_group(action)].append(row)
    rows[FIELDS].extend(_field_rows(window))
    return {group: found for group, found in rows.items() if found}


def _field_rows(window):
    taken = {k.toString() for a in window_actions(window) for k in a.shortcuts()}
    rows = [
        SheetRow(("Tab", "Shift+Tab"), "Next or previous control", ""),
        SheetRow(("Enter",), "Use a field's number", "One that is not allowed is refused, "
                 "with a message saying what is"),
        SheetRow(("Esc",), "Leave a field", "Uses its number as Enter does, and gives the "
                 "keys back to the window; Esc in a field does not stop training"),
    ]
    if not taken & {"Up", "Down"}:
        rows.append(SheetRow(("↑", "↓"), "Change a number", "One step, in the number field "
                             "that has the focus"))
    example = _first_mnemonic(window)
    if example:
        rows.append(SheetRow(("Alt+letter",), "Go to a control",
                             f"The letter underlined in its name ({example})"))
    return rows


def _first_mnemonic(window):
    """'Alt+D: Data set', the first control in the window an Alt+letter reaches, or ''."""
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            target = widget.buddy()
        elif isinstance(widget, QAbstractButton):
            target = widget
        else:
            continue
        key = QKeySequence.mnemonic(widget.text())
        if key.isEmpty() or not (widget.isVisible() and target.isEnabled()):
            continue
        name = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        return f"{key_name(key)}: {name.rstrip(':')}"
    return ""


def _cap(key):
    return (f'<span style="background-color:{KEY_CAP_COLOR};">&nbsp;{html.escape(key)}'
            f'&nbsp;</span>')


def _row_html(row, key_width):
    text = f"<b>{html.escape(row.name)}</b>"
    if row.description:
        text += f": {html.escape(row.description)}"
    return (f'<tr><td width="{key_width}" valign="top">{" or ".join(map(_cap, row.keys))}'
            f"</td><td>{text}</td></tr>")


def balanced_columns(heights):
    """The indices of the groups for the left column, the first always among them, such
    that the taller column is as short as can be; each column keeps the groups' order.
    A contiguous split wastes a column's room when one group is much taller."""
    count = len(heights)
    best, best_height = {0}, None
    for choice in itertools.product((True, False), repeat=count - 1):
        left = {0} | {i + 1 for i, chosen in enumerate(choice) if chosen}
        height = max(sum(h for i, h in enumerate(heights) if i in left),
                     sum(h for i, h in enumerate(heights) if i not in left))
        if best_height is None or height < best_height:
            best, best_height = left, height
    return best


class KeySheetDialog(QDialog):
    """Every key of ``window``, grouped in two columns, in the largest font (up to
    SHEET_POINT_SIZE) that fits the window's screen; Esc, F1 or ? closes it."""

    def __init__(self, window, available=None):
        """``available``: the QSize of screen it may fill (the window's screen's)."""
        super().__init__(window)
        self.setWindowTitle("Keyboard keys")
        self.setObjectName("key_sheet")
        self.rows = sheet_rows(window)
        close = QAction("Close", self)
        close.setShortcuts([QKeySequence(k) for k in SHEET_KEYS])
        close.triggered.connect(self.reject)
        self.addAction(close)
        available = available or window.screen().availableGeometry().size()
        width = min(1280, int(available.width() * 0.94))
        # The Close button and the margins (70), the title bar and a little to spare (40).
        room = available.height() - 110
        for point_size in range(SHEET_POINT_SIZE, MIN_POINT_SIZE - 1, -1):
            body, height = self._body(point_size, width - 40)
            if height <= room:
                break
        self.point_size = point_size
        scroll = QScrollArea()     # only scrolls if even the smallest font does not fit
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(buttons)
        self.resize(width, min(height, room) + 70)

    def text(self):
        """All the text the sheet shows, without markup (for tests and screen readers)."""
        return "\n".join(label.text() for label in self.findChildren(QLabel))

    def _body(self, point_size, width):
        """The sheet's contents in ``point_size`` and their height at ``width``."""
        body = QWidget()
        font = self.font()
        font.setPointSize(point_size)
        body.setFont(font)
        # Two lines at 1366x768 in 12 pt: a third would push the sheet down to 11 pt.
        intro = QLabel(f"Keys work wherever the focus is. {FIELD_RULE} {ARROWS_IN_FIELDS}")
        intro.setWordWrap(True)
        metrics = QFontMetrics(font)
        # Each group's keys as wide as its own widest: a group of short keys leaves
        # more room to its descriptions, and fewer of them wrap.
        boxes = [self._group_box(group, font, max(
            metrics.horizontalAdvance(" or ".join(f" {k} " for k in row.keys))
            for row in self.rows[group]) + point_size) for group in self.rows]
        gap = 32
        column_width = (width - gap) // 2
        heights = [box.heightForWidth(column_width) for box in boxes]
        left_groups = balanced_columns(heights)
        left = [i in left_groups for i in range(len(boxes))]
        columns = QHBoxLayout()
        columns.setSpacing(gap)
        for side in (True, False):
            column = QVBoxLayout()
            for box, on_left in zip(boxes, left):
                if on_left == side:
                    column.addWidget(box)
            column.addStretch(1)
            columns.addLayout(column, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addSpacing(point_size)
        layout.addLayout(columns)
        return body, body.heightForWidth(width)

    def _group_box(self, group, font, key_width):
        box = QWidget()
        layout = QVBoxLayout(box)
        # Two thirds of a line between groups: a line more keeps 12 pt at 1366x768.
        layout.setContentsMargins(0, 0, 0, font.pointSize() * 2 // 3)
        heading = QLabel(group)
        heading_font = QFont(font)
        heading_font.setPointSize(font.pointSize() + 3)
        heading_font.setBold(True)
        heading.setFont(heading_font)
        # 1 px around each cell rather than 2: another row keeps 12 pt at 1366x768.
        table = QLabel("<table cellspacing=0 cellpadding=1>"
                       + "".join(_row_html(row, key_width) for row in self.rows[group])
                       + "</table>")
        table.setFont(font)
        table.setWordWrap(True)
        table.setTextFormat(Qt.TextFormat.RichText)
        table.setObjectName(f"keys_{group}")
        layout.addWidget(heading)
        layout.addWidget(table)
        return box


class KeySheet(QObject):
    """The F1 / ? action of ``window`` and the sheet it opens. The sheet is no modal
    dialog: it can stay open beside the window, and Ctrl+Q still quits."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.dialog = None
        self.action = QAction("Keyboard keys", window)
        self.action.setShortcuts([QKeySequence(k) for k in SHEET_KEYS])
        self.action.setToolTip("Open or close this list of every key of the window (F1 or ?)")
        set_key_group(self.action, APP)
        self.action.triggered.connect(self.toggle)
        window.addAction(self.action)

    @Slot()
    def toggle(self):
        """Close the sheet if it is open, else open it."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.reject()
        else:
            self.open()

    def open(self):
        """Show the sheet, made afresh from the window's actions; returns the dialog."""
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = KeySheetDialog(self._window)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog
