"""The gradient check's window: a verdict, what was checked, a row per array and the
scatter of numerical against backprop values. It only shows; gui/gradcheck_control.py
asks the worker for a check and hands over what comes back."""
import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.gradcheck import COURSE_THRESHOLD, FAIL, NOT_CHECKED, PASS, RELATIVE_TOLERANCE

from . import theme
from .plots.gradcheck_scatter import GradientCheckScatter

CHECK_KEY = "G"
MIN_TABLE_ROWS = 4     # rows of the table always in view; the scatter gets the rest
TABLE_SHARE = 0.4      # of the height shared with the scatter, at most, at first
# In words and a symbol, so that no one needs to tell the tints apart.
STATUS_TEXT = {PASS: "\u2714 PASS", FAIL: "\u2718 FAIL", NOT_CHECKED: "\u2013 not checked"}
STATUS_TINT = {PASS: theme.PASS_TINT, FAIL: theme.FAIL_TINT, NOT_CHECKED: "#ececec"}
COLUMNS = (
    ("Array", "The parameter array: W[l] the weights, b[l] the biases of layer l."),
    ("Shape", "(n_l, n_(l-1)) for W[l], (n_l, 1) for b[l]."),
    ("Entries checked", ("Entries compared, of all the array has. Entries whose finite "
                        "difference straddles a ReLU's corner are left out and counted.")),
    ("Relative error", ("The course's measure: ||numerical - backprop|| / (||numerical|| + "
                       f"||backprop||) over the array. Below {COURSE_THRESHOLD:g} is the usual "
                       "rule of thumb; for a gradient near 0 it measures rounding noise, so it "
                       "is not the verdict.")),
    ("Max |num \u2212 bp|", ("The largest difference between an entry's numerical slope and "
                            "backprop's value.")),
    ("Tolerance", ("What rounding can do to a finite difference here: the largest allowance of "
                  f"an entry, before {RELATIVE_TOLERANCE:g} x |backprop| is added to it.")),
    ("Worst ratio", ("The largest ratio of an entry's difference to what it is allowed. "
                    "At most 1 passes.")),
    ("Result", ("PASS: every entry checked agrees within rounding. FAIL: some entry does not, "
               "so backprop is wrong there. Not checked: no entry could be compared.")),
)
EXPLANATION = (
    "An array passes when every entry's |numerical \u2212 backprop| is within what rounding "
    "allows (worst ratio at most 1). The course's relative error is shown beside it: below "
    f"{COURSE_THRESHOLD:g} is the usual rule of thumb, but for an array whose gradient is "
    "nearly zero it measures rounding noise, not backprop. The numerical slope of an entry p is "
    "(J(p + \u03b5) \u2212 J(p \u2212 \u03b5)) / 2\u03b5, combined with the same at \u03b5/2 to "
    "cancel most of its error. Hover over "
    "a point to see its entry.")


def verdict_text(report):
    """The one-line overall verdict, with its symbol."""
    arrays = report.arrays
    failed = [a.name for a in arrays if a.failed]
    unchecked = [a.name for a in arrays if a.status == NOT_CHECKED]
    if failed:
        return (f"{STATUS_TEXT[FAIL]}: {', '.join(failed)} differ from the numerical gradient by "
                f"more than rounding allows \u2014 backprop is wrong there.")
    if len(unchecked) == len(arrays):
        return (f"{STATUS_TEXT[NOT_CHECKED]}: every entry sat at a ReLU corner, where a finite "
                f"difference is no derivative. Train a few updates and check again.")
    passed = len(arrays) - len(unchecked)
    text = (f"{STATUS_TEXT[PASS]}: backprop agrees with the numerical gradient in every "
            f"array checked ({passed} of {len(arrays)})")
    if unchecked:
        text += f"; {', '.join(unchecked)} not checked (every entry at a ReLU corner)"
    return text + "."


def scope_text(report):
    """What was checked: the parameters of which update, which examples, which entries."""
    update = report.update_count + 1
    if report.whole_training_set:
        batch = f"the {report.training_examples:,} training examples (full batch)"
    else:
        batch = f"the {report.batch_examples:,} examples of the batch of update {update:,}"
    if report.sampled_examples:
        examples = f"a seeded sample of {report.examples:,} of {batch}"
    elif report.whole_training_set:
        examples = f"all {batch}"
    else:
        examples = batch
    if report.max_per_array is None:
        entries = f"every entry of every array ({report.entries_checked:,})"
    else:
        entries = (f"a seeded sample of at most {report.max_per_array:,} entries per array "
                   f"({report.entries_checked:,} of {report.parameter_count:,} entries)")
    skipped = sum(a.skipped_kinks for a in report.arrays)
    if skipped:
        entries += f"; {skipped:,} left out at a ReLU corner"
    return (f"The parameters after {report.update_count:,} updates, on {examples}; "
            f"{entries}. L2 \u03bb = {report.l2:g}, finite-difference step "
            f"\u03b5 = {report.eps:.2g}. Took {report.seconds:.2f} s.")


