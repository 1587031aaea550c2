"""The training worker: a QObject that lives on its own QThread and owns the Trainer.

It blocks on a command queue whenever it is paused, so one Step is exactly one step,
and while playing it checks the queue between short slices of training. A long command
(step epoch, run N updates) cannot look at the queue, so it asks between updates whether
it has been interrupted or the worker told to stop. Only frozen, read-only copies
(SessionInfo, Snapshot, CommandProgress) and strings leave it, through its signals.
"""
import itertools
import queue
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, Signal, Slot

from engine.config import TrainConfig
from engine.gradcheck import GradientCheckStopped
from engine.snapshot import SnapshotStream, make_session_info
from engine.trainer import Trainer, TrainingDiverged
from engine.trainer_gradcheck import check_trainer

from .command_progress import RUN_UPDATES, STEP_EPOCH, CommandProgress
from .phase_pace import DEFAULT_PACE, check_phase_pace, shows_phases_at
from .undo import Run, RunKeeper
from .worker_forks import ForkCommands

SNAPSHOT_INTERVAL = 1 / 20  # seconds between snapshots while playing flat out
# A snapshot of a large model on many points takes seconds (it predicts every example
# and the whole boundary grid); after one that took t seconds the next waits at least
# SNAPSHOT_SPACING * t, so that training, not picture taking, has most of the time, but
# never more than LONGEST_SNAPSHOT_WAIT: the pictures should not stand still for long.
SNAPSHOT_SPACING = 3.0
LONGEST_SNAPSHOT_WAIT = 5.0
PROGRESS_INTERVAL = 0.1     # seconds between two looks at a long command's progress
BOUNDARY_INTERVAL = 1 / 6   # the decision boundary grid is predicted at most this often
SLICE_SECONDS = 0.004       # training between two looks at the command queue
STOP = object()             # queued by request_stop, so that a blocked worker wakes up


@dataclass(frozen=True)
class QueuedCommand:
    """One of the worker's command methods, bound to its arguments, waiting to run on
    the worker thread. Only build and set_speed mean something before the first build."""

    run: Callable[[], None]
    needs_trainer: bool = True


