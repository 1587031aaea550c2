"""One step of undo for a run that was thrown away: the worker keeps the last run worth
keeping (more than a few seconds of training) when a new model, new data or a reset
replaces it, and can bring it back whole: its trainer, snapshot stream and session.

Lives on the worker thread; only RunOffer, a frozen summary, goes to the window.
"""
import time
from dataclasses import dataclass

KEEP_AFTER_SECONDS = 3.0   # a run that trained this long is worth bringing back


@dataclass(frozen=True)
class RunOffer:
    """What the window needs to offer the kept run back, and to show it once it is back.

    window_settings: whatever the window passed with the build (its panels' state);
    learning_rate, l2, batch_size: the trainer's settings when it was set aside."""

    session: object
    updates: int
    window_settings: object
    learning_rate: float
    l2: float
    batch_size: int


@dataclass
class Run:
    """A trainer with the stream that sends its snapshots and what made it."""

    trainer: object
    stream: object
    window_settings: object
    trained_seconds: float = 0.0

    def offer(self):
        t = self.trainer
        return RunOffer(self.stream.session, t.update_count, self.window_settings,
                        t.learning_rate, t.l2, t.batch_size)


class RunKeeper:
    """The current run and, at most, one earlier run that can be brought back.

    A run's training time is the wall-clock time it was playing (at lecture speed most of
    it is waiting between updates, and still time someone spent watching it) plus the
    time its step and run commands took.

    A run replaced before it trained KEEP_AFTER_SECONDS is dropped and leaves an earlier
    kept run where it is, so typing a layer size (a rebuild per keystroke) after a long
    run still lets Ctrl+Z bring the long run back."""

    def __init__(self, keep_after_seconds=KEEP_AFTER_SECONDS, clock=time.perf_counter):
        self.keep_after_seconds = keep_after_seconds
        self.current = None
        self.kept = None
        self._clock = clock
        self._playing = False
        self._since = clock()    # when the playing time was last added to the current run

    def start(self, run):
        """`run` replaces the current run, which is kept if it is worth keeping."""
        self._count_playing_time()
        self._set_aside(self.current)
        self.current = run

    def set_playing(self, playing):
        """Training started or stopped playing (whichever run is current)."""
        self._count_playing_time()
        self._playing = playing

    def add_training_time(self, trainer, seconds):
        """`trainer` spent `seconds` in a command; counted only for the current run and
        only while paused (while playing, the wall clock counts)."""
        if not self._playing and self.current is not None and self.current.trainer is trainer:
            self.current.trained_seconds += seconds

    def bring_back(self):
        """Swap the kept run in (the current one is kept in its place if it is worth
        keeping, so a second undo goes back again); returns it, or None if there is none."""
        run, self.kept = self.kept, None
        if run is None:
            return None
        self._count_playing_time()
        self._set_aside(self.current)
        self.current = run
        return run

    def offer(self):
        """The RunOffer of the kept run, or None."""
        return self.kept.offer() if self.kept is not None else None

    def _count_playing_time(self):
        now = self._clock()
        if self._playing and self.current is not None:
            self.current.trained_seconds += now - self._since
        self._since = now

    def _set_aside(self, run):
        if (run is not None and run.trainer.update_count > 0
                and run.trained_seconds >= self.keep_after_seconds):
            self.kept = run
