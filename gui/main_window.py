"""The Backprop Lab window: controls on the left, live views in docks, the worker thread."""
from PySide6.QtCore import QEvent, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from engine.config import ConfigError, make_model_config, make_train_config

from .compare_control import CompareControl
from .controller import TrainingController
from .field_keys import install_field_keys
from .gradcheck_control import GradientCheckControl
from .graph_control import GraphControl
from .key_sheet import VIEW, KeySheet, set_key_group
from .lessons.lesson_control import LessonControl
from .panels.data_panel import DataPanel, DataState
from .panels.model_panel import ModelPanel
from .panels.training_panel import TrainingPanel
from .phase_play_control import PhasePlayControl
from .plots.boundary_plot import BoundaryPlot
from .plots.cost_plot import CostPlot
from .plots.gradient_plot import GradientPlot
from .plots.loss_surface_view import LossSurfaceView
from .plots.network_diagram import NetworkDiagram
from .plots.sigmoid_plot import SigmoidPlot
from .presenter_mode import PresenterMode
from .status_line import format_status
from .stepper.step_view import StepView
from .undo_control import UndoControl
from .view_large import ViewLarge
from .window_layouts import STEP, TRAIN, WindowLayouts
from .worker_thread import WorkerThread
from .zoom import Zoom
from .zoom_styler import ZoomStyler

# How long quitting waits for the worker to stop. It stops between two updates, so it
# normally takes milliseconds; only one very long NumPy call (a full-batch update or a
# snapshot of a huge model) can make it miss this, and then gui/app.py ends the process.
QUIT_WAIT_MS = 1000

# The views: (title, widget class, highest paint rate in Hz); gui/window_layouts.py
# arranges their docks.
VIEWS = (
    ("Cost", CostPlot, 30), ("Decision boundary", BoundaryPlot, 15),
    ("Sigmoid outputs", SigmoidPlot, 10), ("Gradient magnitudes", GradientPlot, 15),
    ("Network", NetworkDiagram, 10), ("Step through", StepView, 10),
    ("Loss surface", LossSurfaceView, 15),
)
# No view is squeezed below this (width, height) at 1366x768 or larger.
MIN_VIEW_SIZE = (240, 170)
# The controls dock grows at most this much wider than it needs: spare width goes to
# the views.
CONTROLS_SLACK = 40