class TrainingWorker(ForkCommands, QObject):
    """Runs the engine. Talk to it only through its command methods, which queue the
    command and return at once; hear from it only by its signals."""

    session_ready = Signal(object)    # SessionInfo: a new model or a reset
    snapshot_ready = Signal(object)   # Snapshot
    diverged = Signal(str)            # training paused because the cost blew up
    failed = Signal(str)              # an unexpected error; the worker carries on
    playing_changed = Signal(bool)
    progress = Signal(object)         # CommandProgress of a long command
    stopped = Signal()
    undo_offer_changed = Signal(object)  # RunOffer of the run Ctrl+Z brings back, or None
    run_restored = Signal(object)        # RunOffer of the run just brought back

    def __init__(self, paint_gate=None):
        super().__init__()
        self._paint_gate = paint_gate
        self._commands = queue.Queue()
        self._stop_requested = threading.Event()
        self._trainer = None
        self._stream = None        # the SnapshotStream of the current session
        self._playing = False
        self._speed = 0.0            # updates per second; 0 = as fast as possible
        self._phase_play = False     # playing one phase per tick at _phase_pace
        self._phase_pace = DEFAULT_PACE   # phases per second of phase play
        self._last_snapshot_time = 0.0
        self._snapshot_seconds = 0.0  # how long the last snapshot took to take
        self._snapshot_shows = None   # (update, phase) of the trainer in the last snapshot
        self._example_index = 0       # the training example the snapshots follow
        self._tickets = itertools.count(1)
        self._last_ticket = 0           # of the newest long command queued
        self._interrupted_through = 0   # long commands up to this ticket are to stop
        self._rate_mark = (0.0, 0)   # (time, update count) at the last rate reading
        self._updates_per_second = 0.0
        self._next_due = 0.0
        self._slice = 1
        self._boundary_time = 0.0   # when the last snapshot's boundary was computed
        self.runs = RunKeeper()     # the current run and the one undo brings back
        self._init_forks()          # same-start comparisons (gui/worker_forks.py)

    # --- commands: safe to call from any thread; each runs later on the worker's ---

    def build(self, dataset, model, train, window_settings=None):
        """Start a new session: a Trainer for this Dataset, ModelConfig and TrainConfig.
        Long commands queued before it stop: their run is about to be replaced.
        window_settings comes back in the RunOffer if this run is set aside and undone."""
        self.interrupt()
        self._queue(self._build, dataset, model, train, window_settings, needs_trainer=False)

    def set_speed(self, updates_per_second: float):
        """How many updates a second to train while playing; 0 is as fast as it can."""
        self._queue(self._set_speed, updates_per_second, needs_trainer=False)

    def play(self):
        """Train until paused, stepped, reset or the cost blows up."""
        self._queue(self._play, False)

    def play_phases(self):
        """Play one phase per tick at the phase pace (set_phase_pace), each with its
        snapshot, until paused, stepped, reset or the cost blows up."""
        self._queue(self._play, True)

    def set_phase_pace(self, phases_per_second: float):
        """Phases per second of phase play (gui/phase_pace.py); applies at once."""
        self._queue(self._set_phase_pace, check_phase_pace(phases_per_second),
                    needs_trainer=False)

    def pause(self):
        """Stop training and send a snapshot of where it stopped."""
        self._queue(self._pause)

    def step_phase(self):
        """Pause and run one phase; its snapshot carries the PhaseRecord."""
        self._queue(self._step_phase)

    def step_update(self):
        """Pause and run the rest of the current update (a whole one between updates)."""
        self._queue(self._step_update)

    def step_back_phase(self):
        """Pause and undo the last phase (across update boundaries, as far back as the
        trainer keeps); the snapshot carries the record of the phase before it."""
        self._queue(self._step_back, "phase")

    def step_back_update(self):
        """Pause and go back to the start of this update, or of the one before."""
        self._queue(self._step_back, "update")

    def select_example(self, index: int):
        """Follow training example `index` (0-based) in the snapshots from now on."""
        self._queue(self._select_example, int(index))

    def step_epoch(self) -> int:
        """Pause and run updates until the current epoch ends, sending snapshots and
        progress along the way. A long command: returns its ticket (see interrupt)."""
        ticket = self._new_ticket()
        self._queue(self._step_epoch, ticket, needs_trainer=False)
        return ticket

    def run_updates(self, count: int) -> int:
        """Pause and run `count` updates in about a hundred steps, each with a snapshot,
        and progress along the way. A long command: returns its ticket (see interrupt)."""
        count = int(count)
        ticket = self._new_ticket()
        self._queue(self._run_updates, ticket, count, needs_trainer=False)
        return ticket

    def interrupt(self):
        """Stop the long command that runs now, between two updates, and skip every
        long command queued before this call; each still ends with a finished
        CommandProgress (and a snapshot, if it trained at all). Commands queued later
        are not affected."""
        self._interrupted_through = self._last_ticket

    def reset(self):
        """Pause and go back to the initial weights: a new session of the same model.
        Long commands queued before it stop, as for build."""
        self.interrupt()
        self._queue(self._reset)

    def undo(self):
        """Pause and bring back the run the last build or reset set aside, if any."""
        self._queue(self._undo)

    def set_learning_rate(self, value: float):
        """The learning rate alpha, from the next update on."""
        self._queue(self._set_learning_rate, value)

    def set_l2(self, value: float):
        """The L2 strength lambda, from the next update on."""
        self._queue(self._set_l2, value)

    def set_batch_size(self, value: int):
        """Examples per update (0 is the whole training set), from the next update on."""
        self._queue(self._set_batch_size, value)

    def request_stop(self):
        """Stop as soon as the current command or slice is done, skipping queued ones."""
        self._stop_requested.set()
        self._commands.put(STOP)

    def _queue(self, method, *args, needs_trainer=True):
        self._commands.put(QueuedCommand(partial(method, *args), needs_trainer))

    def _new_ticket(self):
        self._last_ticket = next(self._tickets)
        return self._last_ticket

    # --- the loop ------------------------------------------------------------

    @Slot()
    def run(self):
        """The thread's main loop; returns once request_stop has been called."""
        while not self._stop_requested.is_set():
            command = self._next_command()
            if command is STOP:
                break
            if command is not None:
                if self._trainer is not None or not command.needs_trainer:
                    self._guarded(command.run)
            elif self._playing and self._trainer is not None:
                self._guarded(self._play_a_little)
        self.stopped.emit()
        self.thread().quit()

    def _next_command(self):
        if not self._playing:
            return self._commands.get()
        timeout = 0.0
        if self._phase_play or self._speed > 0:
            timeout = max(0.0, self._next_due - time.perf_counter())
        try:
            if timeout > 0:
                return self._commands.get(timeout=timeout)
            return self._commands.get_nowait()
        except queue.Empty:
            return None

    def _guarded(self, action, *args):
        trainer, start = self._trainer, time.perf_counter()
        try:
            action(*args)
        except TrainingDiverged as error:
            self._set_playing(False)
            self._emit_snapshot(diverged_update=error.update)
            self.diverged.emit(str(error))
        except Exception as error:  # noqa: BLE001 - any bug must reach the window, not kill the thread
            traceback.print_exc(file=sys.stderr)
            self._set_playing(False)
            self.failed.emit(f"{type(error).__name__}: {error}")
        finally:
            self.runs.add_training_time(trainer, time.perf_counter() - start)

    # --- what the commands do, on the worker thread ----------------------------

    def _build(self, dataset, model, train, window_settings):
        self._trainer = Trainer(dataset, model, train)
        self._example_index = 0
        self._start_session(window_settings)

    def _set_speed(self, updates_per_second):
        self._speed = float(updates_per_second)
        self._next_due = time.perf_counter()

    def _play(self, phases):
        if phases != self._phase_play:
            self._phase_play = phases
            self._next_due = time.perf_counter()
        self._set_playing(True)

    def _set_phase_pace(self, phases_per_second):
        if self._phase_play and self._playing:
            # The next phase comes one new interval after the last one, not at the old time.
            self._next_due += 1.0 / phases_per_second - 1.0 / self._phase_pace
        self._phase_pace = phases_per_second

    def _pause(self):
        self._set_playing(False)
        self._emit_snapshot()

    def _step_phase(self):
        self._set_playing(False)
        record = self._trainer.step_phase()
        self._emit_snapshot(last_phase=record)

    def _step_update(self):
        self._set_playing(False)
        self._trainer.step_update()
        self._emit_snapshot()

    def _step_back(self, how):
        self._set_playing(False)
        trainer = self._trainer
        try:
            if how == "phase":
                trainer.step_back_phase()
            else:
                trainer.step_back_update()
        except IndexError:
            pass   # at the oldest start kept: the snapshot shows where it stays
        self._emit_snapshot()

    def _select_example(self, index):
        self._example_index = index
        if self._trainer is not None:
            self._emit_snapshot()

    def _step_epoch(self, ticket):
        trainer = self._trainer
        if trainer is None:
            self.progress.emit(CommandProgress(ticket, STEP_EPOCH, 0, 0, finished=True))
            return
        epoch = trainer.epoch_count

        def advance(keep_going):
            trainer.step_epoch(keep_going)
            return trainer.epoch_count != epoch

        left = trainer.updates_per_epoch - trainer.batch_index
        self._run_long_command(ticket, STEP_EPOCH, left, advance)

    def _run_updates(self, ticket, count):
        trainer = self._trainer
        if trainer is None:
            self.progress.emit(CommandProgress(ticket, RUN_UPDATES, 0, count, finished=True))
            return
        first = trainer.update_count
        # In about a hundred steps, each with a snapshot, so the test cost and the
        # gradient norms (sampled once per snapshot) have a curve, not two points.
        chunk = max(1, count // 100)

        def advance(keep_going):
            done = trainer.update_count - first
            step_end = min(count, (done // chunk + 1) * chunk)
            trainer.run(step_end - done, keep_going)
            if trainer.update_count - first == count:
                return True
            if trainer.update_count - first == step_end:
                self._emit_snapshot()
            return False

        self._run_long_command(ticket, RUN_UPDATES, count, advance)

    def _run_long_command(self, ticket, kind, total, advance):
        """Train by calls of advance(keep_going), each running updates while keep_going()
        allows and returning True once the command is complete; in between, send
        snapshots and progress. Stops early when interrupted or told to stop."""
        self._set_playing(False)
        first = self._trainer.update_count
        self._last_snapshot_time = time.perf_counter()  # the one before shows the start
        sent = CommandProgress(ticket, kind, 0, total)
        self.progress.emit(sent)
        try:
            while not self._long_command_cancelled(ticket):
                if self._paint_gate is not None:
                    self._paint_gate.wait_until_open()
                look_again = time.perf_counter() + PROGRESS_INTERVAL
                if advance(partial(self._may_go_on, ticket, look_again)):
                    break
                if self._snapshot_due():
                    self._emit_snapshot()
                now = CommandProgress(ticket, kind, self._trainer.update_count - first, total)
                if now.done != sent.done:
                    sent = now
                    self.progress.emit(now)
        finally:
            # Quitting does not wait for a snapshot, which can take seconds, nor does a
            # command that was skipped or has not trained since the last one.
            trainer = self._trainer
            if (not self._stop_requested.is_set() and
                    self._snapshot_shows != (trainer.update_count, trainer.phase)):
                self._emit_snapshot()
            self.progress.emit(CommandProgress(
                ticket, kind, self._trainer.update_count - first, total, finished=True))

    def _long_command_cancelled(self, ticket):
        return self._stop_requested.is_set() or ticket <= self._interrupted_through

    def _may_go_on(self, ticket, look_again):
        """keep_going of a long command: asked before each update."""
        return not (self._long_command_cancelled(ticket) or
                    time.perf_counter() >= look_again or
                    (self._paint_gate is not None and not self._paint_gate.is_open()))

    def _reset(self):
        # A new Trainer rather than trainer.reset(), so that the old run can be undone.
        self._set_playing(False)
        old = self._trainer
        self._trainer = Trainer(old.dataset, old.model,
                                TrainConfig(old.learning_rate, old.l2, old.batch_size), old.fast)
        self._start_session(self.runs.current.window_settings)

    def _undo(self):
        run = self.runs.bring_back()
        if run is None:
            return
        self._set_playing(False)
        self._trainer, self._stream = run.trainer, run.stream
        self._updates_per_second = 0.0
        self.session_ready.emit(run.stream.session)
        self._emit_snapshot()   # with the costs of the updates not sent before it was set aside
        self.run_restored.emit(run.offer())
        self.undo_offer_changed.emit(self.runs.offer())
        self._forks_catch_up()  # remade from the start for it

    def _set_learning_rate(self, value):
        self._trainer.set_learning_rate(value)
        self.forks.follow(self._trainer, "learning_rate", value)
        self._emit_snapshot()

    def _set_l2(self, value):
        self._trainer.set_l2(value)
        self.forks.follow(self._trainer, "l2", value)
        self._emit_snapshot()

    def _set_batch_size(self, value):
        self._trainer.set_batch_size(value)
        self.forks.follow(self._trainer, "batch_size", value)
        self._emit_snapshot()

    def _set_playing(self, playing):
        if playing != self._playing:
            self._playing = playing
            self.runs.set_playing(playing)
            self._next_due = time.perf_counter()
            self._rate_mark = (time.perf_counter(), self._trainer.update_count
                               if self._trainer else 0)
            self.playing_changed.emit(playing)

    def _start_session(self, window_settings=None):
        self._updates_per_second = 0.0
        session = make_session_info(self._trainer)
        self._stream = SnapshotStream(self._trainer, session)
        self.forks.watch(self._trainer)
        self.runs.start(Run(self._trainer, self._stream, window_settings))
        self.session_ready.emit(session)
        self._emit_snapshot()
        self.undo_offer_changed.emit(self.runs.offer())

    # --- training ------------------------------------------------------------

    def _play_a_little(self):
        trainer = self._trainer
        if self._paint_gate is not None:
            self._paint_gate.wait_until_open()
        if self._phase_play:
            self._play_one_phase(1.0 / self._phase_pace)
            return
        if shows_phases_at(self._speed):
            # Lecture speed: each update played as its phases, spread over its interval.
            self._play_one_phase(1.0 / (self._speed * trainer.phases_per_update))
            return
        if self._speed > 0:
            # Throttled: one update when it is due.
            trainer.run(1)
            self._next_due = max(self._next_due + 1.0 / self._speed, time.perf_counter())
        else:
            self._run_a_slice()
        self._forks_keep_up(self._paint_gate.is_open if self._paint_gate is not None else None)
        if self._snapshot_due():
            self._emit_snapshot()

    def _play_one_phase(self, interval):
        """One tick of phase-by-phase play: exactly one phase, and its snapshot."""
        record = self._trainer.step_phase()
        self._next_due = max(self._next_due + interval, time.perf_counter())
        self._emit_snapshot(last_phase=record)

    def _phase_by_phase(self):
        return self._playing and (self._phase_play or shows_phases_at(self._speed))

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

    def _snapshot_due(self):
        wait = max(SNAPSHOT_INTERVAL,
                   min(SNAPSHOT_SPACING * self._snapshot_seconds, LONGEST_SNAPSHOT_WAIT))
        return time.perf_counter() - self._last_snapshot_time >= wait

    def _emit_snapshot(self, last_phase=None, diverged_update=None):
        """Send a Snapshot; last_phase defaults to the last phase stepped in the current
        update (or the one just stepped through), which every command's snapshot shows;
        diverged_update: the update a divergence undid, when it just paused training."""
        if self._trainer is None:
            return
        if last_phase is None and self._trainer.phase_records:
            last_phase = self._trainer.phase_records[-1]
        self._measure_rate()
        now = time.perf_counter()
        stream = self._stream
        reuse_boundary = (self._playing and stream.previous is not None and
                          now - self._boundary_time < BOUNDARY_INTERVAL)
        rate = self._updates_per_second
        if self._phase_by_phase() and not self._phase_play:
            rate = self._speed   # measured between two phases, it would jump about
        snapshot = stream.take(
            reuse_boundary, last_phase=last_phase, example_index=self._example_index,
            updates_per_second=rate, playing=self._playing,
            phase_by_phase=self._phase_by_phase(),
            phase_pace=self._phase_pace if self._playing and self._phase_play else 0.0,
            diverged_update=diverged_update)
        if not reuse_boundary:
            self._boundary_time = now
        self._last_snapshot_time = time.perf_counter()
        self._snapshot_seconds = self._last_snapshot_time - now
        self._snapshot_shows = (snapshot.update, snapshot.phase)
        self.snapshot_ready.emit(self._with_forks(snapshot))

    # --- the gradient check: its command, signals and work, kept together --------------
    # The report is frozen and its arrays read-only, like the snapshots.

    gradients_checked = Signal(object)    # GradientCheckReport (engine/trainer_gradcheck.py)
    gradient_check_failed = Signal(str)   # why a check has no report: no model, stopped, a bug

    def check_gradients(self):
        """Compare backprop's gradients of the parameters as they are when the command
        runs with finite differences; a report or a reason comes back by a signal.
        Training, if playing, waits for it (a second or two). Stopped like a long
        command by interrupt(), and so by Escape, a new build or a reset."""
        ticket = self._new_ticket()
        self._queue(self._check_gradients, ticket, needs_trainer=False)

    def _check_gradients(self, ticket):
        if self._trainer is None:
            self.gradient_check_failed.emit(
                "There is no model to check yet: choose data and a model that fits it first.")
            return

        def keep_going():
            if self._paint_gate is not None:
                self._paint_gate.wait_until_open()
            return not self._long_command_cancelled(ticket)

        try:
            report = check_trainer(self._trainer, keep_going)
        except GradientCheckStopped:
            self.gradient_check_failed.emit(
                "The gradient check was stopped before it finished (by Escape, Reset or a "
                "new model). Press G to check again.")
        except Exception as error:  # noqa: BLE001 - the window says so; the worker carries on
            traceback.print_exc(file=sys.stderr)
            self.gradient_check_failed.emit(
                f"The gradient check could not finish: {type(error).__name__}: {error}")
        else:
            self.gradients_checked.emit(report)
