"""The training worker's same-start comparisons: its commands to fork the main run, and
the forks kept in step with it (engine/run_group.py holds them).

Mixed into TrainingWorker (gui/worker.py), whose queue, trainer and snapshots it uses:
a fork's answer and its costs ride on the next Snapshot as a ForkReport.
"""
from dataclasses import replace

from engine.run_group import EMPTY_REPORT, RunGroup


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
        self.forks.add(self._trainer, change)
        self._emit_snapshot()

    def _remove_fork(self, key):
        self.forks.remove(key)
        self._emit_snapshot()

    def _clear_forks(self):
        self.forks.clear()
        self._emit_snapshot()

    # --- keeping in step -------------------------------------------------------------

    def _forks_keep_up(self, keep_going=None):
        """Bring the forks to the main run's update count, while keep_going() allows."""
        if self.forks.forks:
            self.forks.keep_up(self._trainer, keep_going)

    def _with_forks(self, snapshot):
        """The snapshot with every fork brought up to it and reported (unless quitting)."""
        self._forks_keep_up(self._still_running)
        report = self.forks.report()
        return snapshot if report is EMPTY_REPORT else replace(snapshot, forks=report)

    def _still_running(self):
        return not self._stop_requested.is_set()
