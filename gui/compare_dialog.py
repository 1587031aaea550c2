"""The Compare dialog: fork the main run with one setting changed, see the runs compared,
remove one or all. Every part of it works from the keyboard: Alt+S the setting, Alt+N its
new value, Enter adds the run, Delete removes the one selected, Esc closes."""
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
)

from engine.config import ConfigError
from engine.fork_change import (
    ACTIVATION,
    ACTIVATION_SHORT,
    BATCH_SIZE,
    INIT,
    INIT_SHORT,
    L2,
    LEARNING_RATE,
    SETTING_LABELS,
    change_label,
    choices,
    parse_change,
)
from engine.run_group import MAX_FORKS, MAX_RUNS
from gui.panels.message_label import MessageLabel

INTRO = (f"Train up to {MAX_FORKS} more runs beside this one, each with one setting changed. "
         "They start from the same weights and see the same batches in the same order, so "
         "whatever differs in their curves comes from that one setting. They follow Play, "
         "Step and Reset, and are drawn dashed in the cost and gradient plots.")
ALLOWED = {
    LEARNING_RATE: "a number from 0.00001 to 10",
    L2: "a number from 0 to 100",
    BATCH_SIZE: "0 for the whole training set, 1 for stochastic, or any size up to it",
    ACTIVATION: "pick one (↑/↓)",
    INIT: "pick one (↑/↓)",
}


def run_line(fork):
    """One line of the list for a ForkSnapshot."""
    where = f"update {fork.update:,}, test cost {fork.test_cost:.3g}"
    if fork.test_accuracy == fork.test_accuracy:   # not nan: there is a test set
        where += f", test accuracy {fork.test_accuracy:.0%}"
    if fork.stopped:
        where = f"stopped: {fork.stopped}; " + where
    return f"{fork.label} — {where}"


