"""The training worker's same-start comparisons: its commands to fork the main run, and
the forks kept in step with it (engine/run_group.py holds them).

Mixed into TrainingWorker (gui/worker.py), whose queue, trainer and snapshots it uses:
a fork's answer and its costs ride on the next Snapshot as a ForkReport.
"""
import time
from dataclasses import replace

from engine.run_group import EMPTY_REPORT, RunGroup

# How long one snapshot may spend bringing forks up to the main run, so that a fork made
# long after the start (or remade by a reset or undo) catches up over several snapshots
# instead of holding up the worker; commands waiting in the queue stop it sooner.
CATCH_UP_SECONDS = 0.2


class ForkCommands:
    """add_fork, remove_fork and clear_forks, safe to call from any thread."""

    def _init_forks(self):
        self.forks = RunGroup()

    # --- commands: each queued, run on the worker thread, answered by a snapshot ---

    def add_fork(self, change):
        """Fork the main run with `change` (an engine ForkChange, already checked): from
        its starting weights and batch order, brought up to its update count. A refusal
        comes back as the message of the next snapshot's ForkReport."""
        self._queue(self._add_fork, change)

    def remove_fork(self, key: int):
        """Forget the fork with this key."""
        self._queue(self._remove_fork, int(key))

    def clear_forks(self):
        """Forget every fork; the main run goes on alone."""
        self._queue(self._clear_forks)

    def _add_fork(self, change):
        self.forks.add(self._trainer, change, self._catch_up_slice())
        if not self._forks_catch_up():
            self._emit_snapshot()

    def _forks_catch_up(self):
        """Bring forks that are behind the main run (one just made, or remade for a run
        undo brought back) up to it a slice at a time, a snapshot with its progress
        after each, until they are there or a command (Pause, Escape, a step...) is
        waiting: then they stay behind, say so, and catch up a slice per snapshot.
        Returns whether it sent a snapshot."""
        if not self.forks.behind():
            return False
        message, refusal = self.forks.words()
        while self.forks.behind() and self._catch_up_may_go_on():
            label, update = self.forks.behind()[0]
            self.forks.say(f"Bringing the run with {label} up to the main run: update "
                           f"{update:,} of {self._trainer.update_count:,}…")
            self._emit_snapshot()
        for label, update in self.forks.behind():
            message = (f"{message} The run with {label} is at update {update:,} of "
                       f"{self._trainer.update_count:,} and catches up as the main run "
                       f"goes on.").strip()
        self.forks.say(message, refusal)
        self._emit_snapshot()
        return True

    def _remove_fork(self, key):
        self.forks.remove(key)
        self._emit_snapshot()

    def _clear_forks(self):
        self.forks.clear()
        self._emit_snapshot()

    # --- keeping in step -------------------------------------------------------------

    def _forks_keep_up(self, keep_going=None):
        """Bring the forks to the main run's update count, while keep_going() allows and
        for a slice of time at most (a fork far behind takes several). Without forks
        too: the group notes each step back of the main run for forks made later."""
        in_slice = self._catch_up_slice()
        self.forks.keep_up(self._trainer, in_slice if keep_going is None else
                           lambda: keep_going() and in_slice())

    def _with_forks(self, snapshot):
        """The snapshot with every fork brought up to it, or as near as a slice of time
        allows, and reported (unless quitting)."""
        self._forks_keep_up()
        report = self.forks.report()
        return snapshot if report is EMPTY_REPORT else replace(snapshot, forks=report)

    def _catch_up_slice(self):
        """keep_going for the forks: for CATCH_UP_SECONDS, while no command waits."""
        until = time.perf_counter() + CATCH_UP_SECONDS
        return lambda: self._catch_up_may_go_on() and time.perf_counter() < until

    def _catch_up_may_go_on(self):
        return not self._stop_requested.is_set() and self._commands.empty()
