"""The cost J(β0, β1) of a two-parameter model (one feature, one sigmoid unit) as a
heatmap with contour lines, the path gradient descent takes over it drawn live, the
current point and the step it is about to take; and full batch, mini-batch and
stochastic gradient descent overlaid from one start (the seed's basic versus stochastic).

The surface and the comparison are computed on a thread pool of the view's own (never on
the GUI thread, never on the training worker's), and the surface only when the region
changes: the region grows, with room to spare, when the path leaves it.
"""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from engine.batch_mode_comparison import MAX_UPDATES, compare_batch_modes
from engine.dataset import Dataset
from engine.loss_surface import costs_at, full_batch_gradient, grown_region
from engine.parameter_blocks import parameter_count
from gui import theme
from gui.plots.background_job import BackgroundJob, JobRunner
from gui.plots.mode_paths import ModePaths
from gui.plots.surface_picture import make_surface_picture
from gui.view import View

PATH_COLOUR = "#ffffff"
POINT_COLOUR = theme.VERMILLION   # stands out on viridis, for colour-blind eyes too
STEP_COLOUR = theme.VERMILLION
MARKED_POINTS = 2000      # the newest this many updates get a dot each (drawn_path: the line)
KEPT_POINTS = 200_000     # the view thins its older points beyond this many
STEP_SHARE = 0.15         # the drawn step is this share of the region's shorter side
COMPARE_EPOCHS = 20       # examples seen by default: this many epochs of the training set
NO_MODEL_TEXT = (
    "The loss surface needs a model with exactly two parameters, β0 (= b) and β1 (= w): "
    "one feature and one sigmoid unit (logistic regression). Choose the data set Line "
    "and remove the hidden layers, or start with --dataset line --layers auto,1. This "
    "model has {count} parameters.")


