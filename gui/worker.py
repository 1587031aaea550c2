"""The training worker: a QObject that lives on its own QThread and owns the Trainer.

It blocks on a command queue whenever it is paused, so one Step is exactly one step,
and while playing it checks the queue between short slices of training. Only frozen,
read-only copies (SessionInfo, Snapshot) and strings leave it, through its signals.
"""
import queue
import sys
import threading
import time
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from engine.snapshot import SnapshotStream, make_session_info
from engine.trainer import Trainer, TrainingDiverged

SNAPSHOT_INTERVAL = 1 / 20  # seconds between snapshots while playing flat out
BOUNDARY_INTERVAL = 1 / 6   # the decision boundary grid is predicted at most this often
SLICE_SECONDS = 0.004       # training between two looks at the command queue


@dataclass(frozen=True)
class Command:
    """One instruction for the worker: kind names it, value carries its argument."""

    kind: str
    value: object = None


class TrainingWorker(QObject):
    """Runs the engine. Talk to it only with send(); hear from it only by its signals."""

    session_ready = Signal(object)    # SessionInfo: a new model or a reset
    snapshot_ready = Signal(object)   # Snapshot
    diverged = Signal(str)            # training paused because the cost blew up
    failed = Signal(str)              # an unexpected error; the worker carries on
    playing_changed = Signal(bool)
    stopped = Signal()

    def __init__(self, paint_gate=None):
        super().__init__()
        self._paint_gate = paint_gate
        self._commands = queue.Queue()
        self._stop_requested = threading.Event()
        self._trainer = None
        self._stream = None        # the SnapshotStream of the current session
        self._playing = False
        self._speed = 0.0            # updates per second; 0 = as fast as possible
        self._example = 0
        self._last_snapshot_time = 0.0
        self._rate_mark = (0.0, 0)   # (time, update count) at the last rate reading
        self._updates_per_second = 0.0
        self._next_due = 0.0
        self._slice = 1
        self._boundary_time = 0.0   # when the last snapshot's boundary was computed

    def send(self, kind, value=None):
        """Queue a command; safe to call from any thread."""
        self._commands.put(Command(kind, value))

    def request_stop(self):
        """Stop as soon as the current command or slice is done, skipping queued ones."""
        self._stop_requested.set()
        self._commands.put(Command("stop"))

    # --- the loop ------------------------------------------------------------

    @Slot()
    def run(self):
        """The thread's main loop; returns when a "stop" command arrives."""
        while not self._stop_requested.is_set():
            command = self._next_command()
            if command is not None:
                if command.kind == "stop":
                    break
                self._guarded(self._handle, command)
            elif self._playing and self._trainer is not None:
                self._guarded(self._play_a_little)
        self.stopped.emit()
        self.thread().quit()

    def _next_command(self):
        if not self._playing:
            return self._commands.get()
        timeout = 0.0
        if self._speed > 0:
            timeout = max(0.0, self._next_due - time.perf_counter())
        try:
            if timeout > 0:
                return self._commands.get(timeout=timeout)
            return self._commands.get_nowait()
        except queue.Empty:
            return None

    def _guarded(self, action, *args):
        try:
            action(*args)
        except TrainingDiverged as error:
            self._set_playing(False)
            self._emit_snapshot()
            self.diverged.emit(str(error))
        except Exception as error:  # noqa: BLE001 - any bug must reach the window, not kill the thread
            traceback.print_exc(file=sys.stderr)
            self._set_playing(False)
            self.failed.emit(f"{type(error).__name__}: {error}")

    # --- commands ------------------------------------------------------------

    def _handle(self, command):
        kind, value = command.kind, command.value
        if kind == "build":
            dataset, model, train = value
            self._trainer = Trainer(dataset, model, train)
            self._start_session()
        elif self._trainer is None:
            return
        elif kind == "play":
            self._set_playing(True)
        elif kind == "pause":
            self._set_playing(False)
            self._emit_snapshot()
        elif kind == "step_phase":
            self._set_playing(False)
            record = self._trainer.step_phase()
            self._emit_snapshot(last_phase=record)
        elif kind == "step_update":
            self._set_playing(False)
            self._trainer.step_update()
            self._emit_snapshot()
        elif kind == "run_updates":
            self._set_playing(False)
            # In about a hundred steps, each with a snapshot, so the test cost and the
            # gradient norms (sampled once per snapshot) have a curve, not two points.
            remaining = int(value)
            chunk = max(1, remaining // 100)
            while remaining > 0 and not self._stop_requested.is_set():
                remaining -= self._trainer.run(min(chunk, remaining))
                self._emit_snapshot()
        elif kind == "step_epoch":
            self._set_playing(False)
            self._trainer.step_epoch()
            self._emit_snapshot()
        elif kind == "reset":
            self._set_playing(False)
            self._trainer.reset()
            self._start_session()
        elif kind == "learning_rate":
            self._trainer.set_learning_rate(value)
            self._emit_snapshot()
        elif kind == "l2":
            self._trainer.set_l2(value)
            self._emit_snapshot()
        elif kind == "batch_size":
            self._trainer.set_batch_size(value)
            self._emit_snapshot()
        elif kind == "speed":
            self._speed = float(value)
            self._next_due = time.perf_counter()
        elif kind == "example":
            self._example = int(value)
            self._emit_snapshot()
        else:
            raise ValueError(f"unknown command {kind!r}")

    def _set_playing(self, playing):
        if playing != self._playing:
            self._playing = playing
            self._next_due = time.perf_counter()
            self._rate_mark = (time.perf_counter(), self._trainer.update_count
                               if self._trainer else 0)
            self.playing_changed.emit(playing)

    def _start_session(self):
        self._updates_per_second = 0.0
        session = make_session_info(self._trainer)
        self._stream = SnapshotStream(self._trainer, session)
        self.session_ready.emit(session)
        self._emit_snapshot()

    # --- training ------------------------------------------------------------

    def _play_a_little(self):
        trainer = self._trainer
        if self._paint_gate is not None:
            self._paint_gate.wait_until_open()
        if self._speed > 0:
            # Throttled (lecture speed): one update when it is due.
            trainer.run(1)
            self._next_due = max(self._next_due + 1.0 / self._speed, time.perf_counter())
        else:
            self._run_a_slice()
        if time.perf_counter() - self._last_snapshot_time >= SNAPSHOT_INTERVAL:
            self._emit_snapshot()

    def _run_a_slice(self):
        trainer = self._trainer
        start = time.perf_counter()
        keep_going = self._paint_gate.is_open if self._paint_gate is not None else None
        if trainer.run(self._slice, keep_going) < self._slice:
            return  # stopped for a paint: the slice size says nothing about speed
        elapsed = time.perf_counter() - start
        # Size the next slice so that commands are looked at every few milliseconds.
        if elapsed < SLICE_SECONDS / 2:
            self._slice = min(self._slice * 2, 100_000)
        elif elapsed > SLICE_SECONDS * 2 and self._slice > 1:
            self._slice //= 2

    def _measure_rate(self):
        now = time.perf_counter()
        then, count = self._rate_mark
        if self._playing and now - then >= 0.25:
            self._updates_per_second = (self._trainer.update_count - count) / (now - then)
            self._rate_mark = (now, self._trainer.update_count)
        elif not self._playing:
            self._updates_per_second = 0.0

    def _emit_snapshot(self, last_phase=None):
        if self._trainer is None:
            return
        self._measure_rate()
        now = time.perf_counter()
        stream = self._stream
        reuse_boundary = (self._playing and stream.previous is not None and
                          now - self._boundary_time < BOUNDARY_INTERVAL)
        snapshot = stream.take(
            reuse_boundary, example_index=self._example, last_phase=last_phase,
            updates_per_second=self._updates_per_second, playing=self._playing)
        if not reuse_boundary:
            self._boundary_time = now
        self._last_snapshot_time = now
        self.snapshot_ready.emit(snapshot)
