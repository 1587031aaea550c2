"""The GUI-thread side of training: keeps the newest snapshot and paints on a timer.

Worker signals arrive here (this object lives on the GUI thread, so Qt queues them);
the controller re-emits them as its own signals, which tests and widgets can wait on.
Views are painted from a timer, each at its own budgeted rate, and only when visible
and when something new has arrived since their last paint.
"""
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QGraphicsView, QWidget

from .paint_gate import PaintGate
from .training_history import TrainingHistory
from .view import View

FRAME_MS = 33  # the paint timer: about 30 frames per second at most


def shows_something(widget, depth=3):
    """Whether some of `widget` is on screen. Qt leaves the parts covered by opaque
    children out of a widget's visibleRegion, so a view filled by a scroll area has an
    empty one: then its children are asked, down to a scroll area's content, no
    deeper: a view in a tab behind another is asked every frame."""
    if not widget.visibleRegion().isEmpty():
        return True
    return depth > 0 and any(
        child.isVisible() and shows_something(child, depth - 1)
        for child in widget.findChildren(QWidget, options=Qt.FindDirectChildrenOnly))


class PaintedView:
    """A view, how often it may be painted, and when it last was."""

    def __init__(self, widget, max_hz, is_visible):
        self.widget = widget
        self.min_interval = 1.0 / max_hz
        self.is_visible = is_visible
        self.painted_update = None
        self.painted_at = 0.0
        self.painted_snapshot = None
        # A QGraphicsScene (every pyqtgraph plot has one) turns item changes into a
        # widget update only from a queued call; paint() delivers that call at once.
        views = widget.findChildren(QGraphicsView) if isinstance(widget, QWidget) else []
        if isinstance(widget, QGraphicsView):
            views.append(widget)
        self.scenes = tuple({id(v.scene()): v.scene() for v in views}.values())


class TrainingController(QObject):
    """Receives SessionInfo and Snapshots on the GUI thread; paints registered views."""

    session_started = Signal(object)
    snapshot_received = Signal(object)
    frame_painted = Signal(int)       # number of views painted in that frame
    diverged = Signal(str)
    failed = Signal(str)
    playing_changed = Signal(bool)
    progress_changed = Signal(object)  # CommandProgress of a long command
    undo_offer_changed = Signal(object)   # RunOffer (gui/undo.py) or None
    run_restored = Signal(object)         # RunOffer of the run undo brought back
    gradients_checked = Signal(object)    # GradientCheckReport (engine/trainer_gradcheck.py)
    gradient_check_failed = Signal(str)   # why a gradient check has no report

    def __init__(self, parent=None, paint_gate=None):
        super().__init__(parent)
        self.paint_gate = paint_gate or PaintGate()
        self.session = None
        self.latest = None
        self.playing = False
        self.progress = None        # the newest CommandProgress, or None
        self.history = TrainingHistory()
        self.undo_offer = None
        # The histories of sessions the worker may bring back: the one it keeps for undo
        # and the one just replaced (until the worker says whether it kept it).
        self._shelf = {}
        self.frames = 0
        self._views = []
        self._status_listeners = []
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.paint)
        self._timer.start()

    @property
    def views(self):
        """The registered views, in the order they were added."""
        return tuple(view.widget for view in self._views)

    def add_view(self, widget, max_hz=30, is_visible=None):
        """Register a View (gui/view.py), painted at most max_hz times a second and only
        while is_visible() (by default: while some of it is on screen)."""
        if not isinstance(widget, View):
            raise TypeError(f"{type(widget).__name__} is not a View")
        visible = is_visible or (lambda: widget.isVisible() and shows_something(widget))
        self._views.append(PaintedView(widget, max_hz, visible))
        if self.session is not None:
            widget.set_session(self.session)

    def add_status_listener(self, callback):
        """callback(snapshot) runs on every painted frame that has a new snapshot."""
        self._status_listeners.append(callback)

    def stop(self):
        self._timer.stop()

    # --- from the worker -------------------------------------------------------

    @Slot(object)
    def on_session(self, session):
        if self.session is not None:
            self._shelf[id(self.session)] = (self.session, self.history)
        kept = self._shelf.pop(id(session), None)
        self.history = kept[1] if kept else TrainingHistory(len(session.layer_sizes) - 1)
        self.session = session
        self.latest = None
        for view in self._views:
            view.painted_update = None
            view.painted_snapshot = None
            view.widget.set_session(session)
        self.session_started.emit(session)

    @Slot(object)
    def on_snapshot(self, snapshot):
        if self.session is None:
            return
        self.history.add(snapshot)
        self.latest = snapshot
        self.snapshot_received.emit(snapshot)

    @Slot(object)
    def on_undo_offer(self, offer):
        keep = offer.session if offer is not None else None
        self._shelf = {key: entry for key, entry in self._shelf.items() if entry[0] is keep}
        self.undo_offer = offer
        self.undo_offer_changed.emit(offer)

    @Slot(object)
    def on_run_restored(self, offer):
        self.run_restored.emit(offer)

    @Slot(object)
    def on_gradients_checked(self, report):
        self.gradients_checked.emit(report)

    @Slot(str)
    def on_gradient_check_failed(self, message):
        self.gradient_check_failed.emit(message)

    @Slot(str)
    def on_diverged(self, message):
        self.diverged.emit(message)

    @Slot(str)
    def on_failed(self, message):
        self.failed.emit(message)

    @Slot(bool)
    def on_playing_changed(self, playing):
        self.playing = playing
        self.playing_changed.emit(playing)

    @Slot(object)
    def on_progress(self, progress):
        self.progress = progress
        self.progress_changed.emit(progress)

    def finished_through(self):
        """The ticket of the newest long command known to have ended (0 for none);
        the worker runs them in order, so every one before it has ended too."""
        p = self.progress
        return 0 if p is None else p.ticket if p.finished else p.ticket - 1

    # --- painting ----------------------------------------------------------------

    @Slot()
    def paint(self, force=False):
        """Paint the one view that has waited longest for something new.

        Painting is Python holding the GIL, so the training thread stops while it runs;
        one view per frame keeps every frame short (the event loop stays responsive)
        and caps the share of time the views take. The view's new data and Qt's paint
        of it happen here, in one stop of the worker. force paints every view now.
        """
        snapshot = self.latest
        if snapshot is None:
            return
        now = time.perf_counter()
        due = [view for view in self._views
               if view.painted_snapshot is not snapshot and
               (force or (now - view.painted_at >= view.min_interval and view.is_visible()))]
        # The view most overdue relative to its own rate goes first, so faster views
        # (the cost curve) get proportionally more of the frames.
        due.sort(key=lambda view: (view.painted_at - now) / view.min_interval)
        if not due and not force:
            return
        painted = 0
        with self.paint_gate.painting():
            for view in due:
                # A view answers False for "nothing of mine changed": no frame spent.
                changed = view.widget.show_snapshot(snapshot, self.history)
                view.painted_snapshot = snapshot
                for scene in view.scenes:
                    QCoreApplication.sendPostedEvents(scene, QEvent.Type.MetaCall)
                if changed:
                    view.painted_at = now
                    painted += 1
                    if not force:
                        break
            if painted or force:
                for listener in self._status_listeners:
                    listener(snapshot)
                # Qt paints what changed now, still inside the gate, instead of in a later
                # UpdateRequest that would stop the worker a second time this frame.
                QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)
                # Emitted before the gate opens: a signal lets go of the GIL, and once
                # the worker runs again it would keep it for a whole switch interval.
                self.frames += 1
                self.frame_painted.emit(painted)