def row_cells(array):
    """The table's texts for one ArrayCheck, column by column."""
    shape = "(" + ", ".join(str(n) for n in array.shape) + ")"
    checked = f"{array.checked:,} of {math.prod(array.shape):,}"
    if array.skipped_kinks:
        checked += f" ({array.skipped_kinks} at a corner)"
    if array.checked:
        numbers = (f"{array.relative_error:.2e}", f"{array.max_abs_diff:.2e}",
                   f"{array.tolerance:.1e}", f"{array.worst_ratio:.2g}")
    else:
        numbers = ("\u2013",) * 4
    return (array.name, shape, checked, *numbers, STATUS_TEXT[array.status])


class GradientCheckView(QWidget):
    """A window of its own, not modal: the main window stays usable beside it."""

    check_requested = Signal()   # the "Check again" button

    def __init__(self, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Gradient check \u2014 Backprop Lab")
        # Closing the main window ends the app even while this one is open.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        # The keys stay with the main window, so that stepping goes on as before.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.report = None
        self.verdict = QLabel()
        self.verdict.setObjectName("gradcheck_verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.verdict.font()
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        self.verdict.setFont(font)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)   # no steps to count: a moving bar says it is working
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(10)
        self.scope = QLabel()
        self.scope.setWordWrap(True)
        self.scope.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stale = QLabel()
        self.stale.setObjectName("gradcheck_stale")
        self.stale.setWordWrap(True)
        self.stale.setStyleSheet("QLabel { color: #7a4d00; font-style: italic; }")
        self.stale.hide()
        self.table = self._make_table()
        self.scatter = GradientCheckScatter()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.scatter)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        explanation = QLabel(EXPLANATION)
        explanation.setWordWrap(True)
        explanation.setStyleSheet("QLabel { color: #444444; }")
        self.again = QPushButton(f"Check again ({CHECK_KEY})")
        self.again.clicked.connect(self.check_requested)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(explanation, 1)
        buttons.addWidget(self.again)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        for widget in (self.verdict, self.busy, self.scope, self.stale):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.show_running()

    def _make_table(self):
        table = QTableWidget(0, len(COLUMNS))
        table.setObjectName("gradcheck_table")
        for column, (title, tip) in enumerate(COLUMNS):
            item = QTableWidgetItem(title)
            item.setToolTip(tip)
            table.setHorizontalHeaderItem(column, item)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    # --- what it shows ---------------------------------------------------------------

    def show_running(self):
        """A check is under way: say so, keep the last result visible below."""
        self.verdict.setText("Checking the gradients\u2026")
        self.busy.show()
        self.again.setEnabled(False)
        if self.report is None:
            self.scope.setText("Comparing backprop's dW and db with finite differences of the "
                               "cost, entry by entry, on the worker thread.")

    def show_report(self, report):
        """A finished check's verdict, scope, rows and points."""
        self.report = report
        self.busy.hide()
        self.again.setEnabled(True)
        self.verdict.setText(verdict_text(report))
        self.scope.setText(scope_text(report))
        self.stale.hide()
        self.table.setRowCount(len(report.arrays))
        for row, array in enumerate(report.arrays):
            for column, text in enumerate(row_cells(array)):
                item = QTableWidgetItem(text)
                if 2 <= column < len(COLUMNS) - 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight |
                                          Qt.AlignmentFlag.AlignVCenter)
                if column == len(COLUMNS) - 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    item.setBackground(QBrush(QColor(STATUS_TINT[array.status])))
                    font = item.font()
                    font.setBold(array.failed)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self._fit_table_height()
        self.scatter.show_report(report)

    def show_problem(self, message):
        """A check that has no report: why, in words; the previous report stays below."""
        self.busy.hide()
        self.again.setEnabled(True)
        self.verdict.setText(message)
        if self.report is None:
            self.scope.setText("")
            self.scatter.clear_report()

    def show_stale(self, text):
        """Say that the parameters have moved on since the report shown ('' hides it)."""
        self.stale.setText(text)
        self.stale.setVisible(bool(text))

    def status_texts(self):
        """The Result column, top to bottom (for tests and screen readers alike)."""
        return [self.table.item(row, len(COLUMNS) - 1).text()
                for row in range(self.table.rowCount())]

    # --- size ------------------------------------------------------------------------

    def _fit_table_height(self):
        """Every row if they take at most TABLE_SHARE of the height; more scroll. At least
        MIN_TABLE_ROWS rows are always in view."""
        table = self.table
        frame = table.horizontalHeader().height() + 2 * table.frameWidth()
        heights = [table.rowHeight(r) for r in range(table.rowCount())]
        table.setMinimumHeight(frame + sum(heights[:MIN_TABLE_ROWS]))
        total = self.splitter.height()
        wanted = min(frame + sum(heights), int(total * TABLE_SHARE))
        self.splitter.setSizes([wanted, max(total - wanted, 1)])

    def place_beside(self, window):
        """Size to the screen of `window` and put this over its right-hand part."""
        screen = window.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        width = min(1200, int(area.width() * 0.8))
        height = min(1000, int(area.height() * 0.9))
        self.resize(width, height)
        frame = window.frameGeometry()
        x = min(frame.right() - width - 20, area.right() - width)
        y = max(area.top(), min(frame.top() + 60, area.bottom() - height))
        self.move(max(area.left(), x), y)