def drawn_path(points):
    """The path's line: the newest MARKED_POINTS points all, the older ones evenly
    thinned to as many (a frame stays cheap however long the run; they lie where the
    path has long converged or are a stretch it crossed early)."""
    older = len(points) - MARKED_POINTS
    if older <= MARKED_POINTS:
        return points
    stride = -(-older // MARKED_POINTS)
    return np.vstack([points[:older:stride], points[older:]])


class LossSurfaceView(QWidget, View):

    def __init__(self, parent=None):
        super().__init__(parent)
        self._runner = JobRunner(self)
        self._runner.finished.connect(self._job_finished)
        self._runner.failed.connect(self._job_failed)
        self._jobs = 0
        self._surface_job = self._compare_job = None
        self.last_job = None

        self.plot_widget = pg.PlotWidget()
        plot = self.plot = self.plot_widget.getPlotItem()
        theme.style_plot(plot, "J(β0, β1) and the descent's path", "β0 (= b)", "β1 (= w)")
        plot.setMenuEnabled(False)
        for side in ("bottom", "left"):   # β0 in plain numbers, not "x0.001"
            plot.getAxis(side).enableAutoSIPrefix(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        plot.addItem(self.image)
        self.colour_bar = pg.ColorBarItem(values=(0, 1), colorMap=pg.colormap.get("viridis"),
                                          interactive=False, label="J")
        self.colour_bar.setImageItem(self.image, insert_in=plot)
        self.contours = pg.PlotDataItem(pen=pg.mkPen(255, 255, 255, 110, width=1),
                                        connect="finite")
        self.contours.setZValue(-5)
        plot.addItem(self.contours)
        theme.cache_static(self.image, self.contours)   # redrawn only when they change
        self.path_line = pg.PlotDataItem(pen=pg.mkPen(PATH_COLOUR, width=1))
        self.path_dots = pg.ScatterPlotItem(size=4, pen=None, brush=pg.mkBrush(PATH_COLOUR))
        self.step_line = pg.PlotDataItem(pen=pg.mkPen(STEP_COLOUR, width=2.5))
        self.step_head = pg.ArrowItem(headLen=14, tipAngle=35, brush=STEP_COLOUR,
                                      pen=pg.mkPen(STEP_COLOUR))
        self.current = pg.ScatterPlotItem(size=13, symbol="o", pen=pg.mkPen("k", width=1.5),
                                          brush=pg.mkBrush(POINT_COLOUR))
        for z, item in enumerate((self.path_line, self.path_dots, self.step_line,
                                  self.step_head, self.current)):
            item.setZValue(20 + z)     # above the comparison's paths
            plot.addItem(item)
        self.mode_paths = ModePaths(plot)

        self.readout = QLabel()
        self.readout.setWordWrap(True)
        self.compare_button = QPushButton("Compare batch modes")
        self.compare_button.setToolTip(
            "Run full batch, mini-batch and stochastic gradient descent from this run's start "
            "with the same learning rate, each for the same number of examples seen, and draw "
            "the three paths on the surface.")
        self.compare_button.clicked.connect(self._compare)
        self.examples_box = QSpinBox()
        self.examples_box.setRange(1, MAX_UPDATES)
        self.examples_box.setSuffix(" examples seen")
        self.compare_status = QLabel()
        self.compare_status.setWordWrap(True)
        controls = QHBoxLayout()
        controls.addWidget(self.compare_button)
        controls.addWidget(self.examples_box)
        controls.addWidget(self.compare_status, 1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.surface_page = QWidget()
        page = QVBoxLayout(self.surface_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.plot_widget, 1)
        page.addWidget(self.readout)
        page.addLayout(controls)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.surface_page)
        self.pages.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.pages)

        self.session = None
        self._clear()

    # --- the View contract ----------------------------------------------------------

    def set_session(self, session):
        self.session = session
        self._clear()
        count = parameter_count(session.layer_sizes)
        self.active = count == 2 and session.X_train.shape[0] == 1
        if not self.active:
            self.message.setText(NO_MODEL_TEXT.format(count=count))
            self.pages.setCurrentWidget(self.message)
            return
        self.pages.setCurrentWidget(self.surface_page)
        m = session.X_train.shape[1]
        self.examples_box.setRange(m, max(m, MAX_UPDATES))
        self.examples_box.setValue(min(COMPARE_EPOCHS * m, MAX_UPDATES))

    def show_snapshot(self, snapshot, history) -> bool:
        if not self.active:   # the message is all it shows: new once a session
            first, self._last_snapshot = self._last_snapshot is None, snapshot
            return first
        if snapshot is self._last_snapshot:
            return False
        self._last_snapshot = snapshot
        self._take_path(snapshot)
        if not self._count:
            return False
        self._learning_rate, self._l2 = snapshot.learning_rate, snapshot.l2
        points = self._points[:self._count]
        # The region never shrinks and held every point before: only the new ones matter.
        self._set_region(grown_region(self.region, snapshot.new_path if self.region else points))
        line = drawn_path(points)
        self.path_line.setData(line[:, 0], line[:, 1])
        newest = points[-MARKED_POINTS:]
        self.path_dots.setData(newest[:, 0], newest[:, 1])
        b, w = points[-1]
        self.current.setData([b], [w])
        self._draw_step(b, w, snapshot)
        return True

    # --- the path ---------------------------------------------------------------------

    def _clear(self):
        self._jobs += 1            # results of jobs started before are ignored
        self._surface_job = self._compare_job = None
        self.active = False
        self._last_snapshot = None
        self._points = np.empty((1024, 2))
        self._updates = np.empty(1024, dtype=np.int64)
        self._count = 0
        self.region = None
        self.picture = None
        self._learning_rate, self._l2 = 0.0, 0.0
        self.image.clear()
        self.image.setVisible(False)
        for item in (self.path_line, self.contours, self.step_line):
            item.setData([], [])
        self.path_dots.setData([], [])
        self.current.setData([], [])
        self.step_head.setVisible(False)
        self.mode_paths.clear()
        self.readout.setText("")
        self.compare_status.setText("")
        self.compare_button.setEnabled(True)

    def _take_path(self, snapshot):
        """Drop the points of updates stepped back (or rolled back), then add the new."""
        new = snapshot.new_path
        first_new = snapshot.update - len(new) + 1
        self._count = int(np.searchsorted(self._updates[:self._count], first_new))
        end = self._count + len(new)
        if end > len(self._points):
            size = max(end, 2 * len(self._points))
            self._points = np.resize(self._points, (size, 2))
            self._updates = np.resize(self._updates, size)
        self._points[self._count:end] = new
        self._updates[self._count:end] = np.arange(first_new, snapshot.update + 1)
        self._count = end
        if end > KEPT_POINTS:
            self._thin_older()

    def _thin_older(self):
        """Every other point of all but the newest MARKED_POINTS (far more than one can
        step back), so the view's memory stays bounded; each keeps its update number."""
        older = self._count - MARKED_POINTS
        keep = np.concatenate([np.arange(0, older, 2), np.arange(older, self._count)])
        self._count = len(keep)
        self._points[:self._count] = self._points[keep]
        self._updates[:self._count] = self._updates[keep]

    def path_points(self):
        """The path as drawn: (updates (k,), points (k, 2) [β0 β1]), copies."""
        return self._updates[:self._count].copy(), self._points[:self._count].copy()

    def _draw_step(self, b, w, snapshot):
        """The step −α∇J at the current point (the full-batch gradient), scaled to show."""
        session = self.session
        db, dw = full_batch_gradient(session.X_train, session.Y_train, b, w, snapshot.l2)
        step = -snapshot.learning_rate * np.array([db, dw])
        length = float(np.hypot(*step))
        region = self.region
        side = min(region.b_max - region.b_min, region.w_max - region.w_min)
        J = self._cost_here(b, w)
        text = f"update {snapshot.update}: β0 = {b:.4g}, β1 = {w:.4g}, J = {J:.5g}."
        if length > 0 and np.isfinite(length):
            scale = STEP_SHARE * side / length
            tip = np.array([b, w]) + scale * step
            self.step_line.setData([b, tip[0]], [w, tip[1]])
            self.step_head.setPos(*tip)
            # ArrowItem's angle is in screen degrees, its tip pointing the other way at 0.
            view = self.plot.getViewBox()
            p0 = view.mapViewToDevice(pg.Point(b, w))
            p1 = view.mapViewToDevice(pg.Point(*tip))
            if p0 is not None and p1 is not None:
                angle = np.degrees(np.arctan2(p1.y() - p0.y(), p1.x() - p0.x()))
                self.step_head.setStyle(angle=180 + angle)
            self.step_head.setVisible(True)
            text += (f" Orange arrow: the next full-batch step −α∇J = ({step[0]:.3g}, "
                     f"{step[1]:.3g}), drawn {scale:.3g} times longer.")
        else:
            self.step_line.setData([], [])
            self.step_head.setVisible(False)
        self.readout.setText(text)

    def _cost_here(self, b, w):
        return float(costs_at(self.session.X_train, self.session.Y_train, [[b, w]],
                              self._l2)[0])

    # --- the surface, off the GUI thread ------------------------------------------------

    def _set_region(self, region):
        if region is self.region:
            return
        self.region = region
        theme.set_view_range(self.plot.getViewBox(), (region.b_min, region.b_max),
                             (region.w_min, region.w_max))
        self._jobs += 1
        self._surface_job = self._jobs
        self._start(self._surface_job, make_surface_picture, self.session.X_train,
                    self.session.Y_train, region, self._l2)

    def _start(self, number, function, *args):
        self.last_job = BackgroundJob(number, function, *args)
        self._runner.start(self.last_job)

    def _job_finished(self, number, result):
        if number == self._surface_job:
            self._show_picture(result)
        elif number == self._compare_job:
            self._show_comparison(result)

    def _job_failed(self, number, message):
        if number == self._compare_job:
            self.compare_status.setText(f"The comparison could not run: {message}")
            self.compare_button.setEnabled(True)
        elif number == self._surface_job:
            self.readout.setText(f"The surface could not be computed: {message}")

    def _show_picture(self, picture):
        self.picture = picture
        region, r = picture.region, picture.J.shape[0]
        cell_b = (region.b_max - region.b_min) / (r - 1)
        cell_w = (region.w_max - region.w_min) / (r - 1)
        self.image.setImage(picture.J, autoLevels=False)
        # Sample (i, j) is at the centre of its pixel: the picture reaches half a cell out.
        self.image.setRect(QRectF(region.b_min - cell_b / 2, region.w_min - cell_w / 2,
                                  region.b_max - region.b_min + cell_b,
                                  region.w_max - region.w_min + cell_w))
        self.colour_bar.setLevels(picture.levels)
        self.image.setVisible(True)
        self.contours.setData(picture.contours[:, 0], picture.contours[:, 1])

    def surface_ready(self):
        """True when the picture shown is the one for the region in view."""
        return self.picture is not None and self.picture.region is self.region

    # --- basic versus stochastic ----------------------------------------------------------

    def _compare(self):
        if not self.active or not self._count:
            self.compare_status.setText("Start training (or step once) first: the comparison "
                                        "starts where this run started.")
            return
        session = self.session
        data = Dataset("comparison", session.X_train, session.Y_train, session.X_test,
                       session.Y_test, session.feature_names, None, np.zeros((1, 1)),
                       np.ones((1, 1)))
        b0, w0 = self._points[0] if self._updates[0] == 0 else (np.nan, np.nan)
        if not np.isfinite(b0):
            self.compare_status.setText("This run's start is no longer kept; press R to "
                                        "start again, then compare.")
            return
        self._jobs += 1
        self._compare_job = self._jobs
        self.compare_button.setEnabled(False)
        self.compare_status.setText("Running the three batch modes…")
        self._start(self._compare_job, compare_batch_modes, data, np.array([w0, b0]),
                    self._learning_rate, self.examples_box.value(), self._l2)

    def _show_comparison(self, runs):
        self.compare_button.setEnabled(True)
        self.mode_paths.show(runs)
        seen = self.examples_box.value()
        self.compare_status.setText(
            f"From this run's start, learning rate {self._learning_rate:g}, {seen} examples "
            f"seen each.")
        everything = np.vstack([self._points[:self._count]] + [r.path for r in runs])
        self._set_region(grown_region(self.region, everything))

    def closeEvent(self, event):
        self._runner.clear()
        super().closeEvent(event)