class MainWindow(QMainWindow):
    """Owns the worker thread; closing the window stops and joins it."""

    def __init__(self, start=None):
        """start: the StartSettings (gui/start_options.py) to open with, or the defaults."""
        super().__init__()
        self.setWindowTitle("Backprop Lab")
        self.controller = TrainingController(self)
        self.views = {}
        self._build_controls()
        self._build_views()
        self._build_actions()
        self.zoom = Zoom(parent=self)     # Ctrl+= Ctrl+- Ctrl+0
        self.zoom.add_actions(self)
        self.view_large = ViewLarge(self)      # F, Ctrl+1..7
        self.presenter = PresenterMode(self)   # F5
        self.key_sheet = KeySheet(self)   # F1 or ?
        install_field_keys(self)          # the window's keys work with the focus in a field
        self._build_banner()
        # The status line changes every frame; a status bar message (unlike a label in
        # it) repaints without re-laying out, and so repainting, the whole window.
        self.status = self.statusBar()
        self.status.setSizeGripEnabled(False)
        self.controller.add_status_listener(self._show_status)
        self.controller.diverged.connect(self._show_problem)
        self.controller.failed.connect(self._show_problem)
        self.controller.playing_changed.connect(self._show_playing)
        self.controller.progress_changed.connect(self._show_progress)
        self._last_long_ticket = 0   # of the newest long command sent to the worker
        self._worker_stopped = None  # set by shut_down
        # Started last, so that a window that failed to build leaves no thread running.
        self.worker_thread = WorkerThread(self.controller)
        self.worker = self.worker_thread.worker
        if start is not None:
            self._show_start(start)
        self.rebuild()
        self.zoom_styler = ZoomStyler(self, self.zoom)
        self.zoom.changed.connect(self._zoomed)
        self._fit_controls_width()

    # --- the worker thread -------------------------------------------------------

    def shut_down(self):
        """Stop the data loader and the worker and wait for the worker's thread, at most
        QUIT_WAIT_MS; safe to call more than once. Returns whether the thread has ended."""
        if self._worker_stopped is None:
            self.data_panel.shut_down()
            self._worker_stopped = self.worker_thread.stop(QUIT_WAIT_MS)
            self.controller.stop()
        return self._worker_stopped or self.worker_thread.thread.isFinished()

    def event(self, event):
        # Every widget of the window is painted while this event is handled.
        if event.type() == QEvent.UpdateRequest:
            with self.controller.paint_gate.painting():
                return super().event(event)
        return super().event(event)

    def open_at(self, geometry):
        """Show the window at QRect `geometry`. Before its first show, the docks' minimum
        sizes can add up to more than they do once laid out (the Step layout's, to more
        than a 768 px screen), so the geometry is applied again once it is shown."""
        self._wanted_geometry = geometry
        self.setGeometry(geometry)
        self.show()
        QTimer.singleShot(0, self._apply_wanted_geometry)

    @Slot()
    def _apply_wanted_geometry(self):
        if self.geometry() != self._wanted_geometry:
            self.setGeometry(self._wanted_geometry)

    def closeEvent(self, event):
        self.shut_down()
        super().closeEvent(event)

    # --- layout ------------------------------------------------------------------

    def _build_controls(self):
        self.data_panel = DataPanel()
        self.model_panel = ModelPanel()
        self.training_panel = TrainingPanel()
        box = QWidget()
        layout = QVBoxLayout(box)
        for panel in (self.data_panel, self.model_panel, self.training_panel):
            layout.addWidget(panel)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(box)
        scroll.setWidgetResizable(True)
        self._controls_scroll = scroll
        self._fit_controls_width()
        dock = QDockWidget("Controls", self)
        dock.setObjectName("controls")
        dock.setWidget(scroll)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        self.controls_dock = dock
        self.data_panel.dataset_changed.connect(self._on_dataset_changed)
        self.data_panel.set_dataset_check(self._configs)
        self.model_panel.model_changed.connect(self.rebuild)
        t = self.training_panel
        t.learning_rate_changed.connect(self._send_learning_rate)
        t.l2_changed.connect(self._send_l2)
        t.batch_size_changed.connect(self._send_batch_size)
        t.speed_changed.connect(self._send_speed)

    @Slot(float)
    def _zoomed(self, _level):
        # Once the panels have been laid out again in their new fonts.
        QTimer.singleShot(0, self._fit_controls_width)

    @Slot()
    def _fit_controls_width(self):
        """As wide as the panels need (at the zoom there is), and CONTROLS_SLACK more."""
        scroll = self._controls_scroll
        scroll.setMinimumWidth(scroll.widget().sizeHint().width() + 24)
        scroll.setMaximumWidth(scroll.minimumWidth() + CONTROLS_SLACK)

    def _build_views(self):
        self.setDockNestingEnabled(True)
        self.view_docks = {title: self._view_dock(title, cls, max_hz)
                           for title, cls, max_hz in VIEWS}
        # The views are the whole window; an empty, hidden centre lets the docks fill it.
        self.setCentralWidget(QWidget())
        self.centralWidget().hide()
        for title in ("Decision boundary", "Sigmoid outputs"):
            self.views[title].example_picked.connect(self.select_example)
        self.views["Step through"].example_requested.connect(self.select_example)
        self.views["Network"].unit_picked.connect(self.show_unit)
        self.layouts = WindowLayouts(self, self.controls_dock, self.view_docks)
        self.layouts.switch_to(TRAIN)

    def _view_dock(self, title, cls, max_hz):
        widget = cls()
        widget.setMinimumSize(*MIN_VIEW_SIZE)
        self.views[title] = widget
        dock = QDockWidget(title, self)
        dock.setObjectName(title)
        dock.setWidget(widget)
        self.controller.add_view(widget, max_hz=max_hz)
        return dock

    def _build_actions(self):
        bar = QToolBar("Training")
        bar.setObjectName("training")
        bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.addToolBar(Qt.TopToolBarArea, bar)
        self.play_action = self._action(bar, "Play", ["Space"], self.toggle_play,
                                        "Train continuously; press again to pause (Space)")
        self.phase_play = PhasePlayControl(self, bar)   # P, with its pace
        self._action(bar, "Step phase", ["Shift+Right", "."], self.step_phase,
                     "Run one phase: a layer forward, the cost, a layer backward or the "
                     "update (Shift+Right or .)")
        self._action(bar, "Step update", ["Right", "N"], self.step_update,
                     "Run the rest of this update, or one whole update (Right or N)")
        self._action(bar, "Back phase", ["Left"], self.step_back_phase,
                     "Undo the last phase, back across updates too (Left)")
        self._action(bar, "Back update", ["Shift+Left"], self.step_back_update,
                     "Back to the start of this update, or of the one before (Shift+Left)")
        self._action(bar, "Step epoch", ["E"], self.step_epoch,
                     "Run updates until every training example has been used once (E)")
        self._action(bar, "Reset", ["R"], self.reset,
                     "Back to the initial weights of this seed; the same seed gives the same "
                     "start (R)")
        self.layout_action = self._action(
            bar, "Step layout", ["L"], self.toggle_layout,
            "Switch between the Train layout (every view) and the Step layout (the stepper "
            "large) (L)")
        self.layout_action.setCheckable(True)
        set_key_group(self.layout_action, VIEW)
        stop_action = QAction("Stop", self)
        stop_action.setShortcut(QKeySequence(Qt.Key_Escape))
        stop_action.setToolTip("Stop a step epoch and pause; first back from F or F5 (Esc)")
        stop_action.triggered.connect(self.stop_training)
        self.addAction(stop_action)
        self.undo_control = UndoControl(self, bar)
        self.gradient_check = GradientCheckControl(self, bar)
        self.graph_control = GraphControl(self, bar)
        self.lessons = LessonControl(self, bar)
        self.compare_control = CompareControl(self, bar)
        quit_action = QAction("Quit", self)
        # Ctrl+Q even where the platform binds nothing to the standard Quit key (offscreen).
        keys = [QKeySequence("Ctrl+Q")] + QKeySequence.keyBindings(QKeySequence.Quit)
        quit_action.setShortcuts(list({key.toString(): key for key in keys}.values()))
        quit_action.setShortcutContext(Qt.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)

    def _action(self, bar, text, keys, slot, tip):
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setToolTip(tip)
        action.triggered.connect(slot)
        bar.addAction(action)
        return action

    def _build_banner(self):
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel { background: #fdecea; color: #8a1c1c; padding: 8px; font-weight: bold; }")
        bar = QToolBar("Messages")
        bar.setObjectName("messages")
        bar.setMovable(False)
        # A widget in a tool bar is shown and hidden through its action.
        self.banner_action = bar.addWidget(self.banner)
        self.addToolBarBreak(Qt.TopToolBarArea)
        self.addToolBar(Qt.TopToolBarArea, bar)
        bar.hide()
        self.banner_bar = bar

    def _show_start(self, start):
        """Put StartSettings in the panels, emitting nothing: rebuild() reads them."""
        self.data_panel.restore(DataState(start.data, start.dataset, None))
        self.model_panel.show_model(start.model)
        training = self.training_panel
        training.set_train_size(start.dataset.m_train)
        training.set_learning_rate(start.learning_rate)
        training.set_l2(start.l2)
        training.set_batch_size(start.batch_size)

    # --- commands ------------------------------------------------------------------

    def long_command_running(self):
        """Whether a step epoch (or another long command) sent from here has not ended."""
        return self.controller.finished_through() < self._last_long_ticket

    @Slot()
    def stop_training(self):
        """Escape: stop a long command between two updates, or pause. With one view large
        or in presenter mode it first goes back from those, and stops a step epoch but
        lets training that plays carry on (the lecturer only wanted the layout back)."""
        self.worker.interrupt()
        if self.view_large.active:
            self.view_large.restore()
        elif self.presenter.active:
            self.presenter.leave()
        elif self.controller.playing:
            self.worker.pause()

    @Slot()
    def toggle_play(self):
        if self.long_command_running():
            self.worker.interrupt()
        elif self.controller.playing:
            self.worker.pause()
        else:
            self._clear_problem()
            self.worker.play()

    @Slot()
    def step_phase(self):
        self.worker.step_phase()

    @Slot()
    def step_update(self):
        self.worker.step_update()

    @Slot()
    def step_back_phase(self):
        self.worker.step_back_phase()

    @Slot()
    def step_back_update(self):
        self.worker.step_back_update()

    @Slot(int)
    def select_example(self, index):
        """Follow training example `index` in every view and in the stepper."""
        self.worker.select_example(index)

    @Slot(int, int)
    def show_unit(self, layer, unit):
        """A unit clicked in the network: its picture (or, for the output, the decision
        boundary) in the decision-boundary view, brought to the front."""
        self.views["Decision boundary"].show_unit(layer, unit)
        self.view_docks["Decision boundary"].raise_()

    @Slot()
    def toggle_layout(self):
        self.show_layout(self.layouts.other())

    def show_layout(self, name):
        """Switch to layout TRAIN or STEP (gui/window_layouts.py)."""
        self.view_large.restore()
        self.layouts.switch_to(name)
        self.layout_action.setChecked(name == STEP)

    @Slot()
    def step_epoch(self):
        self._last_long_ticket = self.worker.step_epoch()

    @Slot()
    def reset(self):
        self._clear_problem()
        self.worker.reset()

    @Slot(object)
    def _on_dataset_changed(self, dataset):
        self.rebuild()

    def _configs(self, dataset):
        """(ModelConfig, TrainConfig) for ``dataset`` and the panels; raises ConfigError.

        The data panel asks this before new data replaces the data in use, so data the
        model would refuse never replaces the session that is running."""
        model = self.model_panel.current_model()
        values = self.training_panel.values()
        model_config = make_model_config(
            (dataset.n_x,) + tuple(model.hidden_sizes) + (1,), model.activations,
            model.init, model.seed)
        return model_config, make_train_config(values.learning_rate, values.l2,
                                               values.batch_size)

    @Slot()
    def rebuild(self, *_):
        """New weights for the data, architecture and settings the panels show now."""
        dataset = self.data_panel.current_dataset()
        try:
            self._configs(dataset)
        except ConfigError as error:
            self._show_problem(str(error))
            return
        self.model_panel.set_input_size(dataset.n_x)
        self.training_panel.set_train_size(dataset.m_train)
        model_config, train_config = self._configs(dataset)   # the batch size may be capped
        self._clear_problem()
        self.worker.build(dataset, model_config, train_config,
                          self.undo_control.panel_settings())
        self.worker.set_speed(self.training_panel.values().speed)

    @Slot(float)
    def _send_learning_rate(self, value):
        self.worker.set_learning_rate(value)

    @Slot(float)
    def _send_l2(self, value):
        self.worker.set_l2(value)

    @Slot(int)
    def _send_batch_size(self, value):
        self.worker.set_batch_size(value)

    @Slot(float)
    def _send_speed(self, value):
        self.worker.set_speed(value)

    # --- feedback ------------------------------------------------------------------

    @Slot(str)
    def _show_problem(self, message):
        self.banner.setText(message)
        self.banner_action.setVisible(True)
        self.banner_bar.show()

    def _clear_problem(self):
        self.banner_action.setVisible(False)
        self.banner_bar.hide()

    @Slot(bool)
    def _show_playing(self, playing):
        self.play_action.setText("Pause" if playing else "Play")

    def _show_status(self, snapshot):
        self.status.showMessage(format_status(snapshot, self.controller.progress))

    @Slot(object)
    def _show_progress(self, progress):
        if self.controller.latest is not None:
            self.status.showMessage(format_status(self.controller.latest, progress))
