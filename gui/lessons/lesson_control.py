"""The main window's side of the lessons: the Lessons menu (Ctrl+L) on the tool bar, the
lesson dock along the bottom, and applying a lesson or one of its steps.

Choosing a lesson puts its settings in the panels by the path the command-line start
takes (MainWindow._show_start, then rebuild). The lesson files are read again each time
the menu opens, so an edited file shows at once; a file that cannot be used is named
with its problem in the window's message bar, and the other lessons still load."""
from functools import partial

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMenu, QToolButton

from engine.config import ConfigError
from engine.errors import DatasetError
from engine.lessons.library import Library, bundled_lessons, lessons_from_files

from ..window_layouts import STEP, TRAIN
from .claim_check import ClaimCheck
from .lesson_panel import CHECK_LETTER, LessonPanel, step_text
from .lesson_start import lesson_start

MENU_KEY = "Ctrl+L"
DOCK_SHARE = 0.30   # of the window's height, for the lesson dock when it first shows


class LessonControl(QObject):
    """Adds the Lessons menu to `tool_bar` of `window` (a MainWindow)."""

    def __init__(self, window, tool_bar):
        super().__init__(window)
        self._window = window
        self.library = Library((), ())
        self.own_files = []       # lesson files opened with Open lesson file…
        self.lesson = None
        self.dock = None          # made when the first lesson is chosen
        self.panel = None
        self.claim_check = ClaimCheck(self)
        self.claim_check.finished.connect(self._show_claim)
        self.menu = QMenu("Lessons", window)
        self.menu.aboutToShow.connect(self.reload)
        self.button = QToolButton()
        self.button.setText("Lessons")
        self.button.setMenu(self.menu)
        self.button.setPopupMode(QToolButton.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.button.setToolTip(f"Set up a classic experiment, with its explanation and "
                               f"steps ({MENU_KEY}, then a lesson's digit or a step's "
                               f"letter)")
        tool_bar.addWidget(self.button)
        # A QShortcut, not an action: the key sheet (F1) is full at 1366x768, where one
        # more row would take it below 12 pt; the button's tooltip names the key.
        self.menu_key = QShortcut(QKeySequence(MENU_KEY), window)
        self.menu_key.activated.connect(self.open_menu)

    # --- the menu -------------------------------------------------------------------

    @Slot()
    def open_menu(self):
        self.button.showMenu()

    @Slot()
    def reload(self):
        """Read the lesson files again and rebuild the menu; problems go to the banner."""
        shipped = bundled_lessons()
        own = lessons_from_files(self.own_files) if self.own_files else Library((), ())
        self.library = Library(shipped.lessons + own.lessons, shipped.problems + own.problems)
        self.menu.clear()
        for number, lesson in enumerate(self.library.lessons, start=1):
            mnemonic = f"&{number % 10}" if number <= 10 else f"{number}"
            action = self.menu.addAction(f"{mnemonic}  {lesson.title}")
            action.setData(lesson.id)
            action.triggered.connect(self._menu_chose)
        if self.lesson is not None and self.lesson.steps:
            self.menu.addSection(f"Steps of “{self.lesson.title}”")
            for index, step in enumerate(self.lesson.steps):
                action = self.menu.addAction(f"&{step_text(index, step)}")
                action.setData(index)
                action.triggered.connect(self._menu_step)
        if self.lesson is not None:
            self.menu.addAction(f"&{CHECK_LETTER}. Check the lesson's claim").triggered.connect(
                self.check_claim)
        for problem in self.library.problems:
            action = self.menu.addAction(f"Skipped {problem}")
            action.setEnabled(False)
        self.menu.addSeparator()
        self.menu.addAction("&Open lesson file…").triggered.connect(self.open_file)
        if self.library.problems:
            self._window._show_problem("\n".join(f"Lesson skipped: {problem}"
                                                 for problem in self.library.problems))

    @Slot()
    def _menu_chose(self):
        self.choose(self.library.find(self.sender().data()))

    @Slot()
    def _menu_step(self):
        self.apply_step(self.sender().data())

    @Slot()
    def open_file(self):
        path, _ = QFileDialog.getOpenFileName(self._window, "Open a lesson file", "",
                                              "Lesson files (*.json);;All files (*)")
        if path:
            self.open_path(path)

    def open_path(self, path):
        """Load the lesson file `path` and choose its lesson; a problem goes to the banner.
        Returns whether it loaded."""
        library = lessons_from_files([path])
        if library.problems:
            self._window._show_problem(f"Lesson skipped: {library.problems[0]}")
            return False
        if path not in self.own_files:
            self.own_files.append(path)
        self.choose(library.lessons[0])
        return True

    # --- applying -----------------------------------------------------------------------

    def choose(self, lesson):
        """Put `lesson`'s settings in the panels, start again, and show its panel."""
        if not self._apply_settings(lesson.settings):
            return
        self.claim_check.cancel()
        self.lesson = lesson
        self._show_panel()
        self.panel.show_lesson(lesson)

    @Slot()
    def check_claim(self):
        """Check the current lesson's claim on a thread; the panel shows the figures."""
        if self.lesson is not None:
            self.panel.show_claim("Checking: training the claim's runs…")
            self.claim_check.check(self.lesson)

    @Slot(object, str, bool)
    def _show_claim(self, lesson, text, passed):
        if lesson is self.lesson:
            self.panel.show_claim(text, passed)

    def apply_step(self, index):
        """Apply step `index` of the current lesson; the one after it becomes the next."""
        if self.lesson is None or not 0 <= index < len(self.lesson.steps):
            return
        step = self.lesson.steps[index]
        if step.changes:
            if not self._apply_settings(self.lesson.settings_after(index)):
                return
        else:
            self._do(step.action)
        self.panel.mark_next(index + 1)

    def _apply_settings(self, settings):
        window = self._window
        try:
            start = lesson_start(settings)
        except (ConfigError, DatasetError) as error:
            window._show_problem(f"This lesson cannot start: {error}")
            return False
        self._pause()
        window._show_start(start)
        window.rebuild()
        return True

    def action_handlers(self):
        """{action: what runs it} for every key of engine.lessons.lesson.STEP_ACTIONS."""
        w = self._window
        return {
            "play": self._play, "pause": self._pause, "reset": w.reset,
            "step_phase": w.step_phase, "step_update": w.step_update,
            "step_epoch": w.step_epoch, "step_layout": partial(w.show_layout, STEP),
            "train_layout": partial(w.show_layout, TRAIN),
            "show_loss_surface": self._show_loss_surface, "open_graph": w.graph_control.open,
        }

    def _do(self, action):
        self.action_handlers()[action]()

    def _play(self):
        if not self._window.controller.playing:
            self._window.toggle_play()

    def _pause(self):
        if self._window.controller.playing:
            self._window.worker.pause()

    def _show_loss_surface(self):
        dock = self._window.view_docks["Loss surface"]
        dock.show()
        dock.raise_()

    def _show_panel(self):
        if self.dock is None:
            window = self._window
            self.panel = LessonPanel()
            self.panel.step_chosen.connect(self.apply_step)
            self.panel.check_requested.connect(self.check_claim)
            self.dock = QDockWidget("Lesson", window)
            self.dock.setObjectName("lesson")
            self.dock.setWidget(self.panel)
            window.addDockWidget(Qt.BottomDockWidgetArea, self.dock)
            # Once the new dock has been laid out, or the views keep all the height.
            QTimer.singleShot(0, self._size_dock)
            window.presenter.fit_lesson_dock()   # a strip, if presenting already
        self.dock.show()
        self.dock.raise_()

    @Slot()
    def _size_dock(self):
        window = self._window
        window.resizeDocks([self.dock], [int(window.height() * DOCK_SHARE)], Qt.Vertical)