class CompareDialog(QDialog):
    """Talks to `window` (a MainWindow): its controller's snapshots show the runs, its
    worker is asked to add and remove them."""

    fork_requested = Signal(object)   # the ForkChange sent to the worker

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.setWindowTitle("Compare from the same start")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.setting_box = QComboBox()
        for key, label in SETTING_LABELS.items():
            self.setting_box.addItem(label, key)
        self.value_edit = QLineEdit()
        self.value_edit.setPlaceholderText("new value")
        self.choice_box = QComboBox()
        self.value_stack = QStackedWidget()
        self.value_stack.addWidget(self.value_edit)
        self.value_stack.addWidget(self.choice_box)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.add_button = QPushButton("&Add run")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add_run)
        self.message = MessageLabel()
        self.message.setObjectName("compare_message")
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.runs_list = QListWidget()
        self.runs_list.setMinimumHeight(4 * self.fontMetrics().lineSpacing() + 8)
        self.remove_button = QPushButton("&Remove selected (Delete)")
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QPushButton("Remove a&ll")
        self.clear_button.clicked.connect(self.remove_all)
        close = QPushButton("Close (Esc)")
        close.clicked.connect(self.close)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.runs_list)
        delete.activated.connect(self.remove_selected)

        form = QFormLayout()
        setting_label = QLabel("&Setting")
        setting_label.setBuddy(self.setting_box)
        self.value_label = QLabel("&New value")   # its buddy: the field shown
        form.addRow(setting_label, self.setting_box)
        form.addRow(self.value_label, self.value_stack)
        form.addRow("", self.hint)
        buttons = QHBoxLayout()
        for button in (self.remove_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addWidget(self.answer)
        layout.addWidget(QLabel(f"Runs beside the main run (at most {MAX_FORKS}):"))
        layout.addWidget(self.runs_list, 1)
        layout.addLayout(buttons)
        self.setting_box.currentIndexChanged.connect(self._setting_chosen)
        window.controller.snapshot_received.connect(self.show_snapshot)
        self._forks = ()
        self._setting_chosen()
        if window.controller.latest is not None:
            self.show_snapshot(window.controller.latest)
        self.resize(560, 480)

    # --- what the user does ---------------------------------------------------------

    def setting(self):
        return self.setting_box.currentData()

    def choose(self, setting, value_text=""):
        """Pick `setting` and put value_text in its field (a name for a setting with
        choices), as a user would."""
        self.setting_box.setCurrentIndex(self.setting_box.findData(setting))
        if choices(setting):
            index = self.choice_box.findData(value_text)
            if index >= 0:
                self.choice_box.setCurrentIndex(index)
        else:
            self.value_edit.setText(value_text)

    @Slot()
    def add_run(self):
        """Check the value and ask the worker for the run; a bad value or a full set
        of runs gets a message and changes nothing."""
        setting = self.setting()
        text = self.choice_box.currentData() if choices(setting) else self.value_edit.text()
        if len(self._forks) >= MAX_FORKS:
            self.message.show_message(
                f"At most {MAX_RUNS} runs are compared (the main run and {MAX_FORKS} more): "
                f"remove one first (select it, Delete).")
            return
        session = self._window.controller.session
        m_train = session.X_train.shape[1] if session is not None else None
        try:
            change = parse_change(setting, text, m_train)
        except ConfigError as error:
            self.message.show_message(f"{error}.")
            self.value_edit.setFocus()
            return
        self.message.clear_message()
        self.answer.setText(f"Adding the run with {change.label}…")
        self._window.worker.add_fork(change)
        self.fork_requested.emit(change)

    @Slot()
    def remove_selected(self):
        row = self.runs_list.currentRow()
        if 0 <= row < len(self._forks):
            self._window.worker.remove_fork(self._forks[row].key)

    @Slot()
    def remove_all(self):
        self._window.worker.clear_forks()

    # --- what comes back ------------------------------------------------------------

    @Slot(object)
    def show_snapshot(self, snapshot):
        report = snapshot.forks
        forks = report.forks if report is not None else ()
        if report is not None and report.refusal:
            self.message.show_message(report.refusal)
            self.answer.clear()
        elif report is not None and report.message:
            self.message.clear_message()
            self.answer.setText(report.message)
        lines = [run_line(fork) for fork in forks]
        if lines != [self.runs_list.item(i).text() for i in range(self.runs_list.count())]:
            row = self.runs_list.currentRow()
            self.runs_list.clear()
            for line in lines:
                QListWidgetItem(line, self.runs_list)
            if lines:
                self.runs_list.setCurrentRow(min(max(row, 0), len(lines) - 1))
        self._forks = forks
        if self.isVisible():
            self._show_hint()

    @Slot()
    def _setting_chosen(self, *args):
        setting = self.setting()
        names = choices(setting)
        self.choice_box.clear()
        short = ACTIVATION_SHORT if setting == ACTIVATION else INIT_SHORT
        for name in names:
            self.choice_box.addItem(short.get(name, name), name)
        field = self.choice_box if names else self.value_edit
        self.value_stack.setCurrentWidget(field)
        self.value_label.setBuddy(field)
        self.value_edit.clear()
        self.message.clear_message()
        self._show_hint()

    def _show_hint(self):
        setting = self.setting()
        now = self._main_value(setting)
        now_text = f"The main run has {change_label(setting, now)}. " if now is not None else ""
        self.hint.setText(f"{now_text}Allowed: {ALLOWED[setting]}.")

    def _main_value(self, setting):
        latest, session = self._window.controller.latest, self._window.controller.session
        if setting == INIT:
            return self._window.model_panel.current_model().init
        if latest is None:
            return None
        if setting == ACTIVATION:
            hidden = set(session.activations[:-1])
            return hidden.pop() if len(hidden) == 1 else None
        return {LEARNING_RATE: latest.learning_rate, L2: latest.l2,
                BATCH_SIZE: latest.batch_size}[setting]
